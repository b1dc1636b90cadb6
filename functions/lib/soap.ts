import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { auditSignIn } from '../../shared/platform/access/account-repository';
import { roleOrganisationKind } from '../../shared/platform/access/roles';
import { type AccessContext, withCaller } from '../../shared/platform/access/scoped';
import { readConfig } from '../../shared/platform/config';
import type { Tx } from '../../shared/platform/db/connection';
import { dbRefusal, retryAfterSeconds } from '../../shared/platform/db/db-errors';
import type { FlkIssue } from '../../shared/platform/flk/issue';
import { Refusal } from '../../shared/platform/flk/refusal';
import {
  type EnvelopeScan,
  scanEnvelope,
  soap11Namespace,
} from '../../shared/platform/formats/soap/envelope-scan';
import { soapResponse } from '../../shared/platform/formats/soap/soap-response';
import {
  requestStructureIssues,
  structureIssues,
  type XsdElement,
  type XsdShapes,
  xsdShapes,
} from '../../shared/platform/formats/soap/xsd-shapes';
import { getPorts } from '../../shared/platform/ports/ports';
import { checkSoapAction, requestActions, wsdlActions } from './soap-action';
import { soapAddress, withSoapAddress } from './soap-address';
import { decodeSoapBody } from './soap-charset';
import { authenticateSystem, throttledMessage } from './system-credentials';

/** Largest SOAP request accepted: 5 MB. Bulk data travels as files. */
export const maxSoapBytes = 5 * 1024 * 1024;

/**
 * The Fault answering a request above the service's cap (`maxSoapBytes` unless the service sets its own, with
 * its own message), also sent by the local server above its body limit (`SoapHandler.oversizeFault`).
 */
export function oversizeFault(message = 'Запрос превышает допустимый размер 5 МБ'): APIGatewayProxyResult {
  return { ...faultResponse('Client', 'SOAP-413', message), statusCode: 413 };
}

/**
 * One SOAP call being served, handed to its operation: who calls (the authenticated system account, with the
 * call's request id) and the declaration of its request element. (Passed explicitly: an AsyncLocalStorage here
 * switched on Node's promise hooks for every promise of the process, about a tenth of a poll's CPU.)
 */
export interface SoapCall {
  caller: AccessContext;
  request?: XsdElement;
}

type Xml = Record<string, unknown>;

/**
 * The records of a package — the element `name` the request may hold more than once (`Referral`, `Person` …) —
 * with each record's structure issues against the WSDL (shared/platform/formats/soap/xsd-shapes.ts: an unknown
 * element, a single element repeated, elements inside a value, text where elements belong). A record with
 * issues is rejected on its own, with them; the others go on. The request holds one object for one occurrence
 * and an array for several; a record that is not an element of elements is `{}` (its issues say why).
 */
export function soapRecords(
  call: SoapCall,
  args: Xml,
  name: string,
): { records: Xml[]; issues: FlkIssue[][] } {
  const decl = call.request?.content?.elements.get(name);
  const value = args[name];
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return {
    records: list.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? (r as Xml) : {})),
    issues: list.map((r) => (decl ? structureIssues(decl, r) : [])),
  };
}

/** Runs `fn` in a transaction scoped to the SOAP caller: row-level security and the audit log know who acts. */
export async function soapDb<T>(call: SoapCall, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withCaller(await getPorts().sql(), call.caller, fn);
}

/**
 * A package header names its sender; a system account may only send for its own organisation. Anything else
 * is a `soap:Client` Fault for the whole request — nothing of it is stored.
 */
export function assertOwnSender(call: SoapCall, senderCode: unknown): void {
  const caller = call.caller;
  if (String(senderCode ?? '') !== caller.orgCode) {
    throw Refusal.forbidden(
      `Отправитель пакета (${String(senderCode ?? 'не указан').slice(0, 16)}) не совпадает с организацией учётной записи (${caller.orgCode})`,
    );
  }
}

type Operation = (args: Xml, call: SoapCall) => Promise<unknown>;

export interface SoapServiceDefinition {
  service: string;
  port: string;
  wsdl: string;
  /** Operation name → implementation; the request element is `<Operation>Request`. */
  operations: Record<string, Operation>;
  /**
   * Largest request of this service in bytes (default `maxSoapBytes`) and the Russian message of its 413 Fault,
   * which names the limit: for a service whose requests carry a file inline (RegistryService).
   */
  maxBytes?: number;
  oversizeMessage?: string;
}

/** A SOAP service's Lambda handler, with its size cap and the Fault refusing a request above it. */
export type SoapHandler = ((event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) & {
  readonly maxBytes: number;
  oversizeFault(): APIGatewayProxyResult;
};

const xmlHeaders = { 'content-type': 'text/xml; charset=utf-8', 'x-content-type-options': 'nosniff' };

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One FLK issue in a Fault's detail: the protocol's FlkError children, in the fault namespace. */
function issueXml(issue: FlkIssue): string {
  const el = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<omslink:${name}>${escapeXml(value)}</omslink:${name}>`;
  return (
    `<omslink:issue>${el('Code', issue.code)}${el('Rule', issue.rule)}${el('Severity', issue.severity)}` +
    `${el('Field', issue.field)}${el('Value', issue.value)}${el('Message', issue.message)}</omslink:issue>`
  );
}

/**
 * A SOAP 1.1 Fault, the one shape of every Fault (documented in the WSDL, shared/platform/formats/soap/wsdl.ts):
 * `<detail><omslink:error xmlns:omslink="urn:omslink:fault:1">` with the stable code, the Russian message and
 * the FLK issues. Caller mistakes answer HTTP 400 (`soap:Client`; `soap:VersionMismatch` for an envelope that
 * is not SOAP 1.1, SOAP 1.1 §4.4.1), our failures 500 (`soap:Server`).
 */
export function faultResponse(
  side: 'Client' | 'VersionMismatch' | 'Server',
  code: string,
  message: string,
  issues: readonly FlkIssue[] = [],
): APIGatewayProxyResult {
  return {
    statusCode: side === 'Server' ? 500 : 400,
    headers: xmlHeaders,
    body:
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
      `<faultcode>soap:${side}</faultcode><faultstring xml:lang="ru">${escapeXml(message)}</faultstring>` +
      `<detail><omslink:error xmlns:omslink="urn:omslink:fault:1"><omslink:code>${escapeXml(code)}</omslink:code>` +
      `<omslink:message>${escapeXml(message)}</omslink:message>${issues.map(issueXml).join('')}</omslink:error></detail>` +
      '</soap:Fault></soap:Body></soap:Envelope>',
  };
}

/** A refused request as a Fault: the caller's mistake (400, 413 for size), or unavailability (`soap:Server`, 503). */
function refusalFault(refusal: Refusal): APIGatewayProxyResult {
  if (refusal.reason === 'unavailable') {
    const fault = faultResponse('Server', refusal.code, refusal.detail, refusal.issues);
    return {
      ...fault,
      statusCode: 503,
      headers: { ...fault.headers, 'retry-after': String(retryAfterSeconds) },
    };
  }
  const fault = faultResponse('Client', refusal.code, refusal.detail, refusal.issues);
  return refusal.reason === 'too_large' ? { ...fault, statusCode: 413 } : fault;
}

/** A refusal, or a database error classified as one (db-errors.ts: unavailable, or data refused by a constraint). */
function asRefusal(error: unknown): Refusal | null {
  return error instanceof Refusal ? error : dbRefusal(error);
}

function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

/**
 * What the envelope must be before anything runs, or the Fault refusing it: a SOAP 1.1 `Envelope` (another
 * version or namespace: `soap:VersionMismatch`), exactly one element in its `Body`, that element in the
 * service's namespace and naming one of its operations (`<Op>Request`).
 */
function envelopeFault(
  scan: EnvelopeScan,
  shapes: XsdShapes,
  operations: Record<string, Operation>,
): { fault: APIGatewayProxyResult } | { operation: string } {
  if (scan.root?.name !== 'Envelope') {
    return {
      fault: faultResponse(
        'Client',
        'SOAP-400',
        `Запрос не является SOAP-конвертом: ожидается корневой элемент Envelope пространства имён ${soap11Namespace}`,
      ),
    };
  }
  if (scan.root.namespace !== soap11Namespace) {
    return {
      fault: faultResponse(
        'VersionMismatch',
        'SOAP-VERSION',
        `Поддерживается SOAP 1.1: пространство имён конверта должно быть ${soap11Namespace}, а не ${scan.root.namespace ? scan.root.namespace.slice(0, 100) : 'пустое'}`,
      ),
    };
  }
  const element = scan.bodyElement;
  if (!element || scan.bodyElementCount !== 1) {
    const found = scan.bodyElementCount === 0 ? 'нет ни одного' : `их ${scan.bodyElementCount}`;
    return {
      fault: faultResponse(
        'Client',
        'SOAP-400',
        `В теле SOAP-запроса должен быть ровно один элемент операции (<Операция>Request), а ${found}`,
      ),
    };
  }
  const operation = element.name.replace(/Request$/, '');
  if (!element.name.endsWith('Request') || !Object.hasOwn(operations, operation)) {
    return {
      fault: faultResponse('Client', 'SOAP-404', `Неизвестная операция: ${element.name.slice(0, 64)}`),
    };
  }
  if (element.namespace !== shapes.namespace) {
    return {
      fault: faultResponse(
        'Client',
        'SOAP-404',
        `Неизвестная операция: элемент ${element.name} должен быть в пространстве имён ${shapes.namespace}, а не ${element.namespace ? element.namespace.slice(0, 100) : 'без пространства имён'}`,
      ),
    };
  }
  return { operation };
}

function basicCredentials(event: APIGatewayProxyEvent): { username: string; password: string } | null {
  const header = headerValue(event, 'authorization');
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i > 0 ? { username: decoded.slice(0, i), password: decoded.slice(i + 1) } : null;
}

/**
 * Builds the Lambda handler of one SOAP service: `GET ?wsdl` returns the WSDL; `POST` is size-capped (the
 * service's `maxBytes`), refuses DOCTYPE and malformed XML, an envelope that is not SOAP 1.1
 * (`soap:VersionMismatch`) and a Body without exactly one element, takes the operation from that element (`<Op>Request` in the service's namespace) and
 * refuses an unknown one or a SOAP action naming another operation, authenticates a system account
 * (WS-Security UsernameToken or HTTP Basic), then runs the body's operation on the request as read (envelope-scan.ts) — after the request's
 * structure outside its records was checked against the WSDL (an unknown or repeated element, more records than
 * `maxOccurs`: a Fault; the records' own structure is the operation's, `soapRecords`). Every error leaves as a
 * SOAP Fault of the one shape (`faultResponse`); a `Refusal` thrown by an operation becomes its Fault.
 */
export function soapHandler(definition: SoapServiceDefinition): SoapHandler {
  const actions = wsdlActions(definition.wsdl);
  const shapes = xsdShapes(definition.wsdl);
  const maxBytes = definition.maxBytes ?? maxSoapBytes;
  const oversize = () => oversizeFault(definition.oversizeMessage);
  const handle = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      if (event.httpMethod === 'GET') {
        if (event.queryStringParameters && 'wsdl' in event.queryStringParameters) {
          // The endpoint is where the client reached us (or the configured public URL), never the placeholder.
          const address = soapAddress(
            definition.service,
            { headers: event.headers, path: event.requestContext?.path ?? event.path },
            readConfig().publicUrl,
          );
          const wsdl = address ? withSoapAddress(definition.wsdl, address) : definition.wsdl;
          return { statusCode: 200, headers: xmlHeaders, body: wsdl };
        }
        return faultResponse(
          'Client',
          'SOAP-405',
          'Используйте POST для вызова операций или ?wsdl для описания сервиса',
        );
      }
      // Raw bytes (API Gateway binary media type) are decoded by their declared charset: Content-Type, then
      // the XML declaration, default UTF-8. A body that already arrived as text is taken as is.
      const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : (event.body ?? '');
      if ((typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length) > maxBytes) return oversize();
      const decoded = decodeSoapBody(raw, headerValue(event, 'content-type'));
      if (!decoded.ok) {
        return decoded.reason === 'unsupported'
          ? faultResponse(
              'Client',
              'SOAP-415',
              `Кодировка запроса «${decoded.declared}» не поддерживается: используйте UTF-8 или windows-1251`,
            )
          : faultResponse(
              'Client',
              'SOAP-415',
              `Запрос не является корректным текстом в кодировке ${decoded.encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}: укажите кодировку в заголовке Content-Type (charset) или в XML-декларации`,
            );
      }
      const body = decoded.text;
      if (!body.trim()) return faultResponse('Client', 'SOAP-400', 'Пустой запрос: ожидается SOAP-конверт');
      const scan = scanEnvelope(body);
      const envelope = envelopeFault(scan, shapes, definition.operations);
      if ('fault' in envelope) return envelope.fault;
      const { operation } = envelope;
      const action = checkSoapAction(requestActions(event.headers), operation, definition.service, actions);
      if (!action.ok) return faultResponse('Client', action.code, action.message);
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
      const requestId = event.requestContext?.requestId ?? '';
      const sourceIp = event.requestContext?.identity?.sourceIp;
      const result = await authenticateSystem(sql, credentials.username, credentials.password, sourceIp);
      if (!result.ok) {
        await auditSignIn(sql, credentials.username, 'sign_in_failed', 'soap', requestId);
        if (result.reason === 'throttled') {
          const fault = faultResponse('Client', 'AUTH-429', throttledMessage(result.retryAt));
          const wait = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
          return { ...fault, statusCode: 429, headers: { ...fault.headers, 'Retry-After': String(wait) } };
        }
        if (result.reason === 'locked') {
          return faultResponse('Client', 'AUTH-423', 'Системная учётная запись временно заблокирована');
        }
        if (result.reason === 'disabled') {
          return faultResponse('Client', 'AUTH-403', 'Системная учётная запись отключена');
        }
        return faultResponse('Client', 'AUTH-401', 'Неверное имя системной учётной записи или пароль');
      }
      const limit = result.account.rateLimitPerMinute ?? readConfig().systemRateLimit;
      if (result.calls > limit) {
        return faultResponse(
          'Client',
          'AUTH-429',
          `Превышен лимит вызовов (${limit} в минуту): повторите позже`,
        );
      }
      const caller: AccessContext = {
        username: result.account.username,
        role: result.account.role,
        orgCode: result.account.orgCode,
        orgKind: roleOrganisationKind[result.account.role],
        channel: 'soap',
        requestId,
      };
      const request = shapes.element(`${operation}Request`);
      const args = scan.request ?? {};
      const issues = request ? requestStructureIssues(request, args) : [];
      if (issues.length > 0) {
        const message =
          issues.length === 1 ? issues[0]!.message : `${issues[0]!.message} (замечаний: ${issues.length})`;
        return refusalFault(Refusal.invalid(issues, message));
      }
      const answer = await definition.operations[operation]!(args, { caller, request });
      return {
        statusCode: 200,
        headers: xmlHeaders,
        body: soapResponse(shapes.namespace, `${operation}Response`, answer as Record<string, unknown>),
      };
    } catch (error) {
      // The envelope refused (SOAP-DTD, SOAP-XML) or a refusal of the operation: a soap:Client Fault with its
      // code; the database lost: soap:Server, HTTP 503 with Retry-After. Anything else is ours: one soap:Server
      // Fault without details, the error's class in the log.
      const refusal = asRefusal(error);
      if (refusal) return refusalFault(refusal);
      console.error(
        JSON.stringify({
          level: 'error',
          service: definition.service,
          error: (error as Error)?.name,
          code: (error as { code?: string } | null)?.code,
        }),
      );
      return faultResponse('Server', 'SOAP-500', 'Внутренняя ошибка сервиса');
    }
  };
  return Object.assign(handle, { maxBytes, oversizeFault: oversize });
}
