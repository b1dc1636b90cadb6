import { clip, type FlkIssue, flkError } from '../../platform/flk/issue';
import { isIsoDate } from '../../platform/formats/iso-date';
import { type Fields, type FlatRecord, readFlatXml } from '../../platform/formats/package/flat-xml-records';
import { packageRefusal, packageRules } from '../../platform/formats/package/package-refusal';
import { openXmlText } from '../../platform/formats/package/xml-package';
import type { ErzAttachment, ErzDocument, ErzPerson, ErzPolicy } from '../domain/erz-person';
import { formatSnils, snilsDigits } from '../domain/snils';

/**
 * Reader of ЕРЗ extracts (docs/formats/erz-extract.md): the platform opens the package (ZIP or XML, caps,
 * encoding, DOCTYPE refused) and reads its header and records (`readFlatXml`); this file holds the extract's
 * tags and maps each `PERS` to an `ErzPerson`. A record with format errors is an `invalid` item (the rest of the
 * file goes on); a broken package (not ZIP/XML, malformed XML, DOCTYPE, wrong header) is a `Refusal` — also one
 * found at the end, after records were yielded (a ZIP whose CRC-32 does not match, a wrong COUNT): the import
 * stages the records and merges them only once the read has ended, in the same transaction.
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
  | { kind: 'invalid'; ordinal: number; recordId: string | null; enp: string | null; findings: FlkIssue[] };

export interface ErzReadOptions {
  /** Limit of the XML after unzipping (default 1 GiB). */
  maxXmlBytes?: number;
  /** Limit of `PERS` records (default 1,000,000). */
  maxRecords?: number;
  /** Receives warnings about the file as a whole (a windows-1251 declaration over UTF-8 bytes). */
  onIssue?: (issue: FlkIssue) => void;
}

export const erzReadLimits = { maxXmlBytes: 1024 ** 3, maxRecords: 1_000_000 } as const;

const rules = packageRules('ERZ');

/** The extract cannot be applied as a whole (its header, its COUNT, its region): nothing of it is. */
export function erzPackageRefusal(
  code: '801' | '901' | '902' | '903' | '904',
  message: string,
  field?: string,
  value?: string,
  rule: string = code === '801' ? rules.format : code === '901' ? rules.xml : rules.header,
) {
  return packageRefusal(rule, code, message, field, value);
}

const erzSchema = {
  leaves: new Set(['ID', 'ENP', 'SNILS', 'FAM', 'IM', 'OT', 'W', 'DR', 'TEL']),
  groups: new Map([
    ['DOC', { leaves: new Set(['DOCTYPE', 'DOCSER', 'DOCNUM', 'DOCDATE']), max: 20 }],
    [
      'POLIS',
      { leaves: new Set(['VPOLIS', 'SPOLIS', 'NPOLIS', 'SMO', 'DBEG', 'DEND', 'PRICH_END']), max: 50 },
    ],
    ['PRIK', { leaves: new Set(['MO', 'UCH', 'SNILS_VR', 'DBEG', 'DEND']), max: 50 }],
  ]),
};

/**
 * Reads an ЕРЗ extract. Yields the header first, then each record (parsed, or its format errors) with its
 * 1-based ordinal. Throws a `Refusal` when the file cannot be read as an extract.
 */
export async function* readErzExtract(
  chunks: AsyncIterable<Uint8Array>,
  options: ErzReadOptions = {},
): AsyncGenerator<ErzExtractItem> {
  const text = openXmlText(chunks, {
    rules,
    maxXmlBytes: options.maxXmlBytes ?? erzReadLimits.maxXmlBytes,
    ...(options.onIssue ? { onIssue: options.onIssue } : {}),
  });
  let header: ErzExtractHeader | undefined;
  let records = 0;
  for await (const item of readFlatXml(text, {
    root: 'ERZ_LIST',
    header: 'ZGLV',
    headerLeaves: new Set(['VERSION', 'DATA', 'FILENAME', 'OKATO', 'COUNT']),
    record: 'PERS',
    maxRecords: options.maxRecords ?? erzReadLimits.maxRecords,
    rules,
    recordRule: 'ERZ.XML.TAG',
    readHeader: (fields) => ({ header: parseHeader(fields), schema: erzSchema }),
  })) {
    if (item.kind === 'header') {
      header = item.header;
      yield item;
    } else {
      records++;
      yield toItem(item);
    }
  }
  if (header && header.count !== null && header.count !== records) {
    throw erzPackageRefusal(
      '904',
      `Число записей PERS в файле (${records}) не совпадает с COUNT заголовка`,
      'ZGLV.COUNT',
      String(header.count),
      'ERZ.PACKAGE.COUNT',
    );
  }
}

function parseHeader(fields: Fields): ErzExtractHeader {
  for (const tag of ['VERSION', 'DATA', 'FILENAME', 'OKATO']) {
    if (!fields[tag])
      throw erzPackageRefusal('902', `Отсутствует обязательное поле ${tag} заголовка`, `ZGLV.${tag}`);
  }
  const version = fields.VERSION!;
  const date = fields.DATA!;
  const fileName = fields.FILENAME!;
  const okato = fields.OKATO!;
  if (version !== erzFormatVersion) {
    throw erzPackageRefusal(
      '904',
      `Версия формата ${version} не поддерживается (ожидается ${erzFormatVersion})`,
      'ZGLV.VERSION',
      version,
    );
  }
  if (!isIsoDate(date))
    throw erzPackageRefusal('903', 'Дата должна быть в формате ГГГГ-ММ-ДД', 'ZGLV.DATA', date);
  if (fileName.length > 100) {
    throw erzPackageRefusal('903', 'Имя файла длиннее 100 символов', 'ZGLV.FILENAME', fileName);
  }
  if (!/^\d{2,11}$/.test(okato)) {
    throw erzPackageRefusal('903', 'Код ОКАТО должен состоять из 2–11 цифр', 'ZGLV.OKATO', okato);
  }
  const count = fields.COUNT || null;
  if (count !== null && !/^\d{1,9}$/.test(count)) {
    throw erzPackageRefusal('903', 'COUNT должен быть целым неотрицательным числом', 'ZGLV.COUNT', count);
  }
  return { version, date, fileName, okato, count: count === null ? null : Number(count) };
}

// ---------------------------------------------------------------------------------------------------------
// Raw record → ErzPerson (or its format errors)

const recordRules = { '902': 'ERZ.XML.REQUIRED', '903': 'ERZ.XML.TYPE', '904': 'ERZ.XML.CODE' } as const;

class RecordReader {
  constructor(readonly findings: FlkIssue[]) {}

  private add(code: '902' | '903' | '904', field: string, value: string | null, message: string) {
    this.findings.push(flkError(recordRules[code], code, message, field, value));
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

function toItem(raw: FlatRecord): ErzExtractItem {
  const { ordinal } = raw;
  const r = new RecordReader(raw.issues);
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

  const documents: ErzDocument[] = (raw.groups.DOC ?? []).map((d, i) => {
    const p = `DOC[${i + 1}].`;
    return {
      docType: r.code(d, 'DOCTYPE', `${p}DOCTYPE`, (n) => n >= 1 && n <= 99, 'F011'),
      docSer: r.text(d, 'DOCSER', `${p}DOCSER`, 20, false),
      docNum: r.text(d, 'DOCNUM', `${p}DOCNUM`, 30, true),
      docDate: r.date(d, 'DOCDATE', `${p}DOCDATE`, false),
    };
  });
  if (!raw.groups.POLIS) {
    r.findings.push(flkError(recordRules['902'], '902', 'Отсутствует обязательный элемент POLIS', 'POLIS'));
  }
  const policies: ErzPolicy[] = (raw.groups.POLIS ?? []).map((d, i) => {
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
  const attachments: ErzAttachment[] = (raw.groups.PRIK ?? []).map((d, i) => {
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
      recordId: f.ID ? (clip(f.ID) ?? null) : null,
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
