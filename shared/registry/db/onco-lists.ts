import type { AccessContext } from '../../platform/access/scoped';
import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type OncoCriteria as Criteria, OncoCriteria } from '../domain/onco-criteria';

/**
 * Saved criteria of the list builder (registry.onco_list). Row-level security (migration 029): a user sees their
 * own lists and those their organisation's users shared, and changes only their own. The criteria hold codes
 * only, no personal data.
 */
export interface OncoListView {
  id: string;
  name: string;
  criteria: unknown;
  shared: boolean;
  createdBy: string;
  /** The caller's own list (theirs to delete). */
  own: boolean;
  createdAt: string;
  updatedAt: string;
}

/** At most this many lists are answered (own and shared, newest first). */
export const oncoListsShown = 200;

const columns = (tx: Tx) => tx`
  l.id::text, l.name, l.criteria, l.shared, l.created_by as "createdBy", (l.created_by = app.username()) as own,
  l.created_at as "createdAt", l.updated_at as "updatedAt"`;

/** The caller's lists and the ones shared within their organisation, newest first. */
export async function listOncoLists(tx: Tx): Promise<OncoListView[]> {
  const rows = await tx<OncoListView[]>`
    select ${columns(tx)} from registry.onco_list l
    order by l.updated_at desc, l.id desc limit ${oncoListsShown}`;
  await audit(tx, 'read', 'onco.list', { records: rows.map((r) => r.id) });
  return rows;
}

/** Saves criteria under a name for the caller's organisation. */
export async function saveOncoList(
  tx: Tx,
  who: Pick<AccessContext, 'username' | 'orgCode'>,
  list: { name: string; criteria: Criteria; shared: boolean },
): Promise<OncoListView> {
  const [row] = await tx<OncoListView[]>`
    insert into registry.onco_list as l (name, criteria, org_code, created_by, shared)
    values (${list.name}, ${tx.json(list.criteria as never)}, ${who.orgCode}, ${who.username}, ${list.shared})
    returning ${columns(tx)}`;
  await audit(tx, 'create', 'onco.list', { records: [row!.id] }, { shared: list.shared });
  return row!;
}

/** Deletes the caller's own list; false when there is none such (another's list, or none). */
export async function deleteOncoList(tx: Tx, id: string): Promise<boolean> {
  const deleted = await tx<{ id: string }[]>`
    delete from registry.onco_list where id = ${id} and created_by = app.username() returning id::text`;
  if (deleted.length === 0) return false;
  await audit(tx, 'delete', 'onco.list', { records: [id] });
  return true;
}

export type SavedCriteria = { ok: true; criteria: Criteria } | { ok: false; reason: 'missing' | 'outdated' };

/** A saved list's criteria, checked against today's schema (criteria saved by an older version may not pass). */
export async function savedCriteria(tx: Tx, id: string): Promise<SavedCriteria> {
  const [row] = await tx<{ criteria: unknown }[]>`select criteria from registry.onco_list where id = ${id}`;
  if (!row) return { ok: false, reason: 'missing' };
  const parsed = OncoCriteria.safeParse(row.criteria);
  return parsed.success ? { ok: true, criteria: parsed.data } : { ok: false, reason: 'outdated' };
}
