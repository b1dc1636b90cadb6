import { createHash } from 'node:crypto';
import { accountStore, sourceThrottleStore } from '../../shared/platform/access/account-repository';
import {
  backoffDelayMs,
  type SignInResult,
  type StoredAccount,
  signIn,
} from '../../shared/platform/access/sign-in';
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

/** A system sign-in's answer: as a person's, or throttled (this source must wait until `retryAt`). */
export type SystemSignInResult = SignInResult | { ok: false; reason: 'throttled'; retryAt: Date };

/** The source address as a key: IPv4-mapped IPv6 (::ffff:10.0.0.1) as IPv4, unknown as '-'. */
export function sourceKey(sourceIp: string | null | undefined): string {
  const ip = (sourceIp ?? '').trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return ip ? ip.slice(0, 64) : '-';
}

/**
 * Authenticates a SOAP system account called from `sourceIp`. Failures are throttled per (source, account):
 * after the fifth in a row the source waits 1 s, 2 s, 4 s … at most 15 min before its next try is even
 * checked (`backoffDelayMs`), and a success resets its count — the account itself is never locked, so a
 * stranger guessing secrets cannot lock the МО's own system out. scrypt costs ~35 ms a call, so a credential
 * verified in the last minute (kept only as a SHA-256 digest, in this process) skips it — but the account row is
 * read on every call, so a disabled account or a revoked secret stops working at once.
 */
export async function authenticateSystem(
  db: Db,
  username: string,
  secret: string,
  sourceIp?: string | null,
  now = new Date(),
): Promise<SystemSignInResult> {
  const source = sourceKey(sourceIp);
  const throttle = sourceThrottleStore(db);
  const state = await throttle.state(source, username);
  if (state?.blockedUntil && state.blockedUntil > now) {
    return { ok: false, reason: 'throttled', retryAt: state.blockedUntil };
  }
  const key = cacheKey(username, secret);
  const hit = verified.get(key);
  const store = accountStore(db);
  if (hit && hit.until > now.getTime()) {
    const account = await store.find(username);
    if (account && usable(account) && (await secretStillActive(store, account, hit.secretId))) {
      if (state) await throttle.clear(source, username);
      return { ok: true, account, secretId: hit.secretId };
    }
    verified.delete(key);
  }
  const result = await signIn(store, username, secret, 'system', now);
  if (result.ok) {
    if (state) await throttle.clear(source, username);
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(key, { secretId: result.secretId, until: now.getTime() + verifiedCredentialTtlMs });
  } else if (result.reason === 'invalid') {
    const delay = backoffDelayMs(await throttle.recordFailure(source, username));
    if (delay > 0) await throttle.block(source, username, new Date(now.getTime() + delay));
  }
  return result;
}

function usable(account: StoredAccount): boolean {
  return account.kind === 'system' && account.status === 'active';
}

async function secretStillActive(
  store: ReturnType<typeof accountStore>,
  account: StoredAccount,
  secretId: string | null,
): Promise<boolean> {
  if (!secretId) return false;
  return (await store.activeSecrets(account.username)).some((s) => s.id === secretId);
}

export { throttledMessage } from '../../shared/platform/access/sign-in';
