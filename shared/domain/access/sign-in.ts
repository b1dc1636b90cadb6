import { verifySecret } from './password';
import type { Role } from './roles';

export interface StoredAccount {
  username: string;
  kind: 'person' | 'system';
  passwordHash: string;
  fullName: string;
  role: Role;
  orgCode: string;
  failedAttempts: number;
  lockedUntil: Date | null;
}

export interface AccountStore {
  find(username: string): Promise<StoredAccount | null>;
  recordFailure(username: string, lockUntil: Date | null): Promise<void>;
  recordSuccess(username: string): Promise<void>;
}

export const lockout = { maxFailures: 5, minutes: 15 } as const;

export type SignInResult =
  | { ok: true; account: StoredAccount }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

/**
 * Checks a username/password (or system account secret). Five failures in a row lock the account for
 * 15 minutes; an unknown user costs the same scrypt work as a known one, so timing does not reveal accounts.
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
  if (account.lockedUntil && account.lockedUntil > now) {
    return { ok: false, reason: 'locked', lockedUntil: account.lockedUntil };
  }
  if (!(await verifySecret(password, account.passwordHash))) {
    const failures = account.failedAttempts + 1;
    const lockUntil =
      failures >= lockout.maxFailures ? new Date(now.getTime() + lockout.minutes * 60_000) : null;
    await store.recordFailure(username, lockUntil);
    return lockUntil
      ? { ok: false, reason: 'locked', lockedUntil: lockUntil }
      : { ok: false, reason: 'invalid' };
  }
  if (account.failedAttempts > 0 || account.lockedUntil) await store.recordSuccess(username);
  return { ok: true, account };
}

// scrypt hash of a random string: verifying against it takes the same time as a real check.
const dummyHash = 'scrypt$16384$8$1$4M1DdHRzIoKQNgc_F_XJ6w$_1fb930E44N4lLow-CMH6pHEn7B8055osFOnlGoIyUo';
