import type { Sql, Tx } from '../db/connection';
import type { Caller } from './caller';

/** Who acts, and under which request id: what every scoped transaction tells the database. */
export interface AccessContext extends Caller {
  requestId?: string;
}

/**
 * Runs `fn` in one transaction in which the database knows the caller: organisation, its kind, role, user,
 * channel and request id are set transaction-locally (`set_config(…, true)`, safe behind RDS Proxy: nothing
 * outlives the transaction). Row-level security policies read them, so a query that forgets its organisation
 * filter still sees only the caller's scope, and `audit.record` takes who from them.
 */
export function withCaller<T>(sql: Sql, who: AccessContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    // Not awaited before `fn`: the context goes out in the same write as the work's first statement (one round
    // trip less per transaction). The connection runs them in order, so every statement of `fn` sees it; should
    // it fail, the transaction is aborted, `fn`'s statements fail with it, and the error is the context's.
    const context = setCallerContext(tx, who);
    context.catch(() => {});
    try {
      return await fn(tx);
    } finally {
      await context;
    }
  }) as Promise<T>;
}

/** Tells the current transaction who acts (for code that opens its own transaction, e.g. loaders). */
export async function setCallerContext(tx: Tx, who: AccessContext): Promise<void> {
  await tx`
    select set_config('omslink.username', ${who.username}, true),
           set_config('omslink.org_code', ${who.orgCode}, true),
           set_config('omslink.org_kind', ${who.orgKind}, true),
           set_config('omslink.role', ${who.role}, true),
           set_config('omslink.channel', ${who.channel}, true),
           set_config('omslink.request_id', ${who.requestId ?? ''}, true)`;
}

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'export' | 'import' | 'query';

/**
 * Appends an audit entry in the current scoped transaction (it commits or rolls back with the work it
 * describes). Who, organisation, role, channel and request id come from the transaction's caller context;
 * `details` must hold no personal data (counts, filters by code, file names).
 */
export async function audit(
  tx: Tx,
  action: AuditAction,
  entity: string,
  ids: { records?: readonly (string | number)[]; persons?: readonly (string | number)[] },
  details?: Record<string, unknown>,
): Promise<void> {
  const records = (ids.records ?? []).map(String);
  const persons = (ids.persons ?? []).map(String);
  await tx`
    select audit.record(${action}, ${entity}, ${records}::text[], ${persons}::bigint[],
                        ${details ? tx.json(details as never) : null})`;
}
