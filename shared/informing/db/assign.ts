import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { Refusal } from '../../platform/flk/refusal';

export interface AssignOutcome {
  assignee: string | null;
  /** The requests now assigned (or unassigned): the caller's open requests among those named. */
  assigned: string[];
  /** The ids named that changed nothing: another СМО's, closed, or unknown. */
  unchanged: string[];
}

/**
 * The assignee must be an active person account of the caller's own organisation. Row-level security shows a
 * representative only their own account, so the name is looked up as sign-in looks it up (the organisation,
 * kind and status only).
 */
async function checkAssignee(tx: Tx, username: string): Promise<void> {
  const [account] = await tx<{ orgCode: string; kind: string; status: string }[]>`
    select org_code as "orgCode", kind, status from auth.account_for_sign_in(${username})`;
  const [side] = await tx<{ code: string }[]>`select coalesce(app.org_code(), '') as code`;
  if (
    !account ||
    account.orgCode !== side!.code ||
    account.kind !== 'person' ||
    account.status !== 'active'
  ) {
    throw Refusal.request(
      '904',
      `Пользователь «${username}» не найден среди действующих сотрудников вашей организации.`,
      'assignee',
      username,
    );
  }
}

/**
 * An СМО assigns its open requests to a representative (or clears the assignee with null). Only the caller's
 * own open requests change: the condition states the СМО as row-level security does. One audit entry names the
 * requests, their persons and the assignee (the table's own update trigger is quiet meanwhile).
 */
export async function assignRequests(
  tx: Tx,
  ids: readonly string[],
  assignee: string | null,
): Promise<AssignOutcome> {
  const name = assignee?.trim().toLowerCase() ?? null;
  if (name !== null) await checkAssignee(tx, name);
  await tx`select set_config('omslink.audit_bulk', 'on', true)`;
  const rows = await tx<{ id: string; personId: string }[]>`
    update informing.request r set assignee = ${name}
    where r.id = any(${ids as string[]}::bigint[]) and r.smo_code = app.org_code() and r.status = 'open'
    returning r.id::text, r.person_id::text as "personId"`;
  await tx`select set_config('omslink.audit_bulk', '', true)`;
  if (rows.length > 0) {
    await audit(
      tx,
      'update',
      'informing.request',
      { records: rows.map((r) => r.id), persons: rows.map((r) => r.personId) },
      { assignee: name },
    );
  }
  const changed = new Set(rows.map((r) => r.id));
  return {
    assignee: name,
    assigned: ids.filter((id) => changed.has(id)),
    unchanged: ids.filter((id) => !changed.has(id)),
  };
}
