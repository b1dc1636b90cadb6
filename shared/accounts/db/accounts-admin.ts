import { type Role, roleTitles } from '../../platform/access/roles';
import { readConfig } from '../../platform/config';
import type { Db } from '../../platform/db/connection';
import type { AccountSort, AccountStatus } from '../domain/account-requests';
import type { AccountKind } from '../domain/account-rules';

/** An account as administrators see it (never a hash). */
export interface AccountView {
  username: string;
  kind: AccountKind;
  fullName: string;
  role: Role;
  roleTitle: string;
  orgCode: string;
  orgShortName: string;
  status: AccountStatus;
  locked: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  email: string | null;
  /** A system account's own SOAP rate limit (calls a minute); null: the system default applies (persons: null). */
  rateLimitPerMinute: number | null;
  /**
   * The system default a system account without its own limit has (`OMSLINK_SYSTEM_RATE_LIMIT`, calls a minute),
   * read as the SOAP edge reads it; null for a person (no SOAP calls).
   */
  systemRateLimit: number | null;
}

type AccountViewRow = Omit<AccountView, 'roleTitle' | 'systemRateLimit'>;

function toView(row: AccountViewRow): AccountView {
  return {
    ...row,
    roleTitle: roleTitles[row.role],
    systemRateLimit: row.kind === 'system' ? readConfig().systemRateLimit : null,
  };
}

export interface AccountFilter {
  q?: string | undefined;
  orgCode?: string | undefined;
  role?: Role | undefined;
  kind?: AccountKind | undefined;
  status?: AccountStatus | undefined;
  page: number;
  pageSize: number;
  sort: AccountSort;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function selectAccounts(db: Db) {
  return db`
    select a.username, a.kind, a.full_name as "fullName", a.role, a.org_code as "orgCode",
           o.short_name as "orgShortName", a.status,
           coalesce(a.locked_until > now(), false) as locked,
           case when a.locked_until > now() then a.locked_until end as "lockedUntil",
           a.last_sign_in_at as "lastSignInAt", a.created_at as "createdAt", a.email,
           a.rate_limit_per_minute as "rateLimitPerMinute"
    from auth.account a join org.organisation o on o.code = a.org_code`;
}

/**
 * Accounts the caller may see (row-level security: an МО/СМО administrator their organisation's, the fund
 * administrator all), filtered, sorted and paged.
 */
export async function listAccounts(db: Db, filter: AccountFilter) {
  const text = filter.q?.trim().toLowerCase() ?? '';
  const like = `%${escapeLike(text)}%`;
  const where = db`
    true
    ${text ? db`and (a.username ilike ${like} or a.full_name ilike ${like} or coalesce(a.email, '') ilike ${like})` : db``}
    ${filter.orgCode ? db`and a.org_code = ${filter.orgCode}` : db``}
    ${filter.role ? db`and a.role = ${filter.role}` : db``}
    ${filter.kind ? db`and a.kind = ${filter.kind}` : db``}
    ${filter.status ? db`and a.status = ${filter.status}` : db``}`;
  const order = {
    username: db`a.username asc`,
    '-username': db`a.username desc`,
    fullName: db`a.full_name asc, a.username`,
    '-fullName': db`a.full_name desc, a.username`,
    role: db`a.role asc, a.username`,
    '-role': db`a.role desc, a.username`,
    orgCode: db`a.org_code asc, a.username`,
    '-orgCode': db`a.org_code desc, a.username`,
    lastSignInAt: db`a.last_sign_in_at asc nulls first, a.username`,
    '-lastSignInAt': db`a.last_sign_in_at desc nulls last, a.username`,
    createdAt: db`a.created_at asc, a.username`,
    '-createdAt': db`a.created_at desc, a.username`,
  }[filter.sort];
  const [items, total] = await Promise.all([
    db<AccountViewRow[]>`
      ${selectAccounts(db)} where ${where}
      order by ${order} limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`,
    db<{ n: number }[]>`select count(*)::int as n from auth.account a where ${where}`,
  ]);
  return {
    items: items.map(toView),
    total: total[0]?.n ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** One account, if the caller may see it. */
export async function findAccount(db: Db, username: string): Promise<AccountView | null> {
  const [row] = await db<AccountViewRow[]>`${selectAccounts(db)} where a.username = ${username}`;
  return row ? toView(row) : null;
}

/** Whether the user name is taken by any account, visible to the caller or not (names are unique region-wide). */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const [row] = await db<{ found: boolean }[]>`
    select exists (select 1 from auth.account_for_sign_in(${username})) as found`;
  return row?.found ?? false;
}

export interface NewAccount {
  username: string;
  kind: AccountKind;
  fullName: string;
  role: Role;
  orgCode: string;
  email: string | null;
}

/** Inserts an account (without password: see `setPasswordHash`); RLS refuses another organisation's. */
export async function insertAccount(db: Db, account: NewAccount): Promise<void> {
  await db`
    insert into auth.account (username, kind, password_hash, full_name, role, org_code, email, created_by)
    values (${account.username}, ${account.kind}, null, ${account.fullName}, ${account.role},
            ${account.orgCode}, ${account.email}, app.username())`;
}

export interface AccountChanges {
  fullName?: string | undefined;
  role?: Role | undefined;
  status?: AccountStatus | undefined;
  email?: string | null | undefined;
  /** null: back to the system default. */
  rateLimitPerMinute?: number | null | undefined;
}

/** Applies the given changes; answers whether a row the caller may manage was updated. */
export async function updateAccount(db: Db, username: string, changes: AccountChanges): Promise<boolean> {
  const set: Record<string, unknown> = {};
  if (changes.fullName !== undefined) set.full_name = changes.fullName;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.status !== undefined) set.status = changes.status;
  if (changes.email !== undefined) set.email = changes.email;
  if (changes.rateLimitPerMinute !== undefined) set.rate_limit_per_minute = changes.rateLimitPerMinute;
  set.updated_at = new Date();
  // postgres.js formats `set ${db(row, ...columns)}` as an update list only right after `set`.
  const rows = await db`
    update auth.account set ${db(set, ...Object.keys(set))}
    where username = ${username} returning 1`;
  return rows.length > 0;
}

/** Stores a person's password hash (locally; in AWS Cognito holds the password and the hash stays null). */
export async function setPasswordHash(db: Db, username: string, hash: string | null): Promise<boolean> {
  const rows = await db`
    update auth.account set password_hash = ${hash}, password_changed_at = now(), updated_at = now()
    where username = ${username} and kind = 'person' returning 1`;
  return rows.length > 0;
}

/** Ends a sign-in lock and the failure count. */
export async function unlockAccount(db: Db, username: string): Promise<boolean> {
  const rows = await db`
    update auth.account set failed_attempts = 0, locked_until = null, updated_at = now()
    where username = ${username} returning 1`;
  return rows.length > 0;
}
