import { verifySecret } from './password';
import type { Role } from './roles';

export interface StoredAccount {
  username: string;
  kind: 'person' | 'system';
  /** scrypt hash of a person's password (null when Cognito holds it). System accounts use `secrets`. */
  passwordHash: string | null;
  fullName: string;
  role: Role;
  orgCode: string;
  status: 'active' | 'disabled';
  failedAttempts: number;
  lockedUntil: Date | null;
  /** Calls a minute for a system account, set by an administrator; null: the system default. */
  rateLimitPerMinute: number | null;
}

export interface StoredSecret {
  id: string;
  hash: string;
}

export interface AccountStore {
  find(username: string): Promise<StoredAccount | null>;
  /** Active (unrevoked, unexpired) secrets of a system account, newest first: two overlap during rotation. */
  activeSecrets(username: string): Promise<StoredSecret[]>;
  recordFailure(username: string, lockUntil: Date | null): Promise<void>;
  recordSuccess(username: string, secretId: string | null): Promise<void>;
}

/** People's accounts: five failures in a row lock the account for 15 minutes. */
export const lockout = { maxFailures: 5, minutes: 15 } as const;

/**
 * System (SOAP) accounts are never locked as a whole — whoever knows an МО's account name could lock its
 * integration out. Failures are counted per source address and account instead: after the fifth failure in a
 * row that source waits 1 s before it may try that account again, then 2 s, 4 s … at most 15 minutes; a
 * success resets its count. The account's own system, from its own address, is not affected.
 */
export const backoff = { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000 } as const;

/** How long a source must wait after its `failures`-th failure in a row for one account (0: it need not). */
export function backoffDelayMs(failures: number): number {
  if (!Number.isFinite(failures) || failures < backoff.freeFailures) return 0;
  const doublings = Math.floor(failures) - backoff.freeFailures;
  if (doublings >= 30) return backoff.maxDelayMs;
  return Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** doublings);
}

/** The Russian answer to a throttled call: when it may try again (Moscow time) and in how many seconds. */
export function throttledMessage(retryAt: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  const time = retryAt.toLocaleTimeString('ru-RU', { timeZone: 'Europe/Moscow', hour12: false });
  return (
    'Слишком много неудачных попыток входа с этого адреса для этой учётной записи: ' +
    `повторите не раньше ${time} МСК (через ${seconds} с), проверьте имя и пароль системной учётной записи`
  );
}

export type SignInResult =
  | { ok: true; account: StoredAccount; secretId: string | null }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; lockedUntil?: Date };

/**
 * Checks a username/password (or a system account's secret). For people, five failures in a row lock the
 * account for 15 minutes (the lock then ends and the count starts again); system accounts are not locked here:
 * their callers throttle failures per source (`backoffDelayMs`, functions/lib/system-credentials.ts). An unknown
 * user costs the same scrypt work as a known one, so timing does not reveal accounts. A disabled account never
 * signs in.
 */
export async function signIn(
  store: AccountStore,
  username: string,
  password: string,
  kind: StoredAccount['kind'],
  now = new Date(),
): Promise<SignInResult> {
  const account = await store.find(username);
  if (!account || account.kind !== kind) {
    await verifySecret(password, dummyHash);
    return { ok: false, reason: 'invalid' };
  }
  const lockable = account.kind === 'person';
  if (lockable && account.lockedUntil && account.lockedUntil > now) {
    return { ok: false, reason: 'locked', lockedUntil: account.lockedUntil };
  }
  const secretId = await matchingSecret(store, account, password);
  if (secretId === undefined) {
    if (!lockable) return { ok: false, reason: 'invalid' };
    const failures = account.failedAttempts + 1;
    const lockUntil =
      failures >= lockout.maxFailures ? new Date(now.getTime() + lockout.minutes * 60_000) : null;
    await store.recordFailure(account.username, lockUntil);
    return lockUntil
      ? { ok: false, reason: 'locked', lockedUntil: lockUntil }
      : { ok: false, reason: 'invalid' };
  }
  if (account.status !== 'active') return { ok: false, reason: 'disabled' };
  await store.recordSuccess(account.username, secretId);
  return { ok: true, account, secretId };
}

/** The id of the secret that matches (null for a person's password), or undefined when none does. */
async function matchingSecret(
  store: AccountStore,
  account: StoredAccount,
  password: string,
): Promise<string | null | undefined> {
  if (account.kind === 'person') {
    const ok = await verifySecret(password, account.passwordHash ?? dummyHash);
    return ok && account.passwordHash ? null : undefined;
  }
  const secrets = await store.activeSecrets(account.username);
  if (secrets.length === 0) await verifySecret(password, dummyHash);
  for (const secret of secrets) if (await verifySecret(password, secret.hash)) return secret.id;
  return undefined;
}

// scrypt hash of a random string: verifying against it takes the same time as a real check.
const dummyHash = 'scrypt$16384$8$1$4M1DdHRzIoKQNgc_F_XJ6w$_1fb930E44N4lLow-CMH6pHEn7B8055osFOnlGoIyUo';
