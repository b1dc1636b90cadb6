import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import type { BlobPort } from '../../shared/platform/ports/blobs';
import { checkLocalUpload } from '../../shared/platform/ports/local-upload-url';

/**
 * Up to this many bytes of a refused upload's body are read and discarded, so the answer arrives and the
 * connection stays in step; beyond it the connection is closed after the answer (as http-server.ts does).
 */
const maxDrainBytes = 64 * 1024 * 1024;

/**
 * Serves `PUT /local-uploads/<bucket>/<key>?expires=…&maxBytes=…&signature=…`, the local stand-in for a
 * presigned S3 PUT (shared/platform/ports/local-upload-url.ts): checks the signature and the expiry (403),
 * then streams the body into the blob port's `put` (temp file + rename) and refuses it with 413 as soon as it
 * passes maxBytes, leaving no file. Never holds the body in memory: packages can be hundreds of MB. Answers 200
 * with no body. `expectsContinue`: the client sent `Expect: 100-continue` and waits; it is told to go on only
 * once the URL and the declared size are accepted, so a refused upload is never sent at all.
 */
export function uploadReceiver(blobs: BlobPort, secret: string | undefined) {
  return async function receiveUpload(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    expectsContinue: boolean,
  ): Promise<void> {
    const no = (status: number, title: string, detail?: string) =>
      refuse(req, res, expectsContinue, { status, title, detail });
    const invalid = 'Ссылка для загрузки недействительна';
    if (!secret) return no(404, 'Ресурс не найден');
    if (req.method !== 'PUT') {
      res.setHeader('allow', 'PUT');
      return no(405, 'Метод не поддерживается', 'Файл загружается методом PUT.');
    }
    const check = checkLocalUpload(secret, 'PUT', url);
    if (!check.ok) {
      return check.reason === 'expired'
        ? no(403, 'Срок действия ссылки для загрузки истёк', 'Запросите новую ссылку.')
        : no(403, invalid);
    }
    const { bucket, key, maxBytes } = check.grant;
    if (bucket !== 'inbox') return no(403, invalid);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      return no(413, 'Файл слишком велик', sizeLimit(maxBytes));
    }
    if (expectsContinue) res.writeContinue();

    let received = 0;
    let exceeded = false;
    const body = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received <= maxBytes) return done(null, chunk);
        exceeded = true;
        done(new Error('The upload passed its size limit'));
      },
    });
    // A client gone mid-body ends the write (the port removes its temp file); the pipe does not pass it on.
    const onGone = () => {
      if (!req.complete) body.destroy(new Error('The client went away mid-upload'));
    };
    req.on('error', onGone);
    req.on('close', onGone);
    req.pipe(body);
    try {
      await blobs.put(bucket, key, body);
    } catch (error) {
      if (exceeded) {
        req.unpipe(body);
        return refuse(req, res, false, {
          status: 413,
          title: 'Файл слишком велик',
          detail: sizeLimit(maxBytes),
        });
      }
      if (req.destroyed && !req.complete) return void res.destroy();
      res.setHeader('connection', 'close');
      throw error;
    } finally {
      req.off('close', onGone);
    }
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  };
}

function sizeLimit(maxBytes: number): string {
  const mb = maxBytes / 1024 ** 2;
  return mb >= 1
    ? `Допустимый размер — ${Number(mb.toFixed(1))} МБ.`
    : `Допустимый размер — ${maxBytes} байт.`;
}

/**
 * A short Russian problem+json answer. The rest of the body is read and discarded first (up to `maxDrainBytes`),
 * so the client, still sending, gets to read it; with `Expect: 100-continue` nothing was sent, so it is answered
 * at once and the connection closed.
 */
async function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue: boolean,
  answer: { status: number; title: string; detail?: string | undefined },
): Promise<void> {
  const { status, title, detail } = answer;
  let close = expectsContinue;
  if (!close) {
    const declared = Number(req.headers['content-length']);
    const rest = Number.isFinite(declared) && declared > maxDrainBytes ? 'too-much' : await discardRest(req);
    if (rest === 'aborted') return void res.destroy();
    close = rest === 'too-much';
  }
  res.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(
    JSON.stringify({ type: `urn:omslink:problem:${status}`, title, status, ...(detail ? { detail } : {}) }),
  );
}

/** Reads what is left of the body, keeping nothing; stops past `maxDrainBytes`. */
function discardRest(req: IncomingMessage): Promise<'ended' | 'too-much' | 'aborted'> {
  if (req.readableEnded) return Promise.resolve('ended');
  if (req.destroyed) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    let size = 0;
    const settle = (result: 'ended' | 'too-much' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxDrainBytes) {
        req.pause();
        settle('too-much');
      }
    };
    const onEnd = () => settle('ended');
    const onClose = () => settle(req.readableEnded ? 'ended' : 'aborted');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', () => {});
    req.resume();
  });
}
