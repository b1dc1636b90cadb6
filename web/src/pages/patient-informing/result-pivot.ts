import type { ResultSummary } from '../../api/patient-informing';

/** One СМО's results of a period: in all, by outcome and by method. */
export interface SmoResults {
  smoCode: string;
  smoName: string;
  total: number;
  byOutcome: ReadonlyMap<number, number>;
  byMethod: ReadonlyMap<number, number>;
}

function add(map: Map<number, number>, key: number, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * The summary's rows (per СМО × method × outcome) turned into one row per СМО, in the server's order, and — when
 * there are several СМО — the region's total row (code empty).
 */
export function pivotResults(rows: readonly ResultSummary[]): {
  smos: SmoResults[];
  total: SmoResults | null;
} {
  const bySmo = new Map<
    string,
    SmoResults & { byOutcome: Map<number, number>; byMethod: Map<number, number> }
  >();
  const total = { smoCode: '', smoName: 'Всего', total: 0, byOutcome: new Map(), byMethod: new Map() };
  for (const r of rows) {
    let smo = bySmo.get(r.smoCode);
    if (!smo) {
      smo = {
        smoCode: r.smoCode,
        smoName: r.smoName ?? r.smoCode,
        total: 0,
        byOutcome: new Map(),
        byMethod: new Map(),
      };
      bySmo.set(r.smoCode, smo);
    }
    for (const target of [smo, total]) {
      target.total += r.results;
      add(target.byOutcome, r.outcome, r.results);
      add(target.byMethod, r.method, r.results);
    }
  }
  const smos = [...bySmo.values()];
  return { smos, total: smos.length > 1 ? total : null };
}

/** The methods used by anyone in the period, in code order (the pivot shows only those). */
export function usedMethods(rows: readonly ResultSummary[]): number[] {
  return [...new Set(rows.map((r) => r.method))].sort((a, b) => a - b);
}
