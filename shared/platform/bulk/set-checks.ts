import type { Tx } from '../db/connection';
import type { FlkRule } from '../flk/issue';
import type { Fragment } from './sql-lists';

/**
 * Set-based FLK over staged records (checks that need the whole file or the register): a check is a query of
 * the offending records — columns `ordinal, record_id, field, value` — whose issues go straight into the
 * import's protocol table; `markRejected` then marks every staged record with an error `ok = false`.
 * Conventions: the staged records' table has `import_id, ordinal, ok`; the protocol table is an issue table
 * (see file-protocol.ts).
 */
export function setChecks(tx: Tx, place: { protocol: string; records: string; importId: number }) {
  const { importId } = place;
  const insert = (severity: string, code: string, rule: string, message: string, source: Fragment) => tx`
    insert into ${tx(place.protocol)}
      (import_id, ordinal, seq, record_id, severity, code, rule, field, value, message)
    select ${importId}, f.ordinal, 100 + row_number() over (partition by f.ordinal order by f.field), f.record_id,
           ${severity}, ${code}, ${rule}, f.field, f.value, ${message}
    from (${source}) f`;
  return {
    /** A rule that always rejects. */
    fixed: (rule: string, def: { code: string; message: string }, source: Fragment) =>
      insert('error', def.code, rule, def.message, source),
    /** A configured rule at its severity; nothing when it is off. */
    configured: async (rule: FlkRule, source: Fragment) => {
      if (rule.severity !== 'off') await insert(rule.severity, rule.f012Code, rule.id, rule.message, source);
    },
    markRejected: () => tx`
      update ${tx(place.records)} s set ok = false
      where s.import_id = ${importId} and s.ok and exists (
        select 1 from ${tx(place.protocol)} e
        where e.import_id = ${importId} and e.ordinal = s.ordinal and e.severity = 'error')`,
    /** The record-level issues gathered in staging move into the protocol table (RLS refuses COPY there). */
    moveStagedIssues: (stagedIssues: string) => tx`
      insert into ${tx(place.protocol)} select * from ${tx(stagedIssues)} where import_id = ${importId}`,
  };
}
