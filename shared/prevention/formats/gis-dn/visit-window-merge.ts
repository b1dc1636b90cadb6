import { type FlkIssue, flkError } from '../../../platform/flk/issue';
import type { DispensaryRecord } from '../../domain/records';
import type { DnPlanRow } from './gis-dn-mapping';

/**
 * The planned windows of a `DN_PLAN` file merged into the observations they belong to, by the observation's key:
 * the person's ЕНП and the diagnosis (`DS_CODE`; a window without it belongs to the person's only observation).
 * Where a person has several observations of the diagnosis, the one whose period holds the window's start is
 * taken. A record named by the file gets exactly the file's windows, in file order (the plan replaces the
 * record's earlier one); the others keep theirs. A window that fits no record, or several, is reported with
 * F012 904 and merged nowhere; `placed` says which record (source id) took each window, by the window's ordinal.
 * Pure.
 */

export interface PlannedWindow {
  ordinal: number;
  row: DnPlanRow;
}

export interface UnmatchedWindow {
  ordinal: number;
  planId: string;
  issues: FlkIssue[];
}

const open = '9999-12-31';

function candidatesOf(records: readonly DispensaryRecord[], row: DnPlanRow): DispensaryRecord[] {
  const same = records.filter(
    (r) => r.patient.enp === row.enp && (row.diagnosis === undefined || r.diagnosis === row.diagnosis),
  );
  if (same.length <= 1) return same;
  return same.filter((r) => r.dateIn <= row.window.from && row.window.from <= (r.dateOut ?? open));
}

export function mergeVisitWindows(
  records: readonly DispensaryRecord[],
  windows: Iterable<PlannedWindow>,
  rule = 'GISDN.PLAN.MATCH',
): { records: DispensaryRecord[]; unmatched: UnmatchedWindow[]; placed: Map<number, string> } {
  const planned = new Map<DispensaryRecord, DispensaryRecord['visits']>();
  const unmatched: UnmatchedWindow[] = [];
  const placed = new Map<number, string>();
  for (const { ordinal, row } of windows) {
    const found = candidatesOf(records, row);
    if (found.length !== 1) {
      const what = row.diagnosis ? `ЕНП ${row.enp} с диагнозом ${row.diagnosis}` : `ЕНП ${row.enp}`;
      const message =
        found.length === 0
          ? `Нет записи о диспансерном наблюдении для ${what}`
          : `Запись о диспансерном наблюдении для ${what} не определяется однозначно: укажите DS_CODE`;
      unmatched.push({
        ordinal,
        planId: row.planId,
        issues: [flkError(rule, '904', message, row.diagnosis ? 'DS_CODE' : 'ENP', row.diagnosis ?? row.enp)],
      });
      continue;
    }
    const record = found[0]!;
    placed.set(ordinal, record.sourceId);
    const list = planned.get(record) ?? [];
    list.push({ from: row.window.from, to: row.window.to });
    planned.set(record, list);
  }
  return {
    records: records.map((r) => {
      const visits = planned.get(r);
      return visits ? { ...r, visits } : r;
    }),
    unmatched,
    placed,
  };
}
