import type { z } from 'zod';
import { type FlkIssue, flkError } from '../../../platform/flk/issue';
import { schemaIssues } from '../../../platform/flk/schema-issues';
import type { TreeFinding } from '../../../platform/formats/package/xml-tree-records';

/**
 * Between the leaves of a record of a tag table (xml-tree-schema.ts: the text as sent, already checked for type
 * and size by the platform reader) and a canonical record, both ways, driven by mapping tables (data): `to` is a
 * dotted path in the canonical record, or `$name` for what the file carries beyond it (the record's context).
 * Used by the prevention file families (plan list, ГИС ОМС ДН). Pure.
 */

export type LeafKind = 'text' | 'int' | 'date';

export interface LeafMap {
  tag: string;
  to: string;
  kind: LeafKind;
  /** Codes of a fixed list (F012 904 otherwise). */
  allowed?: readonly number[];
  /** Digits an `int` is written with (zero-padded): `MONTH` 03. */
  width?: number;
}

/** Values the file carries beyond the canonical record (`$` targets). */
export type LeafContext = Record<string, string | number>;

/** Rule ids of a family's record findings, by F012 code. */
export interface RecordRuleIds {
  tag: string;
  required: string;
  type: string;
  code: string;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Reads the leaves of one element by its mapping into `record` and `context`. A code outside `allowed` is a 904
 * finding (the value left out). `prefix` names the element in findings (`SV_PL_MER.`).
 */
export function readLeaves(
  maps: readonly LeafMap[],
  values: Readonly<Record<string, unknown>>,
  rules: RecordRuleIds,
  issues: FlkIssue[],
  prefix = '',
): { record: Record<string, unknown>; context: LeafContext } {
  const record: Record<string, unknown> = {};
  const context: LeafContext = {};
  for (const map of maps) {
    const raw = values[map.tag];
    if (typeof raw !== 'string') continue;
    let value: string | number = raw;
    if (map.kind === 'int') {
      value = Number(raw);
      if (map.allowed && !map.allowed.includes(value)) {
        issues.push(
          flkError(
            rules.code,
            '904',
            `Недопустимый код ${map.tag} (допустимо: ${map.allowed.join(', ')})`,
            `${prefix}${map.tag}`,
            raw,
          ),
        );
        continue;
      }
    }
    if (map.to.startsWith('$')) context[map.to.slice(1)] = value;
    else setPath(record, map.to, value);
  }
  return { record, context };
}

/** A value as the file writes it; null when absent (an empty string is absent too: the reader drops it). */
function encode(map: LeafMap, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (map.kind === 'int' && map.width) return String(value).padStart(map.width, '0');
  return String(value);
}

/** The leaves of one element from a canonical record and its context, by tag (the writer orders them). */
export function writeLeaves(
  maps: readonly LeafMap[],
  record: unknown,
  context: Readonly<LeafContext> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const map of maps) {
    const raw = map.to.startsWith('$') ? context[map.to.slice(1)] : getPath(record, map.to);
    const value = encode(map, raw);
    if (value !== null) out[map.tag] = value;
  }
  return out;
}

/** A finding of the platform's tree reader as a record issue: the tag, prefixed by its group inside the record. */
export function findingIssue(finding: TreeFinding, recordTag: string): FlkIssue {
  const { basEl, keys: _keys, ...issue } = finding;
  return basEl === recordTag || basEl === undefined
    ? issue
    : { ...issue, field: `${basEl}.${issue.field ?? ''}` };
}

/**
 * The tag of a canonical path (`months.2` → `SV_PL_MER.MONTH`, `patient` → `ENP`) by a table of path prefixes;
 * the path itself when the table has none.
 */
export function tagOfPath(fieldTags: Readonly<Record<string, string>>, path: string): string {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  for (let n = parts.length; n > 0; n--) {
    const tag = fieldTags[parts.slice(0, n).join('.')];
    if (tag !== undefined) return tag;
  }
  return path;
}

/**
 * The canonical schema as the last guard after the format checks: its violations as findings naming the tag
 * (F012 902/903/904 from the platform's edge types).
 */
export function canonicalCheck<T>(
  schema: z.ZodType<T>,
  record: Record<string, unknown>,
  fieldTags: Readonly<Record<string, string>>,
  rule: string,
): { ok: true; record: T } | { ok: false; issues: FlkIssue[] } {
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ok: true, record: parsed.data };
  return {
    ok: false,
    issues: schemaIssues(parsed.error).map((issue) => ({
      ...issue,
      rule,
      field: tagOfPath(fieldTags, issue.field ?? ''),
    })),
  };
}
