import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { oversizeFault, type SoapHandler } from '../../functions/lib/soap';
import { isTokenRevoked } from '../../shared/platform/access/account-repository';
import { isUnavailable, retryAfterSeconds, unavailableMessage } from '../../shared/platform/db/db-errors';
import { localUploadPath } from '../../shared/platform/ports/local-upload-url';
import type { Ports } from '../../shared/platform/ports/ports';
import { apiGatewayEvent, type LocalRequest, lambdaContext } from './api-gateway-event';
import { loadHandler, matchRoute } from './route-table';
import { uploadReceiver } from './upload-receiver';

/** API Gateway's payload limit: larger requests are refused before any handler runs. */
const maxBodyBytes = 10 * 1024 * 1024;
/**
 * Up to this size the rest of an oversized body is read and discarded, so the answer arrives and the
 * keep-alive connection stays usable; beyond it the connection is closed after the answer.
 */
const maxDrainBytes = 64 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const staticHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
};

function problem(res: ServerResponse, status: number, title: string, detail?: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(
    JSON.stringify({ type: `urn:omslink:problem:${status}`, title, status, ...(detail ? { detail } : {}) }),
  );
}

/** The database is lost: 503 with Retry-After, as the REST wrapper answers it (shared/platform/db/db-errors.ts). */
function unavailable(res: ServerResponse) {
  res.writeHead(503, {
    'content-type': 'application/problem+json; charset=utf-8',
    'retry-after': String(retryAfterSeconds),
  });
  res.end(
    JSON.stringify({
      type: 'urn:omslink:problem:503',
      title: 'Сервис временно недоступен',
      status: 503,
      code: 'UNAVAILABLE',
      detail: unavailableMessage,
    }),
  );
}

type BodyResult =
  | { kind: 'body'; body: Buffer }
  /** Above `maxBodyBytes`, read to its end and discarded: the connection can be kept alive. */
  | { kind: 'too-large' }
  /** Above `maxDrainBytes`: reading stopped, the connection must close after the answer. */
  | { kind: 'far-too-large' }
  /** The client went away before the body ended: nobody to answer. */
  | { kind: 'aborted' };

/**
 * Reads the request body up to `maxBodyBytes`; an oversized one is drained (read, not kept) up to
 * `maxDrainBytes` so that an answer can be sent on a connection that stays in step.
 */
function readBody(req: IncomingMessage): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxDrainBytes) {
    return Promise.resolve({ kind: 'far-too-large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult | Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxDrainBytes) {
        req.pause();
        settle({ kind: 'far-too-large' });
      } else if (size > maxBodyBytes) {
        chunks.length = 0; // keep reading, keep nothing
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () =>
      settle(size > maxBodyBytes ? { kind: 'too-large' } : { kind: 'body', body: Buffer.concat(chunks) });
    const onError = (error: Error) => settle(error);
    const onClose = () => settle({ kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * The 413 answer: on SOAP routes the service's own Fault (SOAP-413 naming the service's cap, `SoapHandler`),
 * problem+json elsewhere.
 */
function tooLarge(res: ServerResponse, soapFault: APIGatewayProxyResult | null, closeConnection: boolean) {
  const close = closeConnection ? { connection: 'close' } : {};
  if (soapFault) {
    res.writeHead(soapFault.statusCode, { ...(soapFault.headers as Record<string, string>), ...close });
    res.end(soapFault.body);
    return;
  }
  res.writeHead(413, { 'content-type': 'application/problem+json; charset=utf-8', ...close });
  res.end(
    JSON.stringify({
      type: 'urn:omslink:problem:413',
      title: 'Запрос слишком велик',
      status: 413,
      detail: 'Допустимый размер — 10 МБ.',
    }),
  );
}

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export interface LocalHttpServerOptions {
  /** The secret the blob directory signs upload URLs with (`/local-uploads/…`); without it they are 404. */
  uploadSecret?: string;
}

/**
 * The local stand-in for API Gateway + CloudFront + S3's presigned uploads: serves the built web UI, turns each
 * API/SOAP request into the API Gateway event the Lambda would receive, calling the same handler module, and
 * takes uploads to the URLs the blob directory signs (upload-receiver.ts). `user` routes get the authorizer's
 * claims from the local token issuer, as the Cognito authorizer does in AWS.
 */
export function createLocalHttpServer(
  ports: Ports,
  webDist: string,
  options: LocalHttpServerOptions = {},
): Server {
  const receiveUpload = uploadReceiver(ports.blobs, options.uploadSecret);
  const serve = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    handle(req, res, expectsContinue).catch((error: Error) => {
      // The authorizer's stand-in reads the revocation list: without the database it answers as handlers do.
      if (isUnavailable(error) && !res.headersSent) return unavailable(res);
      console.error(JSON.stringify({ level: 'error', where: 'local-http', error: error.name }));
      if (!res.headersSent) problem(res, 500, 'Внутренняя ошибка сервиса');
      else res.end();
    });
  };
  const server = createServer((req, res) => serve(req, res, false));
  // `Expect: 100-continue` (curl sends it for large bodies): an upload is told to go on only once its URL and
  // declared size are accepted; every other request at once, as Node does by default.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(localUploadPath)) return serve(req, res, true);
    res.writeContinue();
    serve(req, res, false);
  });
  // What Node's HTTP parser refuses before a handler runs (a 20 KB URL, oversized headers, garbage) gets an
  // answer with a Russian problem body instead of a bare status line, then the connection closes.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLong = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLong ? 431 : 400;
    const body = JSON.stringify({
      type: `urn:omslink:problem:${status}`,
      title: tooLong ? 'Слишком длинный адрес или заголовки запроса' : 'Неверный HTTP-запрос',
      status,
      detail: tooLong
        ? 'Адрес и заголовки запроса вместе не должны превышать 16 КБ: передайте параметры в теле запроса.'
        : 'Запрос не удалось разобрать как HTTP/1.1.',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLong ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'content-type: application/problem+json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith(localUploadPath)) return receiveUpload(req, res, url, expectsContinue);
    // A malformed percent-escape in the path is the caller's mistake (API Gateway answers 400 too).
    if (!decodablePath(url.pathname)) return problem(res, 400, 'Неверный адрес запроса');
    const route = matchRoute(method, url.pathname);
    if (route === 'method-not-allowed') return problem(res, 405, 'Метод не поддерживается');
    if (!route) {
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/soap/')) {
        return problem(res, 404, 'Ресурс не найден', `${method} ${url.pathname}`);
      }
      return serveStatic(url.pathname, method, res);
    }
    const read = await readBody(req);
    if (read.kind === 'aborted') return void res.destroy();
    if (read.kind !== 'body') {
      const soapFault = url.pathname.startsWith('/soap/')
        ? (((await loadHandler(route.entry)) as Partial<SoapHandler>).oversizeFault?.() ?? oversizeFault())
        : null;
      return tooLarge(res, soapFault, read.kind === 'far-too-large');
    }
    const body = read.body;
    let claims: Record<string, string> | null = null;
    if (route.auth === 'user' || req.headers.authorization) {
      claims = await authorize(req.headers.authorization);
      if (route.auth === 'user' && !claims) return problem(res, 401, 'Требуется вход в систему');
    }
    const local: LocalRequest = {
      method,
      url,
      headers: req.headers,
      body,
      sourceIp: req.socket.remoteAddress ?? '',
    };
    const event = apiGatewayEvent(local, route.resource, route.pathParameters, claims);
    const handler = await loadHandler(route.entry);
    const result = (await handler(
      event,
      lambdaContext(route.name, event.requestContext.requestId),
      () => {},
    )) as APIGatewayProxyResult;
    const headers = { ...(result.headers ?? {}) } as Record<string, string>;
    res.writeHead(result.statusCode, headers);
    res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
  }

  async function authorize(header: string | undefined): Promise<Record<string, string> | null> {
    const token = header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token || !ports.tokens) return null;
    const claims = await ports.tokens.verify(token);
    if (!claims) return null;
    if (claims.jti && (await isTokenRevoked(await ports.sql(), claims.jti))) return null;
    return claims;
  }

  async function serveStatic(pathname: string, method: string, res: ServerResponse) {
    if (method !== 'GET' && method !== 'HEAD') return problem(res, 405, 'Метод не поддерживается');
    const relative = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(webDist, relative);
    if (!file.startsWith(webDist)) return problem(res, 404, 'Ресурс не найден');
    const isFile = await stat(file)
      .then((s) => s.isFile())
      .catch(() => false);
    // Single-page app: unknown paths without an extension are client-side routes.
    if (!isFile) {
      if (path.extname(relative)) return problem(res, 404, 'Ресурс не найден');
      file = path.join(webDist, 'index.html');
    }
    const exists = await stat(file)
      .then((s) => s.isFile())
      .catch(() => false);
    if (!exists) return problem(res, 503, 'Веб-интерфейс не собран', 'Выполните npm run build:web.');
    const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...staticHeaders,
    });
    if (method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }
}
