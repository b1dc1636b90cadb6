import { describe, expect, it } from 'vitest';
import { sourceKey } from '../../functions/lib/system-credentials';
import {
  type AccountStore,
  backoff,
  backoffDelayMs,
  type StoredAccount,
  signIn,
  throttledMessage,
} from '../../shared/platform/access/sign-in';

describe('back-off of failed system sign-ins per source and account (defect 7)', () => {
  it('lets four failures pass, then waits 1 s after the fifth, doubling, at most 15 minutes', () => {
    expect([0, 1, 2, 3, 4].map(backoffDelayMs)).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map(backoffDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(backoffDelayMs(14)).toBe(512_000);
    expect(backoffDelayMs(15)).toBe(15 * 60_000);
    expect(backoffDelayMs(1_000)).toBe(backoff.maxDelayMs);
    expect(backoffDelayMs(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('never shrinks as failures grow', () => {
    for (let n = 1; n < 60; n++) expect(backoffDelayMs(n)).toBeGreaterThanOrEqual(backoffDelayMs(n - 1));
  });

  it('tells the caller in Russian when to try again', () => {
    const now = new Date('2026-03-01T09:00:00Z');
    const message = throttledMessage(new Date('2026-03-01T09:00:08Z'), now);
    expect(message).toContain('повторите не раньше 12:00:08 МСК (через 8 с)');
  });

  it('keys a source by its address, IPv4-mapped IPv6 as IPv4', () => {
    expect(sourceKey('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(sourceKey('10.1.2.3')).toBe('10.1.2.3');
    expect(sourceKey('2001:db8::1')).toBe('2001:db8::1');
    expect(sourceKey(undefined)).toBe('-');
    expect(sourceKey('')).toBe('-');
  });
});

describe('sign-in lock-out', () => {
  const store = (kind: StoredAccount['kind']) => {
    const failures: (Date | null)[] = [];
    const account: StoredAccount = {
      username: 'x_user',
      kind,
      passwordHash: null,
      fullName: 'X',
      role: kind === 'system' ? 'mo_system' : 'mo_registrar',
      orgCode: '990001',
      status: 'active',
      failedAttempts: 4,
      lockedUntil: null,
      rateLimitPerMinute: 600,
    };
    const s: AccountStore = {
      find: async () => account,
      activeSecrets: async () => [],
      recordFailure: async (_u, lockUntil) => {
        failures.push(lockUntil);
      },
      recordSuccess: async () => {},
    };
    return { s, failures, account };
  };

  it('locks a person’s account at the fifth failure, never a system account', async () => {
    const person = store('person');
    expect(await signIn(person.s, 'x_user', 'wrong', 'person')).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    expect(person.failures).toHaveLength(1);

    const system = store('system');
    expect(await signIn(system.s, 'x_user', 'wrong', 'system')).toEqual({ ok: false, reason: 'invalid' });
    expect(system.failures).toEqual([]);
    system.account.lockedUntil = new Date(Date.now() + 60_000);
    expect(await signIn(system.s, 'x_user', 'wrong', 'system')).toEqual({ ok: false, reason: 'invalid' });
  });
});
