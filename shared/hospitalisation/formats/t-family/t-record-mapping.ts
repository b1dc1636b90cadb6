import type { z } from 'zod';
import { formatSnils, snilsDigits } from '../../../person/domain/snils';
import type { FlkIssue } from '../../../platform/flk/issue';
import { isIsoDate } from '../../../platform/formats/iso-date';
import {
  AdmissionRecord,
  CancellationRecord,
  DischargeRecord,
  FreeBedsRecord,
  ReferralRecord,
} from '../../domain/records';
import { type GroupSpec, type TagSpec, type TFileSpec, tFamilyTables } from './t-family-tags';
import type { TFileType } from './t-file-name';

/**
 * Between the tags of a `ZAP` and the canonical records, both ways, driven by the tag tables: format checks
 * of each value (F012 902 missing, 903 wrong type or length, 904 code not allowed) with Russian messages, the
 * defaults of the format (docs/formats/t-family.md §3), then the canonical zod schema as a last guard.
 */

export type TRecord =
  | ReferralRecord
  | AdmissionRecord
  | CancellationRecord
  | DischargeRecord
  | FreeBedsRecord;

/** What each file type yields. */
export interface TRecordOf {
  T1: ReferralRecord;
  T2: AdmissionRecord;
  T3: AdmissionRecord;
  T4: CancellationRecord;
  T5: DischargeRecord;
  T6: FreeBedsRecord;
}

/** Values the file carries beyond the canonical record (`$` targets of the tables): СМО, policy, who cancelled… */
export type TContext = Record<string, string | number>;

/** A `ZAP` as read: its leaf values by tag, and its groups (PROGNOZ) as lists of leaf values. */
export interface RawZap {
  fields: Record<string, string>;
  groups: Record<string, Record<string, string>[]>;
}

const schemas: Record<TFileType, z.ZodType> = {
  T1: ReferralRecord,
  T2: AdmissionRecord,
  T3: AdmissionRecord,
  T4: CancellationRecord,
  T5: DischargeRecord,
  T6: FreeBedsRecord,
};

const rules = {
  '901': 'TFILE.XML.TAG',
  '902': 'TFILE.XML.REQUIRED',
  '903': 'TFILE.XML.TYPE',
  '904': 'TFILE.XML.CODE',
};

/** One format error of a record (rule `TFILE.XML.*`). */
export function formatIssue(
  code: '901' | '902' | '903' | '904',
  field: string,
  value: string | null,
  message: string,
): FlkIssue {
  return {
    rule: rules[code],
    code,
    severity: 'error',
    field,
    ...(value !== null ? { value: value.length > 200 ? `${value.slice(0, 200)}…` : value } : {}),
    message,
  };
}

const timePattern = /^([01]\d|2[0-3])[-:]([0-5]\d)$/;

/** Reads one value by its spec; pushes format issues; undefined when absent or wrong. */
function decodeValue(spec: TagSpec, raw: string | undefined, field: string, issues: FlkIssue[]) {
  const value = raw?.trim() ?? '';
  if (value === '') {
    if (spec.required)
      issues.push(formatIssue('902', field, null, `Отсутствует обязательное поле ${spec.tag}`));
    return undefined;
  }
  switch (spec.type) {
    case 'text': {
      if (spec.max !== undefined && value.length > spec.max) {
        issues.push(formatIssue('903', field, value, `Значение ${spec.tag} длиннее ${spec.max} символов`));
        return undefined;
      }
      if (spec.min !== undefined && value.length < spec.min) {
        issues.push(formatIssue('903', field, value, `Значение ${spec.tag} короче ${spec.min} символов`));
        return undefined;
      }
      return value;
    }
    case 'int': {
      if (!new RegExp(`^\\d{1,${spec.max ?? 9}}$`).test(value)) {
        issues.push(formatIssue('903', field, value, `${spec.tag} должен быть целым неотрицательным числом`));
        return undefined;
      }
      const n = Number(value);
      if (spec.allowed && !spec.allowed.includes(n)) {
        issues.push(
          formatIssue(
            '904',
            field,
            value,
            `Недопустимый код ${spec.tag} (допустимо: ${spec.allowed.join(', ')})`,
          ),
        );
        return undefined;
      }
      return n;
    }
    case 'date':
      if (!isIsoDate(value)) {
        issues.push(formatIssue('903', field, value, `Дата ${spec.tag} должна быть в формате ГГГГ-ММ-ДД`));
        return undefined;
      }
      return value;
    case 'time': {
      const m = timePattern.exec(value);
      if (!m) {
        issues.push(formatIssue('903', field, value, `Время ${spec.tag} должно быть в формате ЧЧ-ММ`));
        return undefined;
      }
      return `${m[1]}:${m[2]}`;
    }
    case 'snils': {
      const digits = snilsDigits(value);
      if (!digits) {
        issues.push(formatIssue('903', field, value, `${spec.tag} должен иметь вид XXX-XXX-XXX YY`));
        return undefined;
      }
      return formatSnils(digits);
    }
    case 'digits':
      if (value.length !== spec.max || !/^\d+$/.test(value)) {
        issues.push(formatIssue('903', field, value, `Код ${spec.tag} должен состоять из ${spec.max} цифр`));
        return undefined;
      }
      return value;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function readTags(tags: TagSpec[], fields: Record<string, string>, prefix: string, issues: FlkIssue[]) {
  const record: Record<string, unknown> = {};
  const context: TContext = {};
  for (const spec of tags) {
    const value = decodeValue(spec, fields[spec.tag], `${prefix}${spec.tag}`, issues);
    if (value === undefined) continue;
    if (spec.to.startsWith('$')) context[spec.to.slice(1)] = value;
    else setPath(record, spec.to, value);
  }
  return { record, context };
}

function readGroup(group: GroupSpec, items: Record<string, string>[], issues: FlkIssue[]) {
  if (items.length > group.max) {
    issues.push(
      formatIssue(
        '901',
        group.tag,
        String(items.length),
        `Элементов ${group.tag} не может быть больше ${group.max}`,
      ),
    );
  }
  return items
    .slice(0, group.max)
    .map((fields, i) => readTags(group.tags, fields, `${group.tag}[${i + 1}].`, issues).record);
}

const emptyPhones = new Set(['-', 'не указан', 'нет']);

/** The person's policy: ЕНП when VPOLIS = 3 (NPOLIS); other policy types are not carried (identity by ФИО). */
function readPolicy(record: Record<string, unknown>, context: TContext, issues: FlkIssue[]) {
  const patient = (record.patient ?? {}) as Record<string, unknown>;
  record.patient = patient;
  const vpolis = context.vpolis;
  const npolis = context.npolis === undefined ? undefined : String(context.npolis);
  if (vpolis !== undefined && npolis === undefined) {
    issues.push(formatIssue('902', 'NPOLIS', null, 'Отсутствует обязательное поле NPOLIS (номер полиса)'));
  }
  if (vpolis === undefined && npolis !== undefined) {
    issues.push(formatIssue('902', 'VPOLIS', null, 'Отсутствует обязательное поле VPOLIS (тип полиса)'));
  }
  if (vpolis === 3 && npolis !== undefined) {
    if (/^\d{16}$/.test(npolis)) patient.enp = npolis;
    else
      issues.push(
        formatIssue('903', 'NPOLIS', npolis, 'ЕНП (NPOLIS при VPOLIS = 3) должен состоять из 16 цифр'),
      );
  }
  if (typeof patient.phone === 'string' && emptyPhones.has(patient.phone.toLowerCase())) delete patient.phone;
}

/** The defaults of the format and the values derived from several tags, per type. */
function finish(
  type: TFileType,
  record: Record<string, unknown>,
  context: TContext,
  fileDate: string,
  issues: FlkIssue[],
) {
  switch (type) {
    case 'T1': {
      readPolicy(record, context, issues);
      record.sourceId ??= record.number;
      // VMP (ours) says the kind; a file without it is ВМП when it carries the талон.
      record.kind = (context.vmp ?? (record.vmp !== undefined ? 1 : 0)) === 1 ? 'vmp' : 'plain';
      break;
    }
    case 'T2':
    case 'T3': {
      readPolicy(record, context, issues);
      record.kind = type === 'T2' ? 'planned' : 'emergency';
      record.sourceId ??= record.caseNumber;
      // The classic T3 has no FRM_MP: an emergency admission is «экстренная» (V014 1) unless it says otherwise.
      if (type === 'T3') record.form ??= 1;
      break;
    }
    case 'T4':
      record.sourceId ??= record.referralNumber;
      record.date ??= fileDate;
      break;
    case 'T5':
      record.sourceId ??= context.caseNumber;
      record.admissionSourceId ??= context.caseNumber;
      break;
    case 'T6':
      record.sourceId ??= [record.date, record.departmentCode, record.conditions, record.bedProfile].join(
        '/',
      );
      break;
  }
}

/** The tag of a canonical path (for messages of the schema guard). */
function tagOf(spec: TFileSpec, path: string): string {
  return (
    spec.tags.find((t) => t.to === path)?.tag ?? spec.groups.find((g) => path.startsWith(g.to))?.tag ?? path
  );
}

/**
 * Reads one `ZAP` into the canonical record of its type. `fileDate` is the file's date (ZGLV/DATA), the default
 * date of a cancellation. Returns the record and what the file says beyond it, or the record's format issues.
 */
export function zapToRecord<T extends TFileType>(
  type: T,
  zap: RawZap,
  fileDate: string,
):
  | { ok: true; record: TRecordOf[T]; context: TContext }
  | { ok: false; sourceId: string | null; issues: FlkIssue[] } {
  const spec = tFamilyTables[type];
  const issues: FlkIssue[] = [];
  const { record, context } = readTags(spec.tags, zap.fields, '', issues);
  for (const group of spec.groups) record[group.to] = readGroup(group, zap.groups[group.tag] ?? [], issues);
  finish(type, record, context, fileDate, issues);
  const sourceId = typeof record.sourceId === 'string' ? record.sourceId : null;
  if (issues.length) return { ok: false, sourceId, issues };
  const parsed = schemas[type].safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      sourceId,
      issues: parsed.error.issues.map((issue) => {
        const path = issue.path.join('.');
        const raw = getPath(record, path);
        if (raw === undefined) {
          const tag = tagOf(spec, path);
          return formatIssue('902', tag, null, `Отсутствует обязательное поле ${tag}`);
        }
        return formatIssue(
          '904',
          tagOf(spec, path),
          raw === undefined || raw === null || typeof raw === 'object' ? null : String(raw),
          /[А-Яа-яЁё]/.test(issue.message) ? issue.message : `Неверное значение ${tagOf(spec, path)}`,
        );
      }),
    };
  }
  return { ok: true, record: parsed.data as TRecordOf[T], context };
}

/** A tag's value as the file writes it (time `HH:MM` → `HH-MM`). */
function encodeValue(spec: TagSpec, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (spec.type === 'time') return String(value).replace(':', '-');
  return String(value);
}

/** The `$` values the writer derives from the canonical record itself (policy from the ЕНП, the ВМП flag). */
function derivedContext(type: TFileType, record: TRecord): TContext {
  const out: TContext = {};
  const patient = (record as { patient?: { enp?: string } }).patient;
  if (patient?.enp) {
    out.vpolis = 3;
    out.npolis = patient.enp;
  }
  if (type === 'T1') out.vmp = (record as ReferralRecord).kind === 'vmp' ? 1 : 0;
  return out;
}

/** One `ZAP` element's leaves (and groups) in table order: `[tag, value]` pairs, or a group as nested pairs. */
export function recordToZap(
  type: TFileType,
  record: TRecord,
  context: TContext = {},
): Array<[string, string] | [string, Array<[string, string]>]> {
  const spec = tFamilyTables[type];
  const values = { ...derivedContext(type, record), ...context };
  const out: Array<[string, string] | [string, Array<[string, string]>]> = [];
  for (const tag of spec.tags) {
    const raw = tag.to.startsWith('$') ? values[tag.to.slice(1)] : getPath(record, tag.to);
    const value = encodeValue(tag, raw);
    if (value !== null) out.push([tag.tag, value]);
  }
  for (const group of spec.groups) {
    const items = (getPath(record, group.to) as Record<string, unknown>[] | undefined) ?? [];
    for (const item of items) {
      const leaves: Array<[string, string]> = [];
      for (const tag of group.tags) {
        const value = encodeValue(tag, getPath(item, tag.to));
        if (value !== null) leaves.push([tag.tag, value]);
      }
      out.push([group.tag, leaves]);
    }
  }
  return out;
}
