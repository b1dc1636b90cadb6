import { SaxesParser } from 'saxes';
import {
  decodeXml,
  ErzPackageError,
  isIsoDate,
  isZip,
  peek,
  unzipSingleXml,
} from '../../../person/formats/erz-extract-reader';
import type { FlkIssue } from '../../../platform/flk/issue';
import { tFamilyTables } from './t-family-tags';
import { parseTFileName, type SenderKind, type TFileType, tFamilyFormat } from './t-file-name';
import { formatIssue, type RawZap, type TContext, type TRecordOf, zapToRecord } from './t-record-mapping';

/**
 * Streaming reader of T-family files (docs/formats/t-family.md): bytes → ZIP or plain XML (fflate, as the ЕРЗ
 * reader) → windows-1251 or UTF-8 as the prolog declares → saxes → one item per `ZAP`, in file order. The file
 * type and sender come from ZGLV/FILENAME. A record with format errors is an `invalid` item (the rest go on);
 * a broken file (not ZIP/XML, malformed XML, DOCTYPE, header, name) throws `TFilePackageError`.
 */

export interface TFileHeader {
  format: typeof tFamilyFormat.id;
  version: string;
  type: TFileType;
  /** ZGLV/DATA, `YYYY-MM-DD` */
  date: string;
  /** ZGLV/FILENAME */
  fileName: string;
  senderKind: SenderKind;
  senderCode: string;
}

export type TFileItem<T extends TFileType = TFileType> =
  | { kind: 'header'; header: TFileHeader }
  | { kind: 'record'; ordinal: number; type: T; record: TRecordOf[T]; context: TContext }
  | { kind: 'invalid'; ordinal: number; sourceId: string | null; issues: FlkIssue[] };

/** The file as a whole cannot be read: nothing of it is processed. */
export class TFilePackageError extends Error {
  constructor(readonly issues: FlkIssue[]) {
    super(issues[0]?.message ?? 'Файл не принят');
    this.name = 'TFilePackageError';
  }
}

export interface TFileReadOptions {
  /** The name the file arrived under: when it follows the pattern, it must name the same type and sender. */
  uploadName?: string;
  /** Limit of the XML after unzipping (default 100 MB). */
  maxXmlBytes?: number;
  /** Limit of `ZAP` records (default 200,000). */
  maxRecords?: number;
}

export const supportedVersions = [tFamilyFormat.version] as const;

function packageIssue(code: string, message: string, field?: string, value?: string): TFilePackageError {
  const rule =
    code === '801' ? 'TFILE.PACKAGE.FORMAT' : code === '802' ? 'TFILE.PACKAGE.NAME' : 'TFILE.PACKAGE.XML';
  return new TFilePackageError([
    { rule, code, severity: 'error', ...(field ? { field } : {}), ...(value ? { value } : {}), message },
  ]);
}

/** The shared byte helpers throw the ЕРЗ package error; it becomes ours with the same code and message. */
function fromErz(error: unknown): unknown {
  if (!(error instanceof ErzPackageError)) return error;
  return new TFilePackageError(
    error.findings.map((f) => ({
      rule: f.code === '801' ? 'TFILE.PACKAGE.FORMAT' : 'TFILE.PACKAGE.XML',
      code: f.code,
      severity: 'error' as const,
      ...(f.field ? { field: f.field } : {}),
      ...(f.value ? { value: f.value } : {}),
      message: f.message,
    })),
  );
}

function header(fields: Record<string, string>, uploadName: string | undefined): TFileHeader {
  const version = fields.VERSION?.trim() || tFamilyFormat.version;
  if (!(supportedVersions as readonly string[]).includes(version)) {
    throw packageIssue(
      '904',
      `Версия формата ${version} не поддерживается (ожидается ${tFamilyFormat.version})`,
      'ZGLV.VERSION',
      version,
    );
  }
  const date = fields.DATA?.trim() ?? '';
  if (!date) throw packageIssue('902', 'Отсутствует обязательное поле DATA заголовка', 'ZGLV.DATA');
  if (!isIsoDate(date))
    throw packageIssue('903', 'Дата DATA должна быть в формате ГГГГ-ММ-ДД', 'ZGLV.DATA', date);
  const fileName = fields.FILENAME?.trim() ?? '';
  if (!fileName)
    throw packageIssue('902', 'Отсутствует обязательное поле FILENAME заголовка', 'ZGLV.FILENAME');
  const name = parseTFileName(fileName);
  if (!name) {
    throw packageIssue(
      '802',
      'Имя файла FILENAME должно иметь вид T<1–6>-<M|S|T>-<код отправителя>-<ГГГГ-ММ-ДД>',
      'ZGLV.FILENAME',
      fileName.slice(0, 100),
    );
  }
  const uploaded = uploadName ? parseTFileName(uploadName) : null;
  if (uploaded && (uploaded.type !== name.type || uploaded.senderCode !== name.senderCode)) {
    throw packageIssue(
      '802',
      'Имя загруженного файла не совпадает с FILENAME заголовка (тип или отправитель)',
      'ZGLV.FILENAME',
      fileName,
    );
  }
  return {
    format: tFamilyFormat.id,
    version,
    type: name.type,
    date,
    fileName,
    senderKind: name.senderKind,
    senderCode: name.senderCode,
  };
}

const headerTags = new Set(['VERSION', 'DATA', 'FILENAME']);

/** Reads a T-file: the header first, then every `ZAP` (its canonical record, or its format errors). */
export async function* readTFile(
  chunks: AsyncIterable<Uint8Array>,
  options: TFileReadOptions = {},
): AsyncGenerator<TFileItem> {
  const maxXmlBytes = options.maxXmlBytes ?? 100 * 1024 ** 2;
  const maxRecords = options.maxRecords ?? 200_000;
  const parser = new SaxesParser({ xmlns: false, position: false });
  const out: TFileItem[] = [];
  let failure: unknown;
  const fail = (error: TFilePackageError) => {
    failure ??= error;
  };

  const stack: string[] = [];
  let text = '';
  let skip = 0;
  let zglv: Record<string, string> | undefined;
  let parsedHeader: TFileHeader | undefined;
  let zap: (RawZap & { issues: FlkIssue[] }) | undefined;
  let group: { tag: string; fields: Record<string, string> } | undefined;
  let ordinal = 0;
  let rootClosed = false;

  const spec = () => (parsedHeader ? tFamilyTables[parsedHeader.type] : undefined);
  const known = (tag: string) => {
    const s = spec();
    return !!s && (tag === 'N_ZAP' || s.tags.some((t) => t.tag === tag) || s.ignored.includes(tag));
  };
  const setLeaf = (target: Record<string, string>, name: string, path: string, issues: FlkIssue[]) => {
    if (target[name] !== undefined)
      issues.push(formatIssue('901', path, null, `Элемент ${name} указан более одного раза`));
    else target[name] = text.trim();
  };

  parser.on('doctype', () => fail(packageIssue('901', 'Объявление DOCTYPE в файле не допускается')));
  parser.on('error', (error) =>
    fail(
      packageIssue(
        '901',
        'Файл не является корректным XML-документом',
        undefined,
        error.message.slice(0, 200),
      ),
    ),
  );
  parser.on('text', (t) => {
    if (skip === 0) text += t;
  });
  parser.on('cdata', (t) => {
    if (skip === 0) text += t;
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const depth = stack.length;
    stack.push(name);
    text = '';
    if (skip > 0) {
      skip++;
      return;
    }
    if (depth === 0) {
      if (name !== 'ZL_LIST') fail(packageIssue('901', 'Корневой элемент должен быть ZL_LIST', name));
      return;
    }
    if (depth === 1) {
      if (name === 'ZGLV') {
        if (zglv) fail(packageIssue('901', 'Заголовок ZGLV указан более одного раза', 'ZGLV'));
        zglv = {};
      } else if (name === 'ZAP') {
        if (!parsedHeader)
          fail(packageIssue('901', 'Заголовок ZGLV должен предшествовать записям ZAP', 'ZGLV'));
        ordinal++;
        if (ordinal > maxRecords) fail(packageIssue('801', `Файл содержит более ${maxRecords} записей ZAP`));
        zap = { fields: {}, groups: {}, issues: [] };
      } else fail(packageIssue('901', `Неизвестный элемент ${name} в ZL_LIST`, name));
      return;
    }
    if (stack[1] === 'ZGLV') {
      if (depth > 2 || !headerTags.has(name))
        fail(packageIssue('901', `Неизвестный элемент ${name} в заголовке ZGLV`, `ZGLV.${name}`));
      return;
    }
    if (!zap) return;
    if (depth === 2) {
      if (spec()?.groups.some((g) => g.tag === name)) group = { tag: name, fields: {} };
      else if (!known(name)) {
        zap.issues.push(formatIssue('901', name, null, `Неизвестный элемент ${name} в ZAP`));
        skip = 1;
      }
      return;
    }
    if (depth === 3 && group) {
      if (
        !spec()
          ?.groups.find((g) => g.tag === group!.tag)
          ?.tags.some((t) => t.tag === name)
      ) {
        zap.issues.push(
          formatIssue('901', `${group.tag}.${name}`, null, `Неизвестный элемент ${name} в ${group.tag}`),
        );
        skip = 1;
      }
      return;
    }
    zap.issues.push(
      formatIssue(
        '901',
        stack.slice(2).join('.'),
        null,
        `Элемент ${stack[depth - 1]} не может содержать вложенных элементов`,
      ),
    );
    skip = 1;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    const depth = stack.length - 1;
    stack.pop();
    if (skip > 0) {
      skip--;
      text = '';
      return;
    }
    if (depth === 0) {
      rootClosed = true;
      return;
    }
    if (depth === 1) {
      if (name === 'ZGLV' && zglv && !parsedHeader) {
        try {
          parsedHeader = header(zglv, options.uploadName);
          out.push({ kind: 'header', header: parsedHeader });
        } catch (error) {
          fail(error as TFilePackageError);
        }
      } else if (name === 'ZAP' && zap && parsedHeader) {
        out.push(toItem(parsedHeader, zap, ordinal));
        zap = undefined;
      }
      text = '';
      return;
    }
    if (stack[1] === 'ZGLV') {
      if (zglv && depth === 2) {
        if (zglv[name] !== undefined)
          fail(packageIssue('901', `Элемент ${name} указан в заголовке более одного раза`, `ZGLV.${name}`));
        else zglv[name] = text.trim();
      }
      text = '';
      return;
    }
    if (!zap) return;
    if (depth === 2) {
      if (group && name === group.tag) {
        const list = zap.groups[name] ?? [];
        list.push(group.fields);
        zap.groups[name] = list;
        group = undefined;
      } else setLeaf(zap.fields, name, name, zap.issues);
    } else if (depth === 3 && group) {
      setLeaf(
        group.fields,
        name,
        `${group.tag}[${(zap.groups[group.tag]?.length ?? 0) + 1}].${name}`,
        zap.issues,
      );
    }
    text = '';
  });

  try {
    const { head, all } = await peek(chunks, 4);
    const xml = isZip(head) ? unzipSingleXml(all) : all;
    for await (const chunk of decodeXml(xml, maxXmlBytes)) {
      parser.write(chunk);
      if (failure) throw failure;
      if (out.length) yield* out.splice(0);
    }
    parser.close();
  } catch (error) {
    throw failure ?? fromErz(error);
  }
  if (failure) throw failure;
  if (!rootClosed) throw packageIssue('901', 'Файл не является корректным XML-документом: он обрезан');
  if (!parsedHeader) throw packageIssue('902', 'Отсутствует заголовок ZGLV', 'ZGLV');
  yield* out.splice(0);
}

function toItem(header: TFileHeader, zap: RawZap & { issues: FlkIssue[] }, ordinal: number): TFileItem {
  const mapped = zapToRecord(header.type, zap, header.date);
  if (mapped.ok && zap.issues.length === 0) {
    return { kind: 'record', ordinal, type: header.type, record: mapped.record, context: mapped.context };
  }
  const issues = [...zap.issues, ...(mapped.ok ? [] : mapped.issues)];
  const sourceId = mapped.ok ? mapped.record.sourceId : mapped.sourceId;
  return { kind: 'invalid', ordinal, sourceId, issues };
}

/** Reads the whole file into memory (files of the REST channel are at most 10 MB). */
export async function readTFileAll(chunks: AsyncIterable<Uint8Array>, options: TFileReadOptions = {}) {
  let fileHeader: TFileHeader | undefined;
  const items: Exclude<TFileItem, { kind: 'header' }>[] = [];
  for await (const item of readTFile(chunks, options)) {
    if (item.kind === 'header') fileHeader = item.header;
    else items.push(item);
  }
  return { header: fileHeader!, items };
}
