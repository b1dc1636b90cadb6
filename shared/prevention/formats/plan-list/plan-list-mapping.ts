import { type FlkIssue, flkError } from '../../../platform/flk/issue';
import { PlanEntryRecord } from '../../domain/records';
import { canonicalCheck, type RecordRuleIds, readLeaves, setPath, writeLeaves } from './leaf-mapping';
import {
  dispCodes,
  dispOfKind,
  planListFieldTags,
  type SvPrMer,
  svPlMerLeaves,
  svPrMerLeaves,
} from './plan-list-tags';

/**
 * Between a `SV_PR_MER` of the plan list and the canonical `PlanEntryRecord`, both ways
 * (docs/formats/prevention-files.md): the leaves by the mapping table; the entry's id `ID_ZAP` (or, in a file without it, `PERSON_ID:YEAR:kind`);
 * the ЕНП from `NPOLIS` when `VPOLIS` = 3 and `ENP` is absent; the year from the header when the entry has none;
 * the periods `SV_PL_MER` as months or a quarter of one kind. Pure.
 */

export type PlanEntryRead =
  | { ok: true; record: PlanEntryRecord }
  | { ok: false; sourceId: string | null; issues: FlkIssue[] };

function readPeriods(
  periods: readonly Record<string, unknown>[],
  record: Record<string, unknown>,
  rules: RecordRuleIds,
  issues: FlkIssue[],
) {
  const months: number[] = [];
  const kinds = new Set<string>();
  for (const period of periods) {
    const { record: p } = readLeaves(svPlMerLeaves, period, rules, issues, 'SV_PL_MER.');
    if (typeof p.month === 'number') months.push(p.month);
    if (typeof p.quarter === 'number') {
      if (record.quarter !== undefined && record.quarter !== p.quarter) {
        issues.push(
          flkError(
            rules.code,
            '904',
            'В записи указаны разные кварталы SV_PL_MER/QUART',
            'SV_PL_MER.QUART',
            String(p.quarter),
          ),
        );
      }
      record.quarter ??= p.quarter;
    }
    if (typeof p.disp !== 'string') continue;
    const kind = dispCodes[p.disp];
    if (!kind) {
      issues.push(
        flkError(
          rules.code,
          '904',
          `Недопустимый вид мероприятия DISP (допустимо: ${Object.keys(dispCodes).join(', ')})`,
          'SV_PL_MER.DISP',
          p.disp,
        ),
      );
    } else kinds.add(kind);
  }
  record.months = months;
  if (kinds.size > 1) {
    issues.push(
      flkError(
        rules.code,
        '904',
        'В одной записи SV_PR_MER указаны разные виды мероприятий: укажите каждый вид отдельной записью',
        'SV_PL_MER.DISP',
        [...kinds].join(','),
      ),
    );
  }
  const [kind] = kinds;
  if (kind !== undefined) record.kind = kind;
}

/**
 * Reads one `SV_PR_MER` (as the platform reader gives it) into a plan entry; `headerYear` is ZGLV/YEAR. `guard`
 * false skips the canonical schema (the reader already found the record's values broken: no second finding).
 */
export function svPrMerToRecord(
  zap: Partial<SvPrMer>,
  headerYear: number | undefined,
  rules: RecordRuleIds,
  guard = true,
): PlanEntryRead {
  const issues: FlkIssue[] = [];
  const values = zap as Readonly<Record<string, unknown>>;
  const { record, context } = readLeaves(svPrMerLeaves, values, rules, issues);
  record.patient ??= {};
  if (context.vpolis === 3 && context.npolis !== undefined && getEnp(record) === undefined) {
    setPath(record, 'patient.enp', String(context.npolis));
  }
  record.year ??= headerYear;
  record.withdrawn = context.withdrawn === 1;
  readPeriods(zap.SV_PL_MER ?? [], record, rules, issues);
  if (record.sourceId === undefined && context.personId !== undefined && record.kind !== undefined) {
    record.sourceId = `${context.personId}:${record.year}:${dispOfKind[record.kind as keyof typeof dispOfKind]}`;
  }
  if (record.sourceId === undefined) {
    issues.push(
      flkError(rules.required, '902', 'Не заполнен идентификатор записи ID_ZAP (или PERSON_ID)', 'ID_ZAP'),
    );
  }
  const sourceId = typeof record.sourceId === 'string' ? record.sourceId : null;
  if (issues.length || !guard) return { ok: false, sourceId, issues };
  const checked = canonicalCheck(PlanEntryRecord, record, planListFieldTags, rules.code);
  return checked.ok ? checked : { ok: false, sourceId, issues: checked.issues };
}

function getEnp(record: Record<string, unknown>): unknown {
  return (record.patient as Record<string, unknown> | undefined)?.enp;
}

/** One `SV_PR_MER` of a plan entry: `NOMER_Z` its position, a `SV_PL_MER` per month (or the quarter). */
export function recordToSvPrMer(record: PlanEntryRecord, nomerZ: number): Record<string, unknown> {
  const leaves = writeLeaves(svPrMerLeaves, record, record.withdrawn ? { withdrawn: 1 } : {});
  const disp = dispOfKind[record.kind];
  const periods: Record<string, string>[] = record.months.map((month) => ({
    ...writeLeaves(svPlMerLeaves, { month }),
    DISP: disp,
  }));
  if (record.quarter !== undefined) periods.push({ QUART: String(record.quarter), DISP: disp });
  if (periods.length === 0) periods.push({ DISP: disp });
  return { NOMER_Z: String(nomerZ), ...leaves, SV_PL_MER: periods };
}
