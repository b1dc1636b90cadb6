import * as z from 'zod';
import { type FlkIssue, flkError } from '../../../platform/flk/issue';
import { DispensaryRecord, VisitWindow } from '../../domain/records';
import {
  canonicalCheck,
  type LeafContext,
  type RecordRuleIds,
  readLeaves,
  writeLeaves,
} from '../plan-list/leaf-mapping';
import { dnFieldTags, dnListLeaves, dnPlanFieldTags, dnPlanLeaves, dnReason } from './gis-dn-tags';

/**
 * Between the records of the ГИС ОМС ДН files and the canonical ones, both ways (docs/formats/prevention-files.md):
 * a `DN_LIST/ZAP` is a `DispensaryRecord` (its person by ЕНП only, no visits) with its context (the ГИС ОМС ids,
 * the МО, the last case, `CODE_PINF`); a `DN_PLAN/ZAP` is one planned visit window (`DnPlanRow`) of the
 * observation keyed by ЕНП and diagnosis. Pure.
 */

/** A planned visit window of `DN_PLAN` (one `ZAP`). */
export const DnPlanRow = z.object({
  planId: z.string().trim().min(1).max(70), // CODE_P
  enp: z.string().trim().min(1).max(16), // ENP
  diagnosis: z.string().trim().min(3).max(10).optional(), // DS_CODE
  window: VisitWindow, // PLAN_DATE_START..PLAN_DATE_END
});
export type DnPlanRow = z.infer<typeof DnPlanRow> & {
  /** CODE_PINF, DN_PATIENT_ID, MCOD_PLAN, MO_PODR_ID, MED_AREA_CODE, MO_ASSIGN, END_DATE_INF, PRIMARY_INF. */
  context: LeafContext;
};

export type Read<T, Id extends string> =
  | ({ ok: true } & T)
  | ({ ok: false; issues: FlkIssue[] } & Record<Id, string | null>);

function checkReason(context: LeafContext, rules: RecordRuleIds, issues: FlkIssue[]) {
  if (context.codePinf !== undefined && context.codePinf !== dnReason) {
    issues.push(
      flkError(
        rules.code,
        '904',
        `Недопустимый повод информирования CODE_PINF (допустимо: ${dnReason})`,
        'CODE_PINF',
        String(context.codePinf),
      ),
    );
  }
}

/** Reads one `DN_LIST/ZAP`; `guard` false skips the canonical schema (values already found broken). */
export function dnListZapToRecord(
  zap: Readonly<Record<string, unknown>>,
  rules: RecordRuleIds,
  guard = true,
): Read<{ record: DispensaryRecord; context: LeafContext }, 'sourceId'> {
  const issues: FlkIssue[] = [];
  const { record, context } = readLeaves(dnListLeaves, zap, rules, issues);
  record.patient ??= {};
  checkReason(context, rules, issues);
  const sourceId = typeof record.sourceId === 'string' ? record.sourceId : null;
  if (issues.length || !guard) return { ok: false, sourceId, issues };
  const checked = canonicalCheck(DispensaryRecord, record, dnFieldTags, rules.code);
  return checked.ok
    ? { ok: true, record: checked.record, context }
    : { ok: false, sourceId, issues: checked.issues };
}

/** One `DN_LIST/ZAP` of a record; `context` supplies what the canonical record does not hold. */
export function recordToDnListZap(record: DispensaryRecord, context: LeafContext): Record<string, string> {
  return writeLeaves(dnListLeaves, record, context);
}

/** Reads one `DN_PLAN/ZAP` into a planned visit window. */
export function dnPlanZapToRow(
  zap: Readonly<Record<string, unknown>>,
  rules: RecordRuleIds,
  guard = true,
): Read<{ row: DnPlanRow }, 'planId'> {
  const issues: FlkIssue[] = [];
  const { record, context } = readLeaves(dnPlanLeaves, zap, rules, issues);
  checkReason(context, rules, issues);
  const planId = typeof record.planId === 'string' ? record.planId : null;
  if (issues.length || !guard) return { ok: false, planId, issues };
  const checked = canonicalCheck(DnPlanRow, record, dnPlanFieldTags, rules.code);
  return checked.ok
    ? { ok: true, row: { ...checked.record, context } }
    : { ok: false, planId, issues: checked.issues };
}

/** One `DN_PLAN/ZAP` of a planned window. */
export function rowToDnPlanZap(row: DnPlanRow): Record<string, string> {
  return writeLeaves(dnPlanLeaves, row, row.context);
}

export interface DnPlanDefaults {
  /** MCOD_PLAN: the МО where the visits take place. */
  mcodPlan: string;
  /** MED_AREA_CODE: the district, when known. */
  medAreaCode?: string;
}

/**
 * The planned windows of observations as `DN_PLAN` rows: one per window, `CODE_P` = `<record id>/<n>`, keyed by
 * the person's ЕНП and the diagnosis; informing due by the window's start (`END_DATE_INF`), primary (`PRIMARY_INF`
 * 1). Records without an ЕНП cannot be named in the file and give no rows.
 */
export function dnPlanRowsOf(records: Iterable<DispensaryRecord>, defaults: DnPlanDefaults): DnPlanRow[] {
  const rows: DnPlanRow[] = [];
  for (const record of records) {
    const enp = record.patient.enp;
    if (!enp) continue;
    record.visits.forEach((window, i) => {
      const context: LeafContext = {
        codePinf: dnReason,
        mcodPlan: defaults.mcodPlan,
        moAssign: record.moAssign,
        endDateInf: window.from,
        primaryInf: 1,
      };
      if (defaults.medAreaCode !== undefined) context.medAreaCode = defaults.medAreaCode;
      rows.push({
        planId: `${record.sourceId}/${i + 1}`,
        enp,
        diagnosis: record.diagnosis,
        window: { from: window.from, to: window.to },
        context,
      });
    });
  }
  return rows;
}
