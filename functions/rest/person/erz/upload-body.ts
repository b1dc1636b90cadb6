import type { APIGatewayProxyEvent } from 'aws-lambda';
import { problems } from '../../../lib/problem';

/** What an extract upload may be (API Gateway's payload limit is 10 MB; larger files go zipped). */
export const maxUploadBytes = 10 * 1024 * 1024;

export interface Upload {
  bytes: Buffer;
  fileName: string;
  kind: 'zip' | 'xml';
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? undefined;
}

/**
 * The uploaded file: the raw request body (binary, so windows-1251 survives: `application/octet-stream` or
 * `application/zip`) and its name from `x-file-name` (URL-encoded, as browsers send only ASCII headers).
 * Refuses, with FLK codes, an empty or oversized body, a missing or wrong name, and content that is neither
 * a ZIP archive nor XML. Everything inside the file is checked by the import and reported in its protocol.
 */
export function readUpload(event: APIGatewayProxyEvent): Upload {
  const rawName = header(event, 'x-file-name');
  let fileName = '';
  try {
    fileName = decodeURIComponent(rawName ?? '').trim();
  } catch {
    fileName = '';
  }
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
  const body = event.body ?? '';
  let bytes: Buffer;
  if (event.isBase64Encoded) bytes = Buffer.from(body, 'base64');
  else {
    // A text body was decoded as UTF-8 on the way in: only a UTF-8 file survives that.
    if (body.includes('\uFFFD')) {
      throw problems.invalid([
        {
          code: '903',
          field: 'body',
          message:
            'Файл передан как текст и повреждён: передайте его с Content-Type: application/octet-stream',
        },
      ]);
    }
    bytes = Buffer.from(body, 'utf8');
  }
  if (bytes.length === 0) {
    throw problems.invalid([
      { code: '902', field: 'body', message: 'Тело запроса пусто: приложите файл выписки' },
    ]);
  }
  if (bytes.length > maxUploadBytes) {
    throw problems.invalid([
      { code: '801', field: 'body', message: 'Файл больше 10 МБ: передайте его упакованным в ZIP' },
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

function sniff(bytes: Buffer): Upload['kind'] | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
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
