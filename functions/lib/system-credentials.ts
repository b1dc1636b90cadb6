import { createHash } from 'node:crypto';
import { accountStore } from '../../shared/platform/access/account-repository';
import { type SignInResult, type StoredAccount, signIn } from '../../shared/platform/access/sign-in';
import type { Db } from '../../shared/platform/db/connection';

/** How long a verified system credential is trusted without re-running scrypt. */
export const verifiedCredentialTtlMs = 60_000;
const maxEntries = 1_000;

interface Verified {
  secretId: string | null;
  until: number;
}

const verified = new Map<string, Verified>();

function cacheKey(username: string, secret: string): string {
  return createHash('sha256').update(username.toLowerCase()).update('\0').update(secret).digest('base64url');
}

/**
 * Authenticates a SOAP system account. scrypt costs ~35 ms a call, so a credential verified in the last minute
 * (kept only as a SHA-256 digest, in this process) skips it — but the account row is read on every call, so a
 * disabled or locked account, or a revoked secret, stops working at once.
 */
export async function authenticateSystem(db: Db, username: string, secret: string): Promise<SignInResult> {
  const key = cacheKey(username, secret);
  const hit = verified.get(key);
  const store = accountStore(db);
  if (hit && hit.until > Date.now()) {
    const account = await store.find(username);
    if (account && usable(account) && (await secretStillActive(store, account, hit.secretId))) {
      return { ok: true, account, secretId: hit.secretId };
    }
    verified.delete(key);
  }
  const result = await signIn(store, username, secret, 'system');
  if (result.ok) {
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(key, { secretId: result.secretId, until: Date.now() + verifiedCredentialTtlMs });
  }
  return result;
}

function usable(account: StoredAccount): boolean {
  return (
    account.kind === 'system' &&
    account.status === 'active' &&
    !(account.lockedUntil && account.lockedUntil > new Date())
  );
}

async function secretStillActive(
  store: ReturnType<typeof accountStore>,
  account: StoredAccount,
  secretId: string | null,
): Promise<boolean> {
  if (!secretId) return false;
  return (await store.activeSecrets(account.username)).some((s) => s.id === secretId);
}
