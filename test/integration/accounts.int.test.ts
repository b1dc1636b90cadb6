import { SignJWT } from 'jose';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoPeopleDirectory } from '../../shared/platform/ports/cognito-people-directory';
import { getPorts, setPorts } from '../../shared/platform/ports/ports';
import { awsError, fakeAws } from '../helpers/fake-aws';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Accounts management (issue 3, items 2–3) through the local runtime: scope of МО/СМО administrators and the fund
 * administrator, refusals that store nothing, system-secret rotation over SOAP, disabling, unlocking, and the
 * audit entries each step leaves — without any secret in them.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
let mo1 = '';
let mo2 = '';
let smo1 = '';

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });

async function soapCall(username: string, password: string) {
  const client = await soap.createClientAsync(`${t.runtime.url}/soap/NsiService?wsdl`);
  client.setEndpoint(`${t.runtime.url}/soap/NsiService`);
  client.setSecurity(
    new soap.WSSecurity(username, password, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  try {
    const [answer] = await client.GetDirectoriesAsync({});
    return { ok: true as const, directories: answer.Directory.length as number };
  } catch (error) {
    const code = (
      error as { root?: { Envelope?: { Body?: { Fault?: { detail?: { error?: { code?: string } } } } } } }
    ).root?.Envelope?.Body?.Fault?.detail?.error?.code;
    return { ok: false as const, code };
  }
}

async function accountCount(): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`select count(*)::int as n from auth.account`;
  return row!.n;
}

async function auditEntries(username: string, action: string) {
  return t.db.sql<{ record_ids: string[]; details: Record<string, unknown> | null; role: string }[]>`
    select record_ids, details, role from audit.entry
    where username = ${username} and entity = 'account' and action = ${action} order by id`;
}

beforeAll(async () => {
  t = await startTestRuntime();
  const orgs = await t.db.sql<{ username: string; org_code: string }[]>`
    select username, org_code from auth.account where username in ('test_mo', 'test_mo2', 'test_smo')`;
  const orgOf = (u: string) => orgs.find((o) => o.username === u)!.org_code;
  mo1 = orgOf('test_mo');
  mo2 = orgOf('test_mo2');
  smo1 = orgOf('test_smo');
  for (const username of ['test_mo_admin', 'test_admin', 'test_mo', 'test_smo_admin']) {
    tokens.set(username, await signInToken(t.runtime.url, username));
  }
});
afterAll(async () => {
  await t?.stop();
});

describe('who may manage which accounts', () => {
  it('an МО administrator lists only the accounts of their own organisation, and the read is audited', async () => {
    // Act
    const all = await api('test_mo_admin', '/api/v1/accounts?pageSize=500');
    const systems = await api('test_mo_admin', '/api/v1/accounts?kind=system');
    const found = await api('test_mo_admin', '/api/v1/accounts?q=test_mo_h');

    // Assess
    expect(all.status).toBe(200);
    const names = all.body.items.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['test_mo', 'test_mo_head', 'test_mo_admin', 'soap_mo']));
    expect(names).not.toContain('test_mo2');
    expect(names).not.toContain('test_admin');
    expect(all.body.items.every((a: { orgCode: string }) => a.orgCode === mo1)).toBe(true);
    expect(all.body.total).toBe(names.length);
    expect(all.body.items.find((a: { username: string }) => a.username === 'test_mo')).toMatchObject({
      kind: 'person',
      role: 'mo_registrar',
      roleTitle: 'Регистратор МО',
      status: 'active',
      locked: false,
      orgShortName: expect.any(String),
    });
    expect(systems.body.items.map((a: { username: string }) => a.username)).toEqual(['soap_mo']);
    expect(found.body.items.map((a: { username: string }) => a.username)).toEqual(['test_mo_head']);
    const reads = await auditEntries('test_mo_admin', 'read');
    expect(reads.some((e) => e.record_ids.includes('test_mo') && e.record_ids.includes('soap_mo'))).toBe(
      true,
    );
  });

  it('the fund administrator lists every organisation’s accounts, sorted and paged', async () => {
    // Act
    const page1 = await api('test_admin', '/api/v1/accounts?pageSize=5&sort=-username');
    const mo2Only = await api('test_admin', `/api/v1/accounts?orgCode=${mo2}`);

    // Assess
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.total).toBeGreaterThanOrEqual(16);
    const names = page1.body.items.map((a: { username: string }) => a.username);
    expect([...names].sort().reverse()).toEqual(names);
    expect(mo2Only.body.items.map((a: { username: string }) => a.username).sort()).toEqual([
      'soap_mo2',
      'test_mo2',
    ]);
  });

  it('a registrar gets 403 problems for listing, reading and creating accounts', async () => {
    // Act
    const list = await api('test_mo', '/api/v1/accounts');
    const one = await api('test_mo', '/api/v1/accounts/test_mo');
    const create = await api('test_mo', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'mo_new_1',
        kind: 'person',
        fullName: 'Тестов Тест',
        role: 'mo_registrar',
        orgCode: mo1,
      },
    });

    // Assess
    for (const answer of [list, one, create]) {
      expect(answer.status).toBe(403);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.title).toBe('Доступ запрещён');
    }
    expect((await t.db.sql`select 1 from auth.account where username = 'mo_new_1'`).length).toBe(0);
  });

  it('an МО administrator cannot create an account for another organisation or with a ТФОМС role; nothing is stored', async () => {
    // Prepare
    const before = await accountCount();
    const attempts = [
      {
        username: 'other_org_1',
        kind: 'person',
        fullName: 'Чужой Пользователь',
        role: 'mo_registrar',
        orgCode: mo2,
      },
      { username: 'fund_role_1', kind: 'person', fullName: 'Фондов Фонд', role: 'fund_admin', orgCode: '99' },
      {
        username: 'fund_role_2',
        kind: 'person',
        fullName: 'Фондов Фонд',
        role: 'tfoms_analyst',
        orgCode: mo1,
      },
      { username: 'smo_role_1', kind: 'person', fullName: 'Страхов Страх', role: 'smo_admin', orgCode: smo1 },
    ];

    // Act
    const answers = [];
    for (const json of attempts)
      answers.push(await api('test_mo_admin', '/api/v1/accounts', { method: 'POST', json }));

    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(answers[0]!.body.detail).toBe(
      'Администратор организации управляет только учётными записями своей организации.',
    );
    expect(answers[2]!.body.detail).toBe('Роли ТФОМС назначает только администратор фонда.');
    expect(await accountCount()).toBe(before);
  });

  it('an МО administrator cannot change an account of another organisation nor make a registrar an СМО role', async () => {
    // Act
    const foreign = await api('test_mo_admin', '/api/v1/accounts/test_mo2', {
      method: 'PATCH',
      json: { status: 'disabled' },
    });
    const wrongKind = await api('test_mo_admin', '/api/v1/accounts/test_mo', {
      method: 'PATCH',
      json: { role: 'smo_representative' },
    });
    const self = await api('test_mo_admin', '/api/v1/accounts/test_mo_admin', {
      method: 'PATCH',
      json: { status: 'disabled' },
    });

    // Assess
    expect(foreign.status).toBe(403);
    expect(wrongKind.status).toBe(403);
    expect(self.status).toBe(409);
    const [row] = await t.db.sql<{ status: string; role: string }[]>`
      select (select status from auth.account where username = 'test_mo2') as status,
             (select role from auth.account where username = 'test_mo') as role`;
    expect(row).toEqual({ status: 'active', role: 'mo_registrar' });
  });

  it('the fund administrator creates a registrar for any МО; the new person signs in', async () => {
    // Act
    const created = await api('test_admin', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'Fund_Made_1',
        kind: 'person',
        fullName: 'Созданова Анна Петровна',
        role: 'mo_registrar',
        orgCode: mo2,
        email: 'anna@example.org',
        password: 'Надёжный-пароль-2024',
      },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({
      username: 'fund_made_1',
      orgCode: mo2,
      role: 'mo_registrar',
    });
    expect(created.body.temporaryPassword).toBeUndefined();
    const me = await callApi(t.runtime.url, '/api/v1/me', {
      token: await signInToken(t.runtime.url, 'fund_made_1', 'Надёжный-пароль-2024'),
    });
    expect(me.body.organisation.code).toBe(mo2);
    const [row] = await t.db.sql<{ password_hash: string; created_by: string }[]>`
      select password_hash, created_by from auth.account where username = 'fund_made_1'`;
    expect(row!.password_hash).toMatch(/^scrypt\$/);
    expect(row!.created_by).toBe('test_admin');
  });

  it('lists the roles with the ones the caller may grant', async () => {
    // Act
    const mine = await api('test_mo_admin', '/api/v1/roles');
    const fund = await api('test_admin', '/api/v1/roles');

    // Assess
    const grantable = (answer: typeof mine) =>
      answer.body.items
        .filter((r: { grantable: boolean }) => r.grantable)
        .map((r: { role: string }) => r.role);
    expect(grantable(mine)).toEqual(['mo_registrar', 'mo_head', 'mo_admin', 'mo_system']);
    expect(grantable(fund)).toHaveLength(11);
    expect(mine.body.items.find((r: { role: string }) => r.role === 'mo_system')).toMatchObject({
      system: true,
      accountKind: 'system',
      orgKind: 'MO',
      title: 'Информационная система МО',
    });
  });
});

describe('people: creation rules, password reset, disabling, unlocking', () => {
  it('answers bad input with 400 problems in Russian and a taken name with 409', async () => {
    // Act
    const shortPassword = await api('test_mo_admin', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'mo_weak',
        kind: 'person',
        fullName: 'Слабый Пароль',
        role: 'mo_registrar',
        orgCode: mo1,
        password: 'short1',
      },
    });
    const systemRoleForPerson = await api('test_mo_admin', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'mo_mix',
        kind: 'person',
        fullName: 'Смешанный Вид',
        role: 'mo_system',
        orgCode: mo1,
      },
    });
    const taken = await api('test_mo_admin', '/api/v1/accounts', {
      method: 'POST',
      json: { username: 'test_mo', kind: 'person', fullName: 'Двойник', role: 'mo_registrar', orgCode: mo1 },
    });

    // Assess
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body.errors).toEqual([
      expect.objectContaining({
        field: 'password',
        message: 'Пароль: не короче 12 символов, должен содержать буквы и цифры',
      }),
    ]);
    expect(systemRoleForPerson.status).toBe(400);
    expect(systemRoleForPerson.body.errors[0]).toMatchObject({ field: 'role', code: '904' });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toBe('Учётная запись «test_mo» уже существует.');
  });

  it('creates a person with a generated temporary password, resets it, disables and re-enables the account', async () => {
    // Act: create without a password
    const created = await api('test_mo_admin', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'mo_reg_temp',
        kind: 'person',
        fullName: 'Временнова Ольга',
        role: 'mo_registrar',
        orgCode: mo1,
      },
    });
    // Assess
    expect(created.status).toBe(201);
    const temporary: string = created.body.temporaryPassword;
    expect(temporary).toHaveLength(16);
    await signInToken(t.runtime.url, 'mo_reg_temp', temporary);

    // Act: the administrator resets the password
    const reset = await api('test_mo_admin', '/api/v1/accounts/mo_reg_temp/password', {
      method: 'POST',
      json: { password: 'Новый-пароль-777' },
    });
    // Assess
    expect(reset.status).toBe(204);
    const held = await signInToken(t.runtime.url, 'mo_reg_temp', 'Новый-пароль-777');
    const old = await callApi(t.runtime.url, '/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'mo_reg_temp', password: temporary },
    });
    expect(old.status).toBe(401);

    // Act: disable
    const disabled = await api('test_mo_admin', '/api/v1/accounts/mo_reg_temp', {
      method: 'PATCH',
      json: { status: 'disabled', fullName: 'Временнова Ольга Ивановна' },
    });
    // Assess: a disabled person cannot sign in (401, as for bad credentials)
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', fullName: 'Временнова Ольга Ивановна' });
    const refused = await callApi(t.runtime.url, '/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'mo_reg_temp', password: 'Новый-пароль-777' },
    });
    expect(refused.status).toBe(401);
    // … and a token issued before it was disabled stops working at once
    expect((await callApi(t.runtime.url, '/api/v1/me', { token: held })).status).toBe(401);

    // Act + Assess: enable again
    const enabled = await api('test_mo_admin', '/api/v1/accounts/mo_reg_temp', {
      method: 'PATCH',
      json: { status: 'active' },
    });
    expect(enabled.body.status).toBe('active');
    await signInToken(t.runtime.url, 'mo_reg_temp', 'Новый-пароль-777');

    // Assess: the writes are audited with field names only, never a password
    const updates = await auditEntries('test_mo_admin', 'update');
    const forUser = updates.filter((e) => e.record_ids.includes('mo_reg_temp'));
    expect(forUser.map((e) => e.details?.fields)).toEqual([['password'], ['fullName', 'status'], ['status']]);
    const creates = await auditEntries('test_mo_admin', 'create');
    expect(creates.find((e) => e.record_ids.includes('mo_reg_temp'))?.details).toMatchObject({
      kind: 'person',
      role: 'mo_registrar',
    });
  });

  it('unlocks an account locked by five failed sign-ins', async () => {
    // Prepare: lock test_mo_head
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = (
        await callApi(t.runtime.url, '/api/v1/auth/login', {
          method: 'POST',
          json: { username: 'test_mo_head', password: 'wrong' },
        })
      ).status;
    }
    expect(last).toBe(423);
    const listed = await api('test_mo_admin', '/api/v1/accounts/test_mo_head');
    expect(listed.body).toMatchObject({ locked: true, lockedUntil: expect.any(String) });

    // Act
    const unlocked = await api('test_mo_admin', '/api/v1/accounts/test_mo_head/unlock', { method: 'POST' });

    // Assess
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ locked: false, lockedUntil: null });
    await signInToken(t.runtime.url, 'test_mo_head');
  });
});

describe('system accounts: secrets and their rotation', () => {
  let initial = '';
  let initialId = '';

  it('creates a system account whose generated secret is shown once and works over SOAP', async () => {
    // Act
    const created = await api('test_mo_admin', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'mis_rotation',
        kind: 'system',
        fullName: 'МИС для ротации',
        role: 'mo_system',
        orgCode: mo1,
      },
    });

    // Assess
    expect(created.status).toBe(201);
    initial = created.body.secret.value;
    initialId = created.body.secret.id;
    expect(initial.length).toBeGreaterThanOrEqual(32);
    expect(await soapCall('mis_rotation', initial)).toEqual({ ok: true, directories: 56 });
    const [row] = await t.db.sql<{ password_hash: string | null }[]>`
      select password_hash from auth.account where username = 'mis_rotation'`;
    expect(row!.password_hash).toBeNull();
  });

  it('a new secret works together with the old one during the overlap; a revoked one fails at once', async () => {
    // Act: rotate
    const issued = await api('test_mo_admin', '/api/v1/accounts/mis_rotation/secrets', {
      method: 'POST',
      json: { label: 'весна', overlapHours: 48 },
    });

    // Assess: both secrets work, the old one until the end of the overlap
    expect(issued.status).toBe(201);
    const fresh: string = issued.body.secret.value;
    expect(fresh).not.toBe(initial);
    const overlapEnd = new Date(issued.body.previousSecretsExpireAt).getTime();
    expect(overlapEnd - Date.now()).toBeGreaterThan(47 * 3_600_000);
    expect(overlapEnd - Date.now()).toBeLessThanOrEqual(48 * 3_600_000);
    expect((await soapCall('mis_rotation', fresh)).ok).toBe(true);
    expect((await soapCall('mis_rotation', initial)).ok).toBe(true);
    const listed = await api('test_mo_admin', '/api/v1/accounts/mis_rotation/secrets');
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items[0]).toMatchObject({ label: 'весна', expiresAt: null, active: true });
    expect(listed.body.items[1]).toMatchObject({
      id: initialId,
      active: true,
      lastUsedAt: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|hash/i);

    // Act: revoke the old one
    const revoked = await api('test_mo_admin', `/api/v1/accounts/mis_rotation/secrets/${initialId}`, {
      method: 'DELETE',
    });

    // Assess: the old secret fails at once (despite the verified-credential cache), the new one works
    expect(revoked.status).toBe(204);
    expect(await soapCall('mis_rotation', initial)).toEqual({ ok: false, code: 'AUTH-401' });
    expect((await soapCall('mis_rotation', fresh)).ok).toBe(true);

    // Act + Assess: the last active secret is never revoked
    const last = await api(
      'test_mo_admin',
      `/api/v1/accounts/mis_rotation/secrets/${issued.body.secret.id}`,
      {
        method: 'DELETE',
      },
    );
    expect(last.status).toBe(409);
    expect(last.body.detail).toContain('единственный действующий секрет');
    expect((await soapCall('mis_rotation', fresh)).ok).toBe(true);

    // Assess: no secret, hash or password in the audit log
    const everything = await t.db.sql<
      { text: string }[]
    >`select string_agg(e::text, '\n') as text from audit.entry e`;
    for (const secret of [initial, fresh, 'Новый-пароль-777', 'Надёжный-пароль-2024']) {
      expect(everything[0]!.text).not.toContain(secret);
    }
    expect(everything[0]!.text).not.toContain('scrypt$');
  });

  it('a disabled system account is refused over SOAP with AUTH-403', async () => {
    // Prepare
    const issued = await api('test_mo_admin', '/api/v1/accounts/mis_rotation/secrets', { method: 'POST' });
    const secret: string = issued.body.secret.value;
    expect((await soapCall('mis_rotation', secret)).ok).toBe(true);

    // Act
    const disabled = await api('test_mo_admin', '/api/v1/accounts/mis_rotation', {
      method: 'PATCH',
      json: { status: 'disabled' },
    });

    // Assess
    expect(disabled.status).toBe(200);
    expect(await soapCall('mis_rotation', secret)).toEqual({ ok: false, code: 'AUTH-403' });
  });

  it('other organisations’ administrators cannot see or rotate the secrets; persons have none', async () => {
    // Act
    const foreign = await api('test_smo_admin', '/api/v1/accounts/mis_rotation/secrets');
    const foreignIssue = await api('test_smo_admin', '/api/v1/accounts/mis_rotation/secrets', {
      method: 'POST',
    });
    const person = await api('test_mo_admin', '/api/v1/accounts/test_mo/secrets');

    // Assess
    expect(foreign.status).toBe(403);
    expect(foreignIssue.status).toBe(403);
    expect(person.status).toBe(409);
    const [row] = await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from auth.system_secret where username = 'mis_rotation'`;
    expect(row!.n).toBe(3);
  });
});

describe('system accounts: the SOAP rate limit an administrator sets', () => {
  const limitOf = async (username: string) => {
    const [row] = await t.db.sql<{ limit: number | null }[]>`
      select rate_limit_per_minute as limit from auth.account where username = ${username}`;
    return row!.limit;
  };
  const setLimit = (admin: string, username: string, rateLimitPerMinute: unknown) =>
    api(admin, `/api/v1/accounts/${username}`, { method: 'PATCH', json: { rateLimitPerMinute } });

  it('shows the system default, sets a limit of the account’s own, and clears it back to the default; both audited', async () => {
    // Prepare
    const before = await api('test_mo_admin', '/api/v1/accounts/soap_mo');
    expect(before.body).toMatchObject({ kind: 'system', rateLimitPerMinute: null, systemRateLimit: 6000 });

    // Act: set
    const set = await setLimit('test_mo_admin', 'soap_mo', 1200);
    // Assess
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ username: 'soap_mo', rateLimitPerMinute: 1200, systemRateLimit: 6000 });
    expect(await limitOf('soap_mo')).toBe(1200);
    const card = await api('test_mo_admin', '/api/v1/accounts/soap_mo');
    expect(card.body.rateLimitPerMinute).toBe(1200);
    const list = await api('test_mo_admin', '/api/v1/accounts?kind=system');
    expect(list.body.items.find((a: { username: string }) => a.username === 'soap_mo')).toMatchObject({
      rateLimitPerMinute: 1200,
      systemRateLimit: 6000,
    });
    const person = await api('test_mo_admin', '/api/v1/accounts/test_mo');
    expect(person.body).toMatchObject({ rateLimitPerMinute: null, systemRateLimit: null });

    // Act: clear (back to the system default)
    const cleared = await setLimit('test_mo_admin', 'soap_mo', null);
    // Assess
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ rateLimitPerMinute: null, systemRateLimit: 6000 });
    expect(await limitOf('soap_mo')).toBeNull();
    const updates = (await auditEntries('test_mo_admin', 'update')).filter((e) =>
      e.record_ids.includes('soap_mo'),
    );
    expect(updates.map((e) => e.details?.fields)).toEqual([['rateLimitPerMinute'], ['rateLimitPerMinute']]);
  });

  it('refuses a limit that is not a whole number from 1 to 1,000,000 with a 400 problem; nothing is stored', async () => {
    // Prepare
    await setLimit('test_mo_admin', 'soap_mo', 500);
    const values = [0, -5, 1.5, 1_000_001, 10 ** 12, 'abc', '100', true];

    // Act
    const answers = [];
    for (const value of values) answers.push(await setLimit('test_mo_admin', 'soap_mo', value));

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].field).toBe('rateLimitPerMinute');
      expect(answer.body.errors[0].message).toMatch(/[А-Яа-я]/);
    }
    expect(answers.map((a) => a.body.errors[0].code)).toEqual([
      '904',
      '904',
      '903',
      '904',
      '904',
      '903',
      '903',
      '903',
    ]);
    expect(answers[4]!.body.errors[0]).toMatchObject({
      value: '1000000000000',
      message: 'Число вне допустимого диапазона: от 1 до 1000000',
    });
    expect(await limitOf('soap_mo')).toBe(500);
    await setLimit('test_mo_admin', 'soap_mo', null);
  });

  it('refuses a limit for a person’s account with a 904 problem', async () => {
    // Act
    const number = await setLimit('test_mo_admin', 'test_mo', 100);
    const cleared = await setLimit('test_mo_admin', 'test_mo', null);

    // Assess
    for (const answer of [number, cleared]) {
      expect(answer.status).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          code: '904',
          field: 'rateLimitPerMinute',
          message: expect.stringContaining('только системной учётной записи'),
        }),
      ]);
    }
    expect(await limitOf('test_mo')).toBeNull();
  });

  it('an МО or СМО administrator cannot change another organisation’s limit; the fund administrator can', async () => {
    // Act
    const moAdmin = await setLimit('test_mo_admin', 'soap_mo2', 10);
    const smoAdmin = await setLimit('test_smo_admin', 'soap_mo', 10);
    const fund = await setLimit('test_admin', 'soap_mo2', 2400);

    // Assess
    expect(moAdmin.status).toBe(403);
    expect(smoAdmin.status).toBe(403);
    expect(await limitOf('soap_mo')).toBeNull();
    expect(fund.status).toBe(200);
    expect(fund.body).toMatchObject({ orgCode: mo2, rateLimitPerMinute: 2400 });
    expect(await limitOf('soap_mo2')).toBe(2400);
  });

  it('a limit set through the API applies to the next SOAP call', async () => {
    // Prepare
    const created = await api('test_mo_admin', '/api/v1/accounts', {
      method: 'POST',
      json: {
        username: 'mis_limited',
        kind: 'system',
        fullName: 'МИС с лимитом',
        role: 'mo_system',
        orgCode: mo1,
      },
    });
    const secret: string = created.body.secret.value;
    expect(created.body.account).toMatchObject({ rateLimitPerMinute: null, systemRateLimit: 6000 });
    expect((await setLimit('test_mo_admin', 'mis_limited', 1)).status).toBe(200);
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));

    // Act
    const first = await soapCall('mis_limited', secret);
    const over = await soapCall('mis_limited', secret);

    // Assess
    expect(first.ok).toBe(true);
    expect(over).toEqual({ ok: false, code: 'AUTH-429' });
  });
});

describe('the deployed sign-in route through Cognito (its API faked)', () => {
  const cognito = fakeAws();
  const login = (username: string, password: string) =>
    callApi(t.runtime.url, '/api/v1/auth/login', { method: 'POST', json: { username, password } });

  it('signs in through InitiateAuth, answers Cognito’s ID token, and lets auth.account decide role, organisation and status', async () => {
    // Prepare: the same handlers, with the Cognito people directory instead of the local one
    const local = getPorts();
    setPorts({
      ...local,
      people: cognitoPeopleDirectory(
        { userPoolId: 'eu-central-1_pool', clientId: 'web-client' },
        cognito.options,
      ),
    });
    const idToken = await new SignJWT({ 'cognito:username': 'test_smo' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('stand-in-for-cognito'));
    const disabledToken = await new SignJWT({ 'cognito:username': 'test_smo2' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('stand-in-for-cognito'));
    cognito
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'test_smo', PASSWORD: 'Cognito-pass-1' } })
      .resolves({ AuthenticationResult: { IdToken: idToken, ExpiresIn: 3600 } })
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'test_smo', PASSWORD: 'wrong' } })
      .rejects(awsError('NotAuthorizedException', 'Incorrect username or password.'))
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'test_smo', PASSWORD: 'Temp-pass-1' } })
      .resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' })
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'test_smo2', PASSWORD: 'Cognito-pass-2' } })
      .resolves({ AuthenticationResult: { IdToken: disabledToken, ExpiresIn: 3600 } });
    await t.db.sql`update auth.account set status = 'disabled' where username = 'test_smo2'`;
    try {
      // Act
      const ok = await login('test_smo', 'Cognito-pass-1');
      const wrong = await login('test_smo', 'wrong');
      const temporary = await login('test_smo', 'Temp-pass-1');
      const disabledInDatabase = await login('test_smo2', 'Cognito-pass-2');

      // Assess
      expect(ok.status).toBe(200);
      expect(ok.body.token).toBe(idToken);
      expect(ok.body.user).toMatchObject({
        username: 'test_smo',
        role: 'smo_representative',
        organisation: { code: smo1, kind: 'SMO' },
      });
      expect(cognito.calls('InitiateAuth')[0]).toMatchObject({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'web-client',
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body.title).toBe('Неверное имя пользователя или пароль');
      expect(temporary.status).toBe(428);
      expect(temporary.body.title).toBe('Требуется сменить временный пароль');
      expect(disabledInDatabase.status).toBe(401);
      const [row] = await t.db.sql<{ last_sign_in_at: Date | null }[]>`
        select last_sign_in_at from auth.account where username = 'test_smo'`;
      expect(row!.last_sign_in_at).not.toBeNull();
      const events = await t.db.sql<{ action: string }[]>`
        select action from audit.entry where username = 'test_smo' and channel = 'web'
          and action in ('sign_in', 'sign_in_failed') order by id desc limit 3`;
      expect(events.map((e) => e.action)).toEqual(['sign_in_failed', 'sign_in_failed', 'sign_in']);
    } finally {
      setPorts(local);
      cognito.reset();
    }
  });
});
