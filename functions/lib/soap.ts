import { AsyncLocalStorage } from 'node:async_hooks';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as soap from 'soap';
import { accountStore } from '../../shared/db/access/account-repository';
import type { Caller } from '../../shared/domain/access/caller';
import { roleOrganisationKind } from '../../shared/domain/access/roles';
import { signIn } from '../../shared/domain/access/sign-in';
import { EnvelopeError, scanEnvelope } from '../../shared/formats/soap/envelope-scan';
import { getPorts } from '../../shared/ports/ports';

/** Largest SOAP request accepted (node-soap buffers any size): 5 MB. Bulk data travels as files. */
export const maxSoapBytes = 5 * 1024 * 1024;

const callerStore = new AsyncLocalStorage<Caller>();

/** The authenticated system account of the SOAP call being served. */
export function soapCaller(): Caller {
  const caller = callerStore.getStore();
  if (!caller) throw new Error('No SOAP caller in context');
  return caller;
}

/** A caller's mistake in a SOAP operation: becomes a `soap:Client` Fault with a stable code. */
export class SoapClientFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Operation = (args: Record<string, unknown>) => Promise<unknown>;

export interface SoapServiceDefinition {
  service: string;
  port: string;
  wsdl: string;
  /** Operation name → implementation; the request element is `<Operation>Request`. */
  operations: Record<string, Operation>;
}

const xmlHeaders = { 'content-type': 'text/xml; charset=utf-8', 'x-content-type-options': 'nosniff' };

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A SOAP 1.1 Fault. Caller mistakes answer HTTP 400 (`soap:Client`), our failures 500 (`soap:Server`). */
export function faultResponse(
  side: 'Client' | 'Server',
  code: string,
  message: string,
): APIGatewayProxyResult {
  return {
    statusCode: side === 'Client' ? 400 : 500,
    headers: xmlHeaders,
    body:
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
      `<faultcode>soap:${side}</faultcode><faultstring xml:lang="ru">${escapeXml(message)}</faultstring>` +
      `<detail><omslink:error xmlns:omslink="urn:omslink:fault:1"><omslink:code>${escapeXml(code)}</omslink:code>` +
      `<omslink:message>${escapeXml(message)}</omslink:message></omslink:error></detail>` +
      '</soap:Fault></soap:Body></soap:Envelope>',
  };
}

function basicCredentials(event: APIGatewayProxyEvent): { username: string; password: string } | null {
  const header = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i > 0 ? { username: decoded.slice(0, i), password: decoded.slice(i + 1) } : null;
}

/**
 * Builds the Lambda handler of one SOAP service: `GET ?wsdl` returns the WSDL; `POST` is size-capped, refuses
 * DOCTYPE and malformed XML, checks the operation exists, authenticates a system account (WS-Security
 * UsernameToken or HTTP Basic), then lets node-soap dispatch. Every error leaves as a clean SOAP Fault.
 */
export function soapHandler(definition: SoapServiceDefinition) {
  const path = `/soap/${definition.service}`;
  let serverReady: Promise<soap.Server> | undefined;
  const server = () => {
    serverReady ??= new Promise((resolve, reject) => {
      const services = {
        [definition.service]: {
          [definition.port]: Object.fromEntries(
            Object.entries(definition.operations).map(([name, op]) => [
              name,
              async (args: Record<string, unknown>) => {
                try {
                  return await op(args ?? {});
                } catch (error) {
                  if (error instanceof SoapClientFault) {
                    throw {
                      Fault: {
                        faultcode: 'soap:Client',
                        faultstring: error.message,
                        detail: { code: error.code },
                      },
                    };
                  }
                  throw error;
                }
              },
            ]),
          ),
        },
      };
      const s = soap.listen(null, {
        path,
        services,
        xml: definition.wsdl,
        suppressStack: true,
        returnFault: true,
        callback: (err: unknown) => (err ? reject(err) : resolve(s)),
      } as soap.IServerOptions);
    });
    return serverReady;
  };

  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      if (event.httpMethod === 'GET') {
        if (event.queryStringParameters && 'wsdl' in event.queryStringParameters) {
          return { statusCode: 200, headers: xmlHeaders, body: definition.wsdl };
        }
        return faultResponse(
          'Client',
          'SOAP-405',
          'Используйте POST для вызова операций или ?wsdl для описания сервиса',
        );
      }
      const body = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
        : (event.body ?? '');
      if (Buffer.byteLength(body) > maxSoapBytes) {
        return faultResponse('Client', 'SOAP-413', 'Запрос превышает допустимый размер 5 МБ');
      }
      if (!body.trim()) return faultResponse('Client', 'SOAP-400', 'Пустой запрос: ожидается SOAP-конверт');
      const scan = scanEnvelope(body);
      const operation = scan.bodyElement?.replace(/Request$/, '');
      if (!operation || !(operation in definition.operations)) {
        return faultResponse(
          'Client',
          'SOAP-404',
          `Неизвестная операция: ${scan.bodyElement ?? 'не указана'}`,
        );
      }
      const credentials =
        scan.username && scan.password
          ? { username: scan.username, password: scan.password }
          : basicCredentials(event);
      if (!credentials) {
        return faultResponse(
          'Client',
          'AUTH-401',
          'Требуется аутентификация: WS-Security UsernameToken или HTTP Basic',
        );
      }
      const sql = await getPorts().sql();
      const result = await signIn(accountStore(sql), credentials.username, credentials.password, 'system');
      if (!result.ok) {
        return result.reason === 'locked'
          ? faultResponse('Client', 'AUTH-423', 'Системная учётная запись временно заблокирована')
          : faultResponse('Client', 'AUTH-401', 'Неверное имя системной учётной записи или пароль');
      }
      const caller: Caller = {
        username: result.account.username,
        role: result.account.role,
        orgCode: result.account.orgCode,
        orgKind: roleOrganisationKind[result.account.role],
        channel: 'soap',
      };
      const s = await server();
      const response = await callerStore.run(caller, () =>
        s.processRequest(body, { url: path, method: 'POST', headers: event.headers ?? {} }),
      );
      const isFault = response.body.includes(':Fault>') || response.body.includes('<Fault>');
      const clientFault = isFault && response.body.includes('soap:Client');
      return {
        statusCode: isFault ? (clientFault ? 400 : 500) : response.statusCode,
        headers: xmlHeaders,
        body:
          isFault && !clientFault
            ? faultResponse('Server', 'SOAP-500', 'Внутренняя ошибка сервиса').body
            : response.body,
      };
    } catch (error) {
      if (error instanceof EnvelopeError) {
        return error.code === 'doctype'
          ? faultResponse('Client', 'SOAP-DTD', 'DOCTYPE в запросе запрещён')
          : faultResponse('Client', 'SOAP-XML', 'Запрос не является корректным XML');
      }
      console.error(
        JSON.stringify({ level: 'error', service: definition.service, error: (error as Error)?.name }),
      );
      return faultResponse('Server', 'SOAP-500', 'Внутренняя ошибка сервиса');
    }
  };
}
