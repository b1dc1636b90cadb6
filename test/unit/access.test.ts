import { describe, expect, it } from 'vitest';
import { registered } from '../../shared/areas';
import { callerFromClaims } from '../../shared/platform/access/caller';
import { hashSecret, verifySecret } from '../../shared/platform/access/password';
import { type Role, roles } from '../../shared/platform/access/roles';
import { sectionsFor } from '../../shared/platform/access/sections';
import { localTokenIssuer } from '../../shared/platform/ports/identity';

describe('caller from authorizer claims', () => {
  it('reads Cognito-style claims in the shapes API Gateway flattens them to', () => {
    const claims = {
      'cognito:username': 'ivanov',
      'cognito:groups': '[mo_registrar]',
      'custom:org_code': '990001',
    };
    expect(callerFromClaims(claims)).toEqual({
      username: 'ivanov',
      role: 'mo_registrar',
      orgCode: '990001',
      orgKind: 'MO',
      channel: 'web',
    });
    expect(callerFromClaims({ ...claims, 'cognito:groups': 'other,smo_admin' })?.role).toBe('smo_admin');
  });

  it('refuses claims without a known role or organisation', () => {
    expect(
      callerFromClaims({ 'cognito:username': 'x', 'cognito:groups': 'root', 'custom:org_code': '1' }),
    ).toBeNull();
    expect(callerFromClaims({ 'cognito:username': 'x', 'cognito:groups': 'mo_admin' })).toBeNull();
    expect(callerFromClaims(undefined)).toBeNull();
  });
});

describe('secrets and tokens', () => {
  it('verifies a scrypt hash only with the right secret', async () => {
    const hash = await hashSecret('пароль-1');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifySecret('пароль-1', hash)).toBe(true);
    expect(await verifySecret('пароль-2', hash)).toBe(false);
    expect(await verifySecret('x', 'garbage')).toBe(false);
  });

  it('issues tokens whose claims read back as a caller, and rejects tampered or foreign ones', async () => {
    const issuer = localTokenIssuer('secret-a');
    const account = {
      username: 'test_smo',
      kind: 'person' as const,
      passwordHash: '',
      fullName: 'Тест',
      role: 'smo_representative' as const,
      orgCode: '99001',
      status: 'active' as const,
      failedAttempts: 0,
      lockedUntil: null,
      rateLimitPerMinute: 600,
    };
    const { token, expiresAt } = await issuer.issue(account);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const claims = await issuer.verify(token);
    expect(callerFromClaims(claims)).toMatchObject({
      username: 'test_smo',
      orgKind: 'SMO',
      orgCode: '99001',
    });
    expect(await localTokenIssuer('secret-b').verify(token)).toBeNull();
    expect(await issuer.verify(`${token.slice(0, -2)}xx`)).toBeNull();
  });
});

describe('sections by role', () => {
  it('shows patient informing to СМО and ТФОМС, not to an МО; the НСИ browser to all', () => {
    const ids = (r: Role) => sectionsFor(r, registered.sections).map((s) => s.id);
    expect(ids('mo_registrar')).not.toContain('patient-informing');
    expect(ids('smo_representative')).toContain('patient-informing');
    expect(ids('tfoms_analyst')).toContain('patient-informing');
    for (const r of roles) expect(ids(r)).toContain('nsi');
    expect(sectionsFor('mo_registrar', registered.sections).find((s) => s.id === 'nsi')?.available).toBe(
      true,
    );
  });

  it('shows account management to administrators only, and the audit log to the fund only', () => {
    const ids = (r: Role) => sectionsFor(r, registered.sections).map((s) => s.id);
    expect(ids('mo_admin')).toContain('accounts');
    expect(ids('smo_admin')).toContain('accounts');
    expect(ids('fund_admin')).toContain('accounts');
    expect(ids('mo_registrar')).not.toContain('accounts');
    expect(ids('tfoms_analyst')).toContain('audit');
    expect(ids('fund_admin')).toContain('audit');
    expect(ids('nsi_operator')).not.toContain('audit');
    expect(ids('smo_admin')).not.toContain('audit');
  });
});
