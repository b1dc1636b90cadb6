import type { Db } from '../db/connection';
import type { Role } from './roles';
import type { AccountStore, StoredAccount } from './sign-in';

interface AccountRow {
  username: string;
  kind: 'person' | 'system';
  password_hash: string | null;
  full_name: string;
  role: Role;
  org_code: string;
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: Date | null;
  rate_limit_per_minute: number | null;
}

/**
 * Sign-in happens before there is a caller, so the application role reaches accounts through the SECURITY
 * DEFINER functions of migration 002 (it cannot read other accounts' rows directly).
 */
export function accountStore(db: Db): AccountStore {
  return {
    async find(username) {
      const [row] = await db<AccountRow[]>`select * from auth.account_for_sign_in(${username})`;
      return row ? toAccount(row) : null;
    },
    async activeSecrets(username) {
      const rows = await db<{ id: string; secret_hash: string }[]>`
        select id::text, secret_hash from auth.active_secrets(${username})`;
      return rows.map((r) => ({ id: r.id, hash: r.secret_hash }));
    },
    async recordFailure(username, lockUntil) {
      await db`select auth.record_sign_in(${username}, false, ${lockUntil}, null)`;
    },
    async recordSuccess(username, secretId) {
      await db`select auth.record_sign_in(${username}, true, null, ${secretId})`;
    },
  };
}

function toAccount(r: AccountRow): StoredAccount {
  return {
    username: r.username,
    kind: r.kind,
    passwordHash: r.password_hash,
    fullName: r.full_name,
    role: r.role,
    orgCode: r.org_code,
    status: r.status,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    rateLimitPerMinute: r.rate_limit_per_minute,
  };
}

/** Failed sign-ins of one source (IP address) for one account, and until when that source must wait. */
export interface SourceThrottle {
  failures: number;
  blockedUntil: Date | null;
}

/**
 * The per-(source, account) throttle of system sign-ins (migration 013). The table is not the application's to
 * read: it goes through SECURITY DEFINER functions, like the sign-in functions of migration 002.
 */
export function sourceThrottleStore(db: Db) {
  return {
    async state(source: string, username: string): Promise<SourceThrottle | null> {
      const [row] = await db<{ failures: number; blocked_until: Date | null }[]>`
        select failures, blocked_until from auth.sign_in_throttle_state(${source}, ${username})`;
      return row ? { failures: row.failures, blockedUntil: row.blocked_until } : null;
    },
    /** Counts a failure; answers the failures in a row so far (a count idle for a day starts again). */
    async recordFailure(source: string, username: string): Promise<number> {
      const [row] = await db<{ failures: number }[]>`
        select auth.record_sign_in_failure(${source}, ${username}) as failures`;
      return row!.failures;
    },
    async block(source: string, username: string, until: Date): Promise<void> {
      await db`select auth.block_sign_in(${source}, ${username}, ${until})`;
    },
    async clear(source: string, username: string): Promise<void> {
      await db`select auth.clear_sign_in_failures(${source}, ${username})`;
    },
  };
}
export type SourceThrottleStore = ReturnType<typeof sourceThrottleStore>;

/** Records a sign-in event (success, failure, sign-out) in the audit log; there is no caller context yet. */
export async function auditSignIn(
  db: Db,
  username: string,
  action: 'sign_in' | 'sign_in_failed' | 'sign_out',
  channel: 'web' | 'soap',
  requestId: string,
): Promise<void> {
  await db`select audit.record_sign_in(${username}, ${action}, ${channel}, ${requestId})`;
}

/** What `auth.system_call` answers: the account, its active secrets, this source's throttle, the call count. */
export interface SystemCallFacts {
  account: Pick<
    StoredAccount,
    'username' | 'kind' | 'role' | 'orgCode' | 'status' | 'rateLimitPerMinute'
  > | null;
  secretIds: string[];
  throttleFailures: number | null;
  blockedUntil: Date | null;
  /** The calls of this minute stored so far (with `add`, including those just added). */
  calls: number | null;
}

/**
 * Everything a SOAP call's authentication needs in one statement (migrations 020, 025): the account, its active
 * secret ids, the (source, account) throttle and the calls of the account's current minute — after adding `add`
 * calls this process counted in memory (0: read only, no write).
 */
export async function systemCallFacts(
  db: Db,
  username: string,
  source: string,
  add: number,
): Promise<SystemCallFacts> {
  const [row] = await db<
    (Omit<AccountRow, 'password_hash' | 'full_name' | 'failed_attempts' | 'locked_until'> & {
      secret_ids: string[];
      throttle_failures: number | null;
      blocked_until: Date | null;
      calls: number | null;
    })[]
  >`select username, kind, role, org_code, status, rate_limit_per_minute, secret_ids::text[] as secret_ids,
           throttle_failures, blocked_until, calls
    from auth.system_call(${username}, ${source}, ${add}::integer)`;
  return {
    account: row?.username
      ? {
          username: row.username,
          kind: row.kind,
          role: row.role,
          orgCode: row.org_code,
          status: row.status,
          rateLimitPerMinute: row.rate_limit_per_minute,
        }
      : null,
    secretIds: row?.secret_ids ?? [],
    throttleFailures: row?.throttle_failures ?? null,
    blockedUntil: row?.blocked_until ?? null,
    calls: row?.calls ?? null,
  };
}

/** Counts a call of a system account in the current minute; returns the count so far. */
export async function countCall(db: Db, username: string): Promise<number> {
  const [row] = await db<{ calls: number }[]>`select auth.count_call(${username}) as calls`;
  return row!.calls;
}

export async function isTokenRevoked(db: Db, jti: string): Promise<boolean> {
  return (await db`select 1 from auth.revoked_token where jti = ${jti}`).length > 0;
}

export async function revokeToken(db: Db, jti: string, expiresAt: Date): Promise<void> {
  await db`
    insert into auth.revoked_token (jti, expires_at) values (${jti}, ${expiresAt})
    on conflict (jti) do nothing`;
  await db`delete from auth.revoked_token where expires_at < now()`;
}

/**
 * Is the token's account still active, with the same role and organisation? Tokens live for hours; a disabled
 * account or a changed role must stop working at once, whatever the token says.
 */
export async function isCallerCurrent(
  db: Db,
  who: { username: string; role: string; orgCode: string },
): Promise<boolean> {
  const [row] = await db<{ role: string; org_code: string; status: string }[]>`
    select role, org_code, status from auth.account_for_sign_in(${who.username})`;
  return Boolean(row && row.status === 'active' && row.role === who.role && row.org_code === who.orgCode);
}
