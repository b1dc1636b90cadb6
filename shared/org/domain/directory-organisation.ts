import {
  dateProblemCode,
  type IsoDateProblem,
  isoDateProblem,
  isoDateRange,
  ruDateAsIso,
} from '../../platform/flk/edge-types';
import type { FlkIssue } from '../../platform/flk/issue';
import { checkOrganisation, checkOrganisationCode, orgIssue } from './organisation-flk';
import type { OrganisationCreate } from './organisation-input';

/** A record of an F003/F002 publication as the reader gives it (leaf values by lower-cased element name). */
export interface DirectoryRecord {
  kind: 'MO' | 'SMO';
  ordinal: number;
  fields: Record<string, string[]>;
  periods: { begin: string | null; end: string | null }[];
  /** Leaf elements given more than once in the same element (as the file spells them). */
  repeated?: readonly string[];
}

/** Which region the import is for: the ТФОМС organisation of this installation. */
export interface ImportRegion {
  regionCode: string;
  okato: string | null;
}

export type DirectoryVerdict =
  | { status: 'skipped'; ordinal: number; code: string }
  | { status: 'invalid'; ordinal: number; code: string; errors: FlkIssue[] }
  | { status: 'valid'; ordinal: number; organisation: OrganisationCreate };

/** Element names of the publications, per organisation kind (F003 МО, F002 СМО). */
const elements = {
  MO: { code: 'mcod', name: 'nam_mop', shortName: 'nam_mok' },
  SMO: { code: 'smocod', name: 'nam_smop', shortName: 'nam_smok' },
} as const;

/** Field of the canonical record → element of the file, for the protocol's per-record errors. */
const fileField: Record<string, string> = {
  inn: 'inn',
  ogrn: 'Ogrn',
  kpp: 'KPP',
  okato: 'tf_okato',
  dateBeg: 'd_begin',
  dateEnd: 'd_end',
  address: 'addr_j',
  phone: 'phone',
};

const first = (record: DirectoryRecord, name: string): string | null => record.fields[name]?.[0] ?? null;

/**
 * Elements the import reads besides the kind's code and names that may be given once where they stand (a phone
 * may be listed more than once: the first is taken).
 */
const singleElements = ['tf_okato', 'inn', 'ogrn', 'kpp', 'index_j', 'addr_j', 'd_begin', 'd_end'];

/**
 * A read element given twice in one element (two `mcod` in a record, two `d_begin` in one period) leaves the
 * value ambiguous: the record is rejected (904) rather than one of them taken.
 */
function repeatedErrors(record: DirectoryRecord): FlkIssue[] {
  const names = elements[record.kind];
  const read = new Set<string>([names.code, names.name, names.shortName, ...singleElements]);
  return (record.repeated ?? [])
    .filter((tag) => read.has(tag.toLowerCase()))
    .map((tag) => orgIssue({ code: '904', field: tag, message: `Элемент ${tag} указан более одного раза` }));
}

/** A date of a publication: ISO when it is one, else what is wrong with it (the platform's date rules). */
export type DirectoryDate = { iso: string } | { problem: IsoDateProblem } | null;

/**
 * `dd.mm.yyyy` (FFOMS publications) or `yyyy-mm-dd` (a time after it is ignored) → an ISO date; null when
 * empty. `31.02.2020` is no day: its problem is `calendar`, never a rolled-over date or a missing one.
 */
export function directoryDate(value: string | null): DirectoryDate {
  const text = value?.trim();
  if (!text) return null;
  const iso = /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : ruDateAsIso(text);
  const problem = isoDateProblem(iso);
  return problem ? { problem } : { iso };
}

const dateMeaning = { d_begin: 'включения в реестр', d_end: 'исключения из реестра' } as const;

const problemText: Record<IsoDateProblem, string> = {
  format: 'ожидается ДД.ММ.ГГГГ',
  calendar: 'такой даты нет в календаре',
  range: `дата вне допустимого диапазона (${isoDateRange.min} — ${isoDateRange.max})`,
};

/**
 * The organisation's inclusion period: the one with the latest start (an СМО excluded and later included again
 * has several `insInclude`); a record without any period falls back to its top-level `d_begin`/`d_end`. A date
 * that is present but no real day is an error of its own (903/904), not a missing date.
 */
function inclusion(record: DirectoryRecord): {
  begin: string | null;
  end: string | null;
  errors: FlkIssue[];
} {
  const errors: FlkIssue[] = [];
  const read = (value: string | null, tag: keyof typeof dateMeaning): string | null => {
    const date = directoryDate(value);
    if (date && 'problem' in date) {
      errors.push(
        orgIssue({
          code: dateProblemCode[date.problem],
          field: tag,
          value: value?.trim() ?? '',
          message: `Неверная дата ${dateMeaning[tag]}: ${problemText[date.problem]}`,
        }),
      );
      return null;
    }
    return date?.iso ?? null;
  };
  const periods = record.periods
    .map((p) => ({ begin: read(p.begin, 'd_begin'), end: read(p.end, 'd_end') }))
    .filter((p) => p.begin !== null)
    .sort((a, b) => (a.begin! < b.begin! ? -1 : a.begin! > b.begin! ? 1 : 0));
  return { ...(periods[periods.length - 1] ?? { begin: null, end: null }), errors };
}

/** Whether a record belongs to the region: by `tf_okato` (its first two digits), else by the code's prefix. */
function inRegion(record: DirectoryRecord, code: string, region: ImportRegion): boolean {
  const okato = first(record, 'tf_okato');
  if (okato && region.okato) return okato.slice(0, 2) === region.okato.slice(0, 2);
  return code.startsWith(region.regionCode);
}

/**
 * Maps one publication record to the canonical organisation, or says why not: another region (skipped), or FLK
 * errors (the same rules as the REST API, with the file's element names; an element the import reads given
 * twice in one place is an error of its own, 904). The МО kind is not part of F003:
 * a new МО is recorded as `combined` (the operator narrows it), an existing one keeps its kind.
 */
export function organisationFromDirectory(record: DirectoryRecord, region: ImportRegion): DirectoryVerdict {
  const names = elements[record.kind];
  const code = first(record, names.code) ?? '';
  const { ordinal } = record;
  const errors = repeatedErrors(record);
  // A record whose code or ОКАТО is given twice belongs to no region for sure: it is rejected, never skipped.
  const placed = !errors.some((e) => [names.code, 'tf_okato'].includes(e.field?.toLowerCase() ?? ''));
  if (code && placed && !inRegion(record, code, region)) return { status: 'skipped', ordinal, code };

  const name = first(record, names.name);
  if (!code) errors.push(orgIssue({ code: '902', field: names.code, message: 'Не указан код организации' }));
  else errors.push(...checkOrganisationCode(record.kind, code).map((e) => ({ ...e, field: names.code })));
  if (!name)
    errors.push(orgIssue({ code: '902', field: names.name, message: 'Не указано полное наименование' }));
  const period = inclusion(record);
  errors.push(...period.errors);
  if (!period.begin && period.errors.length === 0) {
    errors.push(orgIssue({ code: '902', field: 'd_begin', message: 'Не указана дата включения в реестр' }));
  }
  const index = first(record, 'index_j');
  const address = first(record, 'addr_j');
  const organisation: OrganisationCreate = {
    code,
    kind: record.kind,
    name: (name ?? '').slice(0, 500),
    shortName: (first(record, names.shortName) ?? name ?? '').slice(0, 200),
    moKind: record.kind === 'MO' ? 'combined' : null,
    okato: first(record, 'tf_okato'),
    inn: first(record, 'inn'),
    ogrn: first(record, 'ogrn'),
    kpp: first(record, 'kpp'),
    address: address ? (index ? `${index}, ${address}` : address).slice(0, 500) : null,
    phone: (first(record, 'phone') ?? first(record, 'phone1'))?.slice(0, 100) ?? null,
    dateBeg: period.begin ?? '',
    dateEnd: period.end,
  };
  if (period.begin && period.errors.length === 0) {
    errors.push(
      ...checkOrganisation(record.kind, organisation).map((e) => ({
        ...e,
        ...(e.field ? { field: fileField[e.field] ?? e.field } : {}),
      })),
    );
  }
  return errors.length > 0
    ? { status: 'invalid', ordinal, code, errors }
    : { status: 'valid', ordinal, organisation };
}
