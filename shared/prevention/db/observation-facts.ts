import { resolvePatients } from '../../person/db/patients';
import type { Tx } from '../../platform/db/connection';
import type { ObservationFacts } from '../domain/dispensary-rules';
import { type CodeVersions, codeKey } from '../domain/nsi-codes';
import type { PersonRef } from '../domain/records';
import type { PreventionContext } from './lookups';

/** Every dated version of the directory codes named, in one statement. */
export async function loadCodeVersions(tx: Tx, codes: readonly [string, string][]): Promise<CodeVersions> {
  const rows = await tx<{ directory: string; code: string; beg: string; end: string | null }[]>`
    select n.directory_code as directory, n.code, n.date_beg::text as beg, n.date_end::text as "end"
    from unnest(${codes.map((c) => c[0])}::text[], ${codes.map((c) => c[1])}::text[]) q(directory, code)
    join nsi.record n on n.directory_code = q.directory and n.code = q.code`;
  const versions = new Map<string, [string, string | null][]>();
  for (const r of rows) {
    const key = codeKey(r.directory, r.code);
    versions.set(key, [...(versions.get(key) ?? []), [r.beg, r.end]]);
  }
  return { versions };
}

/**
 * The facts of a package of ДН records or polyclinic cases: today, the register's answer for every patient
 * (policy on the record's date) and the directory codes named, in three statements.
 */
export async function loadObservationFacts(
  ctx: PreventionContext,
  records: readonly {
    sourceId: string;
    patient: PersonRef;
    /** The day the policy must cover (today when absent). */
    onDate: string | undefined;
    codes: [string, string][];
  }[],
): Promise<ObservationFacts> {
  const [row] = await ctx.tx<{ today: string }[]>`select current_date::text as today`;
  const resolutions = await resolvePatients(ctx.tx, records);
  const codes = await loadCodeVersions(
    ctx.tx,
    records.flatMap((r) => r.codes),
  );
  return { rules: ctx.rules, today: row!.today, resolutions, codes };
}
