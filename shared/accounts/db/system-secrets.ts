import type { Db } from '../../platform/db/connection';

/** A system account's secret as administrators see it: never the hash. */
export interface SecretView {
  id: string;
  label: string;
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  active: boolean;
}

const columns = (db: Db) => db`
  id::text, label, created_at as "createdAt", created_by as "createdBy", expires_at as "expiresAt",
  revoked_at as "revokedAt", last_used_at as "lastUsedAt",
  (revoked_at is null and (expires_at is null or expires_at > now())) as active`;

/**
 * The secrets of a system account, newest first (row-level security: only its managers see them). `lock`
 * holds the rows until the transaction ends, so two revocations cannot both leave the account without one.
 */
export async function listSecrets(db: Db, username: string, lock = false): Promise<SecretView[]> {
  return [
    ...(await db<SecretView[]>`
      select ${columns(db)} from auth.system_secret where username = ${username}
      order by created_at desc, id desc ${lock ? db`for update` : db``}`),
  ];
}

/**
 * Adds a new secret and lets the ones active so far run out after `overlapHours` (an earlier expiry they
 * already have stays), so clients can switch without downtime. Returns the new secret's row and the end of the
 * overlap (null when there was nothing to overlap).
 */
export async function issueSecret(
  db: Db,
  input: { username: string; hash: string; label: string; overlapHours: number },
): Promise<{ secret: SecretView; previousExpireAt: Date | null }> {
  const previous = await db<{ expiresAt: Date }[]>`
    update auth.system_secret
    set expires_at = least(coalesce(expires_at, now() + make_interval(hours => ${input.overlapHours})),
                           now() + make_interval(hours => ${input.overlapHours}))
    where username = ${input.username} and revoked_at is null and (expires_at is null or expires_at > now())
    returning expires_at as "expiresAt"`;
  const [secret] = await db<SecretView[]>`
    insert into auth.system_secret (username, secret_hash, label, created_by)
    values (${input.username}, ${input.hash}, ${input.label}, app.username())
    returning ${columns(db)}`;
  const latest = previous.reduce<Date | null>(
    (max, row) => (max && max > row.expiresAt ? max : row.expiresAt),
    null,
  );
  return { secret: secret!, previousExpireAt: latest };
}

/** Revokes a secret at once. */
export async function revokeSecret(db: Db, username: string, id: string): Promise<void> {
  await db`
    update auth.system_secret set revoked_at = now()
    where username = ${username} and id = ${id} and revoked_at is null`;
}
