import type { Role } from '../../domain/access/roles';
import type { AccountStore, StoredAccount } from '../../domain/access/sign-in';
import type { Db } from '../connection';

interface AccountRow {
  username: string;
  kind: 'person' | 'system';
  password_hash: string;
  full_name: string;
  role: Role;
  org_code: string;
  failed_attempts: number;
  locked_until: Date | null;
}

export function accountStore(db: Db): AccountStore {
  return {
    async find(username) {
      const [row] = await db<AccountRow[]>`
        select username, kind, password_hash, full_name, role, org_code, failed_attempts, locked_until
        from auth.account where username = ${username}`;
      return row ? toAccount(row) : null;
    },
    async recordFailure(username, lockUntil) {
      await db`
        update auth.account
        set failed_attempts = case when ${lockUntil} :: timestamptz is null then failed_attempts + 1 else 0 end,
            locked_until = ${lockUntil}
        where username = ${username}`;
    },
    async recordSuccess(username) {
      await db`update auth.account set failed_attempts = 0, locked_until = null where username = ${username}`;
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
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
  };
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
