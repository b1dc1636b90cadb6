import { Refusal } from '../../../shared/platform/flk/refusal';
import { isZip } from '../../../shared/platform/formats/package/byte-stream';
import { registrySoapLimits } from '../../../shared/registry/formats/registry-service.wsdl';
import type { Upload } from '../../lib/upload';

/**
 * The package of `SendRegistry` as sent inline: its name and its bytes from `xs:base64Binary`. The channel checks
 * only what it can (F012): the name (902 missing, 802 not a `.zip` name or a path), the bytes (902 empty, 903 not
 * base64, 801 larger than the SOAP limit or not a ZIP archive); everything inside is the import's to check.
 */
export function inlinePackage(fileName: unknown, content: unknown): Upload {
  const name = typeof fileName === 'string' ? fileName.trim() : '';
  if (!name) {
    throw Refusal.request('902', 'Не указано имя файла пакета (FileName)', 'FileName');
  }
  if (name.length > 200 || !/\.zip$/i.test(name) || hasControlOrPath(name)) {
    throw Refusal.request(
      '802',
      'Имя файла пакета (FileName) должно оканчиваться на .zip и не содержать путей',
      'FileName',
      name.slice(0, 200),
    );
  }
  const bytes = base64Bytes(content);
  if (bytes.length > registrySoapLimits.packageBytes) {
    throw Refusal.request(
      '801',
      'Пакет реестра больше 3 МБ: через SOAP принимаются пакеты не более 3 МБ, пакет большего размера передайте ' +
        'через REST (POST /api/v1/registries/uploads)',
      'Package',
    );
  }
  if (!isZip(bytes)) {
    throw Refusal.request(
      '801',
      'Пакет не является ZIP-архивом: передайте ZIP-архив реестра (основной файл и L-файл) в base64',
      'Package',
    );
  }
  return { bytes, fileName: name, kind: 'zip' };
}

/** A control character or a path separator: never part of a package name we record. */
function hasControlOrPath(name: string): boolean {
  for (const ch of name) if (ch < ' ' || ch === '/' || ch === '\\') return true;
  return false;
}

/** `xs:base64Binary` strictly: whitespace allowed (line-wrapped base64), anything else outside the alphabet not. */
function base64Bytes(content: unknown): Buffer {
  const text = typeof content === 'string' ? content.replace(/\s+/g, '') : '';
  if (!text) {
    throw Refusal.request(
      '902',
      'Пакет пуст: передайте ZIP-архив реестра в элементе Package в кодировке base64',
      'Package',
    );
  }
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw Refusal.request(
      '903',
      'Элемент Package не является корректной строкой base64: передайте ZIP-архив реестра в кодировке base64',
      'Package',
    );
  }
  return Buffer.from(text, 'base64');
}
