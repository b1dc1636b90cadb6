import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fileFailureMessages } from '../../shared/platform/bulk/file-run';
import { Refusal } from '../../shared/platform/flk/refusal';
import { isZip } from '../../shared/platform/formats/package/byte-stream';
import type { Ports } from '../../shared/platform/ports/ports';
import type { QueuePort } from '../../shared/platform/ports/queue';
import { problems } from './problem';

/**
 * A file sent as the raw request body (binary, so windows-1251 survives: `application/octet-stream` or
 * `application/zip`) with its name in `x-file-name` (URL-encoded, as browsers send only ASCII headers). The
 * channel checks only what it can: the name, the size, that the bytes are a ZIP archive or XML at all —
 * everything inside the file is the import's to check and report in its protocol.
 */

/** API Gateway's payload limit is 10 MB; larger files go zipped. */
export const maxUploadBytes = 10 * 1024 * 1024;

export interface Upload {
  bytes: Buffer;
  /** The name it was sent under (empty when the name is optional and none was sent). */
  fileName: string;
  kind: 'zip' | 'xml';
}

export interface UploadRules {
  /** `required` (default): refused without a proper name; `optional`: kept as sent, to label the record. */
  name?: 'required' | 'optional';
  /** What the body should be, for the message about an empty one: `файл выписки`. */
  what?: string;
  maxBytes?: number;
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? undefined;
}

/**
 * The uploaded file. Refuses, with F012 codes: a missing (902) or wrong name (802: not `.xml`/`.zip`, a path, a
 * control character, longer than 200), a body sent as text that lost its bytes (903), an empty (902) or
 * oversized body (801), content that is neither a ZIP archive nor XML (801).
 */
export function readUpload(event: APIGatewayProxyEvent, rules: UploadRules = {}): Upload {
  const fileName = uploadName(event, rules.name ?? 'required');
  const bytes = uploadBytes(event);
  if (bytes.length === 0) {
    throw problems.invalid([
      { code: '902', field: 'body', message: `Тело запроса пусто: приложите ${rules.what ?? 'файл'}` },
    ]);
  }
  const max = rules.maxBytes ?? maxUploadBytes;
  if (bytes.length > max) {
    throw problems.invalid([
      {
        code: '801',
        field: 'body',
        message: `Файл больше ${Math.round(max / 1024 ** 2)} МБ: передайте его упакованным в ZIP`,
      },
    ]);
  }
  const kind = sniff(bytes);
  if (!kind) {
    throw problems.invalid([
      { code: '801', field: 'body', message: 'Файл не является ни ZIP-архивом, ни XML-документом' },
    ]);
  }
  return { bytes, fileName, kind };
}

function uploadName(event: APIGatewayProxyEvent, presence: 'required' | 'optional'): string {
  const raw = header(event, 'x-file-name') ?? '';
  let fileName: string | null;
  try {
    fileName = decodeURIComponent(raw).trim();
  } catch {
    fileName = null;
  }
  // An optional name only labels the journal entry: kept as sent (at most 200 characters).
  if (presence === 'optional') return (fileName ?? raw.trim()).slice(0, 200);
  if (!fileName) {
    throw problems.invalid([
      { code: '902', field: 'x-file-name', message: 'Не указано имя файла (заголовок x-file-name)' },
    ]);
  }
  if (fileName.length > 200 || hasControlOrPath(fileName) || !/\.(xml|zip)$/i.test(fileName)) {
    throw problems.invalid([
      {
        code: '802',
        field: 'x-file-name',
        value: fileName.slice(0, 200),
        message: 'Имя файла должно оканчиваться на .xml или .zip и не содержать путей',
      },
    ]);
  }
  return fileName;
}

/** The body's bytes: binary (base64 in the event) as sent; a text body only when it kept them (UTF-8). */
function uploadBytes(event: APIGatewayProxyEvent): Buffer {
  const body = event.body ?? '';
  if (event.isBase64Encoded) return Buffer.from(body, 'base64');
  // A text body was decoded as UTF-8 on the way in: only a UTF-8 file survives that.
  if (body.includes('\uFFFD')) {
    throw problems.invalid([
      {
        code: '903',
        field: 'body',
        message: 'Файл передан как текст и повреждён: передайте его с Content-Type: application/octet-stream',
      },
    ]);
  }
  return Buffer.from(body, 'utf8');
}

function sniff(bytes: Buffer): Upload['kind'] | null {
  if (isZip(bytes)) return 'zip';
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return /^\s*</.test(bytes.subarray(start, start + 64).toString('latin1')) ? 'xml' : null;
}

/** A control character or a path separator: never part of a file name we record. */
function hasControlOrPath(name: string): boolean {
  for (const ch of name) {
    if (ch.charCodeAt(0) < 0x20 || ch === '/' || ch === '\\') return true;
  }
  return false;
}

/** Where an upload is kept in the inbox (`<folder>/<date>/<uuid>.<kind>`) and the SHA-256 the journal keys it by. */
export function uploadIdentity(upload: Upload, folder: string): { key: string; sha256: string } {
  return {
    key: `${folder}/${new Date().toISOString().slice(0, 10)}/${randomUUID()}.${upload.kind}`,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
  };
}

/**
 * Stores a registered upload in the inbox and queues its message for the import consumer. When either fails,
 * `markFailed` records it in the journal (`failed`, a Russian sentence; the error class goes to the log only)
 * and the caller gets 503: nothing is left queued without its message, and the same file may be sent again.
 */
export async function queueUpload(
  ports: Pick<Ports, 'blobs' | 'queue'>,
  upload: Upload,
  key: string,
  message: Parameters<QueuePort['send']>[0],
  markFailed: (error: string) => Promise<unknown>,
): Promise<void> {
  try {
    await ports.blobs.put('inbox', key, upload.bytes);
    await ports.queue.send(message);
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        where: 'upload',
        kind: message.kind,
        error: (error as Error)?.name,
        code: (error as { code?: unknown })?.code,
      }),
    );
    await markFailed(fileFailureMessages.notQueued).catch(() => {});
    throw new Refusal(
      'unavailable',
      'UNAVAILABLE',
      'Файл не удалось поставить в очередь на загрузку. Повторите попытку позже.',
      [],
      'Сервис временно недоступен',
    );
  }
}
