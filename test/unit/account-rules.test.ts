import { describe, expect, it } from 'vitest';
import {
  grantableRoles,
  grantRefusal,
  passwordAcceptable,
  roleFitsKind,
  selfChangeRefusal,
} from '../../shared/accounts/domain/account-rules';
import { generateSystemSecret, generateTemporaryPassword } from '../../shared/accounts/domain/system-secret';
import type { Caller } from '../../shared/platform/access/caller';

const moAdmin: Caller = {
  username: 'adm',
  role: 'mo_admin',
  orgCode: '990001',
  orgKind: 'MO',
  channel: 'web',
};
const smoAdmin: Caller = {
  username: 'sadm',
  role: 'smo_admin',
  orgCode: '99001',
  orgKind: 'SMO',
  channel: 'web',
};
const fundAdmin: Caller = {
  username: 'fadm',
  role: 'fund_admin',
  orgCode: '99',
  orgKind: 'TFOMS',
  channel: 'web',
};

describe('who may grant which role', () => {
  it('gives МО/СМО administrators their own kind’s roles and the fund administrator all; others none', () => {
    expect(grantableRoles(moAdmin)).toEqual(['mo_registrar', 'mo_head', 'mo_admin', 'mo_system']);
    expect(grantableRoles(smoAdmin)).toEqual(['smo_representative', 'smo_admin', 'smo_system']);
    expect(grantableRoles(fundAdmin)).toHaveLength(11);
    expect(grantableRoles({ role: 'mo_registrar', orgKind: 'MO' })).toEqual([]);
    expect(grantableRoles({ role: 'tfoms_analyst', orgKind: 'TFOMS' })).toEqual([]);
  });

  it('refuses another organisation, fund roles and a role of another organisation kind', () => {
    expect(grantRefusal(moAdmin, { role: 'mo_registrar', orgCode: '990001', orgKind: 'MO' })).toBeNull();
    expect(grantRefusal(moAdmin, { role: 'mo_registrar', orgCode: '990002', orgKind: 'MO' })).toContain(
      'своей организации',
    );
    expect(grantRefusal(moAdmin, { role: 'fund_admin', orgCode: '990001', orgKind: 'MO' })).toContain(
      'администратор фонда',
    );
    expect(grantRefusal(moAdmin, { role: 'smo_admin', orgCode: '990001', orgKind: 'MO' })).not.toBeNull();
    expect(grantRefusal(fundAdmin, { role: 'smo_admin', orgCode: '99002', orgKind: 'SMO' })).toBeNull();
    expect(grantRefusal(fundAdmin, { role: 'mo_registrar', orgCode: '99002', orgKind: 'SMO' })).toContain(
      'виду организации',
    );
  });

  it('keeps system roles for system accounts and stops administrators locking themselves out', () => {
    expect(roleFitsKind('mo_system', 'system')).toBe(true);
    expect(roleFitsKind('mo_system', 'person')).toBe(false);
    expect(roleFitsKind('mo_registrar', 'system')).toBe(false);
    expect(selfChangeRefusal(moAdmin, 'adm', { status: 'disabled' })).not.toBeNull();
    expect(selfChangeRefusal(moAdmin, 'adm', { role: 'mo_head' })).not.toBeNull();
    expect(selfChangeRefusal(moAdmin, 'adm', { status: 'active' })).toBeNull();
    expect(selfChangeRefusal(moAdmin, 'other', { status: 'disabled' })).toBeNull();
  });
});

describe('passwords and secrets', () => {
  it('accepts passwords of 12+ characters with letters and digits, Cyrillic included', () => {
    expect(passwordAcceptable('Надёжный-пароль-2024')).toBe(true);
    expect(passwordAcceptable('abcdefghijk1')).toBe(true);
    expect(passwordAcceptable('abcdefghij1')).toBe(false);
    expect(passwordAcceptable('abcdefghijkl')).toBe(false);
    expect(passwordAcceptable('123456789012')).toBe(false);
  });

  it('generates distinct system secrets of at least 32 characters', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateSystemSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('generates temporary passwords that satisfy the local rule and the Cognito pool policy', () => {
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      expect(password).toHaveLength(16);
      expect(passwordAcceptable(password)).toBe(true);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/\d/);
      expect(password).toMatch(/[!#%+\-=?@]/);
    }
  });
});
