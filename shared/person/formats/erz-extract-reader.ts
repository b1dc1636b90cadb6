import { Unzip, UnzipInflate } from 'fflate';
import { SaxesParser } from 'saxes';
import { clip, type ErzFinding } from '../domain/erz-flk';
import type { ErzAttachment, ErzDocument, ErzPerson, ErzPolicy } from '../domain/erz-person';
import { formatSnils, snilsDigits } from '../domain/snils';

/**
 * Streaming reader of ЕРЗ extracts (docs/formats/erz-extract.md): bytes → ZIP detection and streaming unzip
 * (fflate) → incremental decoding (windows-1251 or UTF-8, as the XML prolog declares) → saxes → one item per
 * `PERS`, in file order. Memory stays flat whatever the file size: only the record being read and the records
 * of the current chunk are held. A record with format errors is an `invalid` item (the rest of the file goes
 * on); a broken package (not ZIP/XML, malformed XML, DOCTYPE, wrong header) throws `ErzPackageError`.
 */

export const erzFormatVersion = '1.0';

export interface ErzExtractHeader {
  version: string;
  /** `YYYY-MM-DD` */
  date: string;
  fileName: string;
  okato: string;
  count: number | null;
}

export type ErzExtractItem =
  | { kind: 'header'; header: ErzExtractHeader }
  | { kind: 'record'; ordinal: number; person: ErzPerson }
  | { kind: 'invalid'; ordinal: number; recordId: string | null; enp: string | null; findings: ErzFinding[] };

/** The file as a whole cannot be read: nothing of it is applied. */
export class ErzPackageError extends Error {
  constructor(readonly findings: ErzFinding[]) {
    super(findings[0]?.message ?? 'Пакет не принят');
    this.name = 'ErzPackageError';
  }
}

export interface ErzReadOptions {
  /** Limit of the XML after unzipping (default 1 GiB). */
  maxXmlBytes?: number;
  /** Limit of `PERS` records (default 1,000,000). */
  maxRecords?: number;
}

export const erzReadLimits = { maxXmlBytes: 1024 ** 3, maxRecords: 1_000_000 } as const;

const packageRule = {
  '801': 'ERZ.PACKAGE.FORMAT',
  '901': 'ERZ.PACKAGE.XML',
  '902': 'ERZ.PACKAGE.HEADER',
  '903': 'ERZ.PACKAGE.HEADER',
  '904': 'ERZ.PACKAGE.HEADER',
} as const;

export function packageError(
  code: keyof typeof packageRule,
  message: string,
  field: string | null = null,
  value: string | null = null,
  rule: string = packageRule[code],
): ErzPackageError {
  return new ErzPackageError([{ severity: 'error', code, rule, field, value: clip(value), message }]);
}

// ---------------------------------------------------------------------------------------------------------
// Bytes → XML bytes (ZIP or not) → text

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
/** Input is pushed into the inflater in slices, so that one push expands to at most ~16 MB (DEFLATE ≤ 1:1032). */
const inflateSlice = 16 * 1024;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads at least `n` bytes (or all there is) and returns them with an iterable of the whole stream. */
export async function peek(
  chunks: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head: Uint8Array = new Uint8Array(0);
  let ended = false;
  while (head.length < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = concat(head, next.value);
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, all: all() };
}

export function isZip(head: Uint8Array): boolean {
  return zipSignature.every((b, i) => head[i] === b);
}

/** The one XML file of a ZIP archive, streamed. */
export async function* unzipSingleXml(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let files = 0;
  let finished = false;
  let failure: ErzPackageError | undefined;
  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    files++;
    if (files > 1) {
      failure = packageError('801', 'Архив должен содержать ровно один XML-файл', 'ZIP', file.name);
      return;
    }
    if (!/\.xml$/i.test(file.name)) {
      failure = packageError('801', 'Файл в архиве должен иметь расширение .xml', 'ZIP', file.name);
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      failure = packageError('801', 'Метод сжатия архива не поддерживается (допустим Deflate)', 'ZIP');
      return;
    }
    file.ondata = (error, data, final) => {
      if (error) failure ??= packageError('801', 'Архив повреждён', 'ZIP');
      else {
        if (data.length) out.push(data);
        if (final) finished = true;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const push = (data: Uint8Array, final: boolean) => {
    try {
      unzip.push(data, final);
    } catch {
      failure ??= packageError('801', 'Архив повреждён или обрезан', 'ZIP');
    }
    if (failure) throw failure;
  };
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += inflateSlice) {
      push(chunk.subarray(i, i + inflateSlice), false);
      if (out.length) yield* out.splice(0);
    }
  }
  push(new Uint8Array(0), true);
  if (out.length) yield* out.splice(0);
  if (files === 0) throw packageError('801', 'Архив не содержит XML-файла', 'ZIP');
  if (!finished) throw packageError('801', 'Архив повреждён или обрезан', 'ZIP');
}

const encodings: Record<string, 'windows-1251' | 'utf-8'> = {
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
};

/** Decodes the XML as its prolog declares (windows-1251 or UTF-8; UTF-8 when nothing is declared). */
export async function* decodeXml(bytes: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const { head, all } = await peek(bytes, 256);
  if (head.length === 0) throw packageError('801', 'Файл пуст');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw packageError('801', 'Кодировка UTF-16 не поддерживается: используйте windows-1251 или UTF-8');
  }
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const prolog = String.fromCharCode(...head.subarray(start, Math.min(head.length, start + 256)));
  if (!/^\s*</.test(prolog)) throw packageError('801', 'Файл не является ни ZIP-архивом, ни XML-документом');
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(prolog)?.[1];
  const encoding = declared ? encodings[declared.toLowerCase()] : 'utf-8';
  if (!encoding) {
    throw packageError(
      '801',
      'Кодировка не поддерживается: используйте windows-1251 или UTF-8',
      'encoding',
      declared ?? null,
    );
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  let size = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw packageError(
        '801',
        `Содержимое файла не соответствует кодировке ${encoding}`,
        'encoding',
        encoding,
      );
    }
  };
  for await (const chunk of all) {
    size += chunk.length;
    if (size > maxBytes) {
      throw packageError('801', `Размер XML превышает допустимый (${Math.round(maxBytes / 1024 ** 2)} МБ)`);
    }
    const text = decode(chunk);
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

// ---------------------------------------------------------------------------------------------------------
// Text → items

type Fields = Record<string, string>;

interface RawRecord {
  fields: Fields;
  docs: Fields[];
  polises: Fields[];
  priks: Fields[];
  findings: ErzFinding[];
}

const headerTags = new Set(['VERSION', 'DATA', 'FILENAME', 'OKATO', 'COUNT']);
const personTags = new Set(['ID', 'ENP', 'SNILS', 'FAM', 'IM', 'OT', 'W', 'DR', 'TEL']);
const groupTags: Record<string, { tags: Set<string>; max: number; list: 'docs' | 'polises' | 'priks' }> = {
  DOC: { tags: new Set(['DOCTYPE', 'DOCSER', 'DOCNUM', 'DOCDATE']), max: 20, list: 'docs' },
  POLIS: {
    tags: new Set(['VPOLIS', 'SPOLIS', 'NPOLIS', 'SMO', 'DBEG', 'DEND', 'PRICH_END']),
    max: 50,
    list: 'polises',
  },
  PRIK: { tags: new Set(['MO', 'UCH', 'SNILS_VR', 'DBEG', 'DEND']), max: 50, list: 'priks' },
};

function structural(field: string, message: string, value: string | null = null): ErzFinding {
  return { severity: 'error', code: '901', rule: 'ERZ.XML.TAG', field, value: clip(value), message };
}

/**
 * Reads an ЕРЗ extract. Yields the header first, then each record (parsed, or its format errors) with its
 * 1-based ordinal. Throws `ErzPackageError` when the file cannot be read as an extract.
 */
export async function* readErzExtract(
  chunks: AsyncIterable<Uint8Array>,
  options: ErzReadOptions = {},
): AsyncGenerator<ErzExtractItem> {
  const maxXmlBytes = options.maxXmlBytes ?? erzReadLimits.maxXmlBytes;
  const maxRecords = options.maxRecords ?? erzReadLimits.maxRecords;
  const { head, all } = await peek(chunks, 4);
  const xml = isZip(head) ? unzipSingleXml(all) : all;

  const parser = new SaxesParser({ xmlns: false, position: false });
  const out: ErzExtractItem[] = [];
  let failure: ErzPackageError | undefined;
  const fail = (error: ErzPackageError) => {
    failure ??= error;
  };

  const stack: string[] = [];
  let text = '';
  let skip = 0;
  let header: Fields | undefined;
  let headerDone = false;
  let parsedHeader: ErzExtractHeader | undefined;
  let record: RawRecord | undefined;
  let group: { name: string; fields: Fields } | undefined;
  let ordinal = 0;
  let rootClosed = false;

  /** Stores the leaf's text; `path` is only built for a finding (it is rare, the leaves are not). */
  const setLeaf = (target: Fields, name: string, path: () => string, findings: ErzFinding[] | null) => {
    const value = text.trim();
    text = '';
    if (target[name] !== undefined) {
      if (findings) findings.push(structural(path(), `Элемент ${name} указан более одного раза`));
      else fail(packageError('901', `Элемент ${name} указан в заголовке более одного раза`, path()));
      return;
    }
    target[name] = value;
  };

  parser.on('doctype', () => fail(packageError('901', 'Объявление DOCTYPE в файле не допускается')));
  parser.on('error', (error) =>
    fail(packageError('901', 'Файл не является корректным XML-документом', null, error.message)),
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
      if (name !== 'ERZ_LIST') fail(packageError('901', 'Корневой элемент должен быть ERZ_LIST', name));
      return;
    }
    if (depth === 1) {
      if (name === 'ZGLV') {
        if (header) fail(packageError('901', 'Заголовок ZGLV указан более одного раза', 'ZGLV'));
        header = {};
      } else if (name === 'PERS') {
        if (!headerDone)
          fail(packageError('901', 'Заголовок ZGLV должен предшествовать записям PERS', 'ZGLV'));
        ordinal++;
        if (ordinal > maxRecords) fail(packageError('801', `Файл содержит более ${maxRecords} записей PERS`));
        record = { fields: {}, docs: [], polises: [], priks: [], findings: [] };
      } else fail(packageError('901', `Неизвестный элемент ${name} в ERZ_LIST`, name));
      return;
    }
    const section = stack[1];
    if (section === 'ZGLV') {
      if (depth > 2 || !headerTags.has(name)) {
        fail(packageError('901', `Неизвестный элемент ${name} в заголовке ZGLV`, `ZGLV.${name}`));
      }
      return;
    }
    if (!record) return;
    if (depth === 2) {
      const spec = groupTags[name];
      if (spec) {
        if (record[spec.list].length >= spec.max) {
          record.findings.push(
            structural(name, `Элементов ${name} в записи не может быть больше ${spec.max}`),
          );
          skip = 1;
        } else group = { name, fields: {} };
      } else if (!personTags.has(name)) {
        record.findings.push(structural(name, `Неизвестный элемент ${name} в PERS`));
        skip = 1;
      }
      return;
    }
    if (depth === 3 && group) {
      if (!groupTags[group.name]!.tags.has(name)) {
        record.findings.push(
          structural(`${group.name}.${name}`, `Неизвестный элемент ${name} в ${group.name}`),
        );
        skip = 1;
      }
      return;
    }
    // An element inside a value element.
    record.findings.push(
      structural(
        stack.slice(2).join('.'),
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
      if (name === 'ZGLV' && header) {
        headerDone = true;
        const parsed = parseHeader(header);
        if (parsed instanceof ErzPackageError) fail(parsed);
        else {
          parsedHeader = parsed;
          out.push({ kind: 'header', header: parsed });
        }
      } else if (name === 'PERS' && record) {
        out.push(toItem(record, ordinal));
        record = undefined;
      }
      text = '';
      return;
    }
    if (stack[1] === 'ZGLV') {
      if (header && depth === 2) setLeaf(header, name, () => `ZGLV.${name}`, null);
      return;
    }
    if (!record) return;
    if (depth === 2) {
      if (group && name === group.name) {
        record[groupTags[name]!.list].push(group.fields);
        group = undefined;
      } else setLeaf(record.fields, name, () => name, record.findings);
    } else if (depth === 3 && group) {
      const { name: groupName, fields } = group;
      const list = record[groupTags[groupName]!.list];
      setLeaf(fields, name, () => `${groupName}[${list.length + 1}].${name}`, record.findings);
    }
    text = '';
  });

  for await (const chunk of decodeXml(xml, maxXmlBytes)) {
    parser.write(chunk);
    if (failure) throw failure;
    if (out.length) yield* out.splice(0);
  }
  parser.close();
  if (failure) throw failure;
  if (!rootClosed) throw packageError('901', 'Файл не является корректным XML-документом: он обрезан');
  if (!parsedHeader) throw packageError('902', 'Отсутствует заголовок ZGLV', 'ZGLV');
  yield* out.splice(0);
  if (parsedHeader.count !== null && parsedHeader.count !== ordinal) {
    throw packageError(
      '904',
      `Число записей PERS в файле (${ordinal}) не совпадает с COUNT заголовка`,
      'ZGLV.COUNT',
      String(parsedHeader.count),
      'ERZ.PACKAGE.COUNT',
    );
  }
}

function parseHeader(fields: Fields): ErzExtractHeader | ErzPackageError {
  for (const tag of ['VERSION', 'DATA', 'FILENAME', 'OKATO']) {
    if (!fields[tag])
      return packageError('902', `Отсутствует обязательное поле ${tag} заголовка`, `ZGLV.${tag}`);
  }
  const version = fields.VERSION!;
  const date = fields.DATA!;
  const fileName = fields.FILENAME!;
  const okato = fields.OKATO!;
  if (version !== erzFormatVersion) {
    return packageError(
      '904',
      `Версия формата ${version} не поддерживается (ожидается ${erzFormatVersion})`,
      'ZGLV.VERSION',
      version,
    );
  }
  if (!isIsoDate(date))
    return packageError('903', 'Дата должна быть в формате ГГГГ-ММ-ДД', 'ZGLV.DATA', date);
  if (fileName.length > 100) {
    return packageError('903', 'Имя файла длиннее 100 символов', 'ZGLV.FILENAME', fileName);
  }
  if (!/^\d{2,11}$/.test(okato)) {
    return packageError('903', 'Код ОКАТО должен состоять из 2–11 цифр', 'ZGLV.OKATO', okato);
  }
  const count = fields.COUNT || null;
  if (count !== null && !/^\d{1,9}$/.test(count)) {
    return packageError('903', 'COUNT должен быть целым неотрицательным числом', 'ZGLV.COUNT', count);
  }
  return { version, date, fileName, okato, count: count === null ? null : Number(count) };
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || !isoDateShape.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    day <=
    (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)
  );
}
const isoDateShape = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------------------
// Raw record → ErzPerson (or its format errors)

class RecordReader {
  readonly findings: ErzFinding[];
  constructor(findings: ErzFinding[]) {
    this.findings = findings;
  }

  private add(code: '902' | '903' | '904', field: string, value: string | null, message: string) {
    const rule = { '902': 'ERZ.XML.REQUIRED', '903': 'ERZ.XML.TYPE', '904': 'ERZ.XML.CODE' }[code];
    this.findings.push({ severity: 'error', code, rule, field, value: clip(value), message });
  }

  text(fields: Fields, tag: string, path: string, max: number, required: true): string;
  text(fields: Fields, tag: string, path: string, max: number, required: false): string | null;
  text(fields: Fields, tag: string, path: string, max: number, required: boolean): string | null {
    const value = fields[tag] || null;
    if (value === null) {
      if (required) this.add('902', path, null, `Отсутствует обязательное поле ${tag}`);
      return required ? '' : null;
    }
    if (value.length > max) this.add('903', path, value, `Значение ${tag} длиннее ${max} символов`);
    return value;
  }

  date(fields: Fields, tag: string, path: string, required: true): string;
  date(fields: Fields, tag: string, path: string, required: false): string | null;
  date(fields: Fields, tag: string, path: string, required: boolean): string | null {
    const max = Number.POSITIVE_INFINITY;
    const value = required
      ? this.text(fields, tag, path, max, true)
      : this.text(fields, tag, path, max, false);
    if (value && !isIsoDate(value))
      this.add('903', path, value, `Дата ${tag} должна быть в формате ГГГГ-ММ-ДД`);
    return value;
  }

  code(
    fields: Fields,
    tag: string,
    path: string,
    allowed: (n: number) => boolean,
    directory: string,
  ): number {
    const value = this.text(fields, tag, path, Number.POSITIVE_INFINITY, true);
    if (!value) return 0;
    if (!/^\d{1,2}$/.test(value)) {
      this.add('903', path, value, `${tag} должен быть целым числом (код ${directory})`);
      return 0;
    }
    const n = Number(value);
    if (!allowed(n)) this.add('904', path, value, `Код ${tag} отсутствует в справочнике ${directory}`);
    return n;
  }

  digits(fields: Fields, tag: string, path: string, length: number, directory: string): string {
    const value = this.text(fields, tag, path, Number.POSITIVE_INFINITY, true);
    if (value && (value.length !== length || !allDigits.test(value))) {
      this.add('903', path, value, `Код ${tag} должен состоять из ${length} цифр (${directory})`);
    }
    return value;
  }

  snils(fields: Fields, tag: string, path: string): string {
    const value = this.text(fields, tag, path, 14, true);
    if (!value) return '';
    const digits = snilsDigits(value);
    if (!digits) {
      this.add('903', path, value, `${tag} должен иметь вид XXX-XXX-XXX YY`);
      return value;
    }
    return formatSnils(digits);
  }
}

const allDigits = /^\d+$/;

function toItem(raw: RawRecord, ordinal: number): ErzExtractItem {
  const r = new RecordReader(raw.findings);
  const f = raw.fields;
  const recordId = r.text(f, 'ID', 'ID', 64, true);
  const enp = r.text(f, 'ENP', 'ENP', 16, true);
  const snils = r.text(f, 'SNILS', 'SNILS', 14, false);
  const fam = r.text(f, 'FAM', 'FAM', 40, true);
  const im = r.text(f, 'IM', 'IM', 40, true);
  const ot = r.text(f, 'OT', 'OT', 40, false);
  const sex = r.code(f, 'W', 'W', (n) => n === 1 || n === 2, 'V005');
  const birthDate = r.date(f, 'DR', 'DR', true);
  const phone = r.text(f, 'TEL', 'TEL', 40, false);

  const documents: ErzDocument[] = raw.docs.map((d, i) => {
    const p = `DOC[${i + 1}].`;
    return {
      docType: r.code(d, 'DOCTYPE', `${p}DOCTYPE`, (n) => n >= 1 && n <= 99, 'F011'),
      docSer: r.text(d, 'DOCSER', `${p}DOCSER`, 20, false),
      docNum: r.text(d, 'DOCNUM', `${p}DOCNUM`, 30, true),
      docDate: r.date(d, 'DOCDATE', `${p}DOCDATE`, false),
    };
  });
  if (raw.polises.length === 0) {
    r.findings.push({
      severity: 'error',
      code: '902',
      rule: 'ERZ.XML.REQUIRED',
      field: 'POLIS',
      value: null,
      message: 'Отсутствует обязательный элемент POLIS',
    });
  }
  const policies: ErzPolicy[] = raw.polises.map((d, i) => {
    const p = `POLIS[${i + 1}].`;
    return {
      policyType: r.code(d, 'VPOLIS', `${p}VPOLIS`, (n) => n >= 1 && n <= 5, 'F008'),
      series: r.text(d, 'SPOLIS', `${p}SPOLIS`, 10, false),
      number: r.text(d, 'NPOLIS', `${p}NPOLIS`, 20, true),
      smoCode: r.digits(d, 'SMO', `${p}SMO`, 5, 'F002'),
      dateBeg: r.date(d, 'DBEG', `${p}DBEG`, true),
      dateEnd: r.date(d, 'DEND', `${p}DEND`, false),
      closeReason: r.text(d, 'PRICH_END', `${p}PRICH_END`, 100, false),
    };
  });
  const attachments: ErzAttachment[] = raw.priks.map((d, i) => {
    const p = `PRIK[${i + 1}].`;
    return {
      moCode: r.digits(d, 'MO', `${p}MO`, 6, 'F003'),
      districtCode: r.text(d, 'UCH', `${p}UCH`, 20, true),
      doctorSnils: r.snils(d, 'SNILS_VR', `${p}SNILS_VR`),
      dateBeg: r.date(d, 'DBEG', `${p}DBEG`, true),
      dateEnd: r.date(d, 'DEND', `${p}DEND`, false),
    };
  });

  if (r.findings.length > 0) {
    return {
      kind: 'invalid',
      ordinal,
      recordId: f.ID ? clip(f.ID) : null,
      enp: f.ENP || null,
      findings: r.findings,
    };
  }
  return {
    kind: 'record',
    ordinal,
    person: {
      recordId,
      enp,
      snils,
      fam,
      im,
      ot,
      sex: sex as 1 | 2,
      birthDate,
      phone,
      documents,
      policies,
      attachments,
    },
  };
}
