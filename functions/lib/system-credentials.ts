import { createHash } from 'node:crypto';
import {
  accountStore,
  countCall,
  type SystemCallFacts,
  sourceThrottleStore,
  systemCallFacts,
} from '../../shared/platform/access/account-repository';
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

/** How long this process may keep calls counted in memory before adding them to the account's minute. */
export const callBatchMs = 1_000;

/** Calls of verified credentials counted in this process and not yet added to the database, per account. */
interface Unsent {
  calls: number;
  since: number;
}

const unsent = new Map<string, Unsent>();

/**
 * Counts a call in memory and says how many of the account's unsent calls to add to its minute now: all of them
 * once the oldest has waited `callBatchMs` (this call included), otherwise none. What is added is no longer unsent.
 */
function countInMemory(username: string, now: number): number {
  const key = username.toLowerCase();
  const entry = unsent.get(key) ?? { calls: 0, since: now };
  entry.calls += 1;
  if (now - entry.since < callBatchMs) {
    unsent.set(key, entry);
    return 0;
  }
  unsent.delete(key);
  return entry.calls;
}

/** The account's calls counted in this process and not yet in the database. */
function unsentCalls(username: string): number {
  return unsent.get(username.toLowerCase())?.calls ?? 0;
}

function cacheKey(username: string, secret: string): string {
  return createHash('sha256').update(username.toLowerCase()).update('\0').update(secret).digest('base64url');
}

/**
 * A system sign-in's answer: as a person's plus the calls of this minute so far (this one included), or
 * throttled (this source must wait until `retryAt`).
 */
export type SystemSignInResult =
  | (Extract<SignInResult, { ok: true }> & { calls: number })
  | Extract<SignInResult, { ok: false }>
  | { ok: false; reason: 'throttled'; retryAt: Date };

/** The source address as a key: IPv4-mapped IPv6 (::ffff:10.0.0.1) as IPv4, unknown as '-'. */
export function sourceKey(sourceIp: string | null | undefined): string {
  const ip = (sourceIp ?? '').trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return ip ? ip.slice(0, 64) : '-';
}

/**
 * Authenticates a SOAP system account called from `sourceIp` and counts the call in the account's minute.
 * Failures are throttled per (source, account): after the fifth in a row the source waits 1 s, 2 s, 4 s … at most
 * 15 min before its next try is even checked (`backoffDelayMs`), and a success resets its count — the account
 * itself is never locked, so a stranger guessing secrets cannot lock the МО's own system out. scrypt costs ~35 ms
 * a call, so a credential verified in the last minute (kept only as a SHA-256 digest, in this process) skips it:
 * then one statement (`auth.system_call`) reads the account, its active secrets, the throttle and the minute's
 * calls — a disabled account or a revoked secret still stops working at once. Such calls are counted in memory
 * and added to the account's minute about once a second (`callBatchMs`) — when every call wrote the account's
 * minute row, all its concurrent calls queued on that row's lock. This process's calls count exactly; another
 * process's lag by at most its last second. A credential not verified yet is counted only once scrypt accepted
 * it: wrong secrets never use up an account's calls.
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
  const key = cacheKey(username, secret);
  const hit = verified.get(key);
  const trusted = hit !== undefined && hit.until > now.getTime();
  const add = trusted ? countInMemory(username, now.getTime()) : 0;
  const facts = await callFacts(db, username, source, add);
  if (facts.blockedUntil && facts.blockedUntil > now) {
    return { ok: false, reason: 'throttled', retryAt: facts.blockedUntil };
  }
  if (trusted) {
    if (usable(facts) && hit.secretId !== null && facts.secretIds.includes(hit.secretId)) {
      if (facts.throttleFailures) await throttle.clear(source, username);
      return {
        ok: true,
        account: accountOf(facts),
        secretId: hit.secretId,
        calls: (facts.calls ?? 0) + unsentCalls(username),
      };
    }
    verified.delete(key);
  }
  const result = await signIn(accountStore(db), username, secret, 'system', now);
  if (result.ok) {
    if (facts.throttleFailures) await throttle.clear(source, username);
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(key, { secretId: result.secretId, until: now.getTime() + verifiedCredentialTtlMs });
    return { ...result, calls: await countCall(db, result.account.username) };
  }
  if (result.reason === 'invalid') {
    const delay = backoffDelayMs(await throttle.recordFailure(source, username));
    if (delay > 0) await throttle.block(source, username, new Date(now.getTime() + delay));
  }
  return result;
}

/** Look-ups of `auth.system_call` on their way, by account and source, that add no calls. */
const reading = new WeakMap<Db, Map<string, Promise<SystemCallFacts>>>();

/**
 * The account's facts for this call. Concurrent calls of one account from one source that add nothing share the
 * look-up already on its way (under load an МО's system has many calls in flight, and each asked the same
 * question): the answer is as fresh as for the first of them — read after each of them arrived or at most one
 * round trip before — so a disabled account or a revoked secret still stops the calls that follow it.
 */
function callFacts(db: Db, username: string, source: string, add: number): Promise<SystemCallFacts> {
  if (add > 0) return systemCallFacts(db, username, source, add);
  let ofDb = reading.get(db);
  if (!ofDb) {
    ofDb = new Map();
    reading.set(db, ofDb);
  }
  const key = `${username.toLowerCase()}\u0000${source}`;
  const pending = ofDb.get(key);
  if (pending) return pending;
  const facts = systemCallFacts(db, username, source, 0);
  ofDb.set(key, facts);
  const done = () => {
    if (ofDb.get(key) === facts) ofDb.delete(key);
  };
  facts.then(done, done);
  return facts;
}

function usable(facts: SystemCallFacts): boolean {
  return facts.account?.kind === 'system' && facts.account.status === 'active';
}

/** The account as a sign-in answers it (what the fast path does not read is not needed by a SOAP call). */
function accountOf(facts: SystemCallFacts): StoredAccount {
  const a = facts.account!;
  return { ...a, passwordHash: null, fullName: '', failedAttempts: 0, lockedUntil: null };
}

export { throttledMessage } from '../../shared/platform/access/sign-in';
