import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Every REST call that reads or writes personal data leaves an audit entry under its own request id
 * (`x-request-id`), with the caller's name, organisation, role and channel — checked route by route.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
let personId: string;
let personEnp: string;
let moCode: string;

beforeAll(async () => {
  t = await startTestRuntime();
  for (const u of ['test_mo', 'test_mo_admin', 'test_tfoms', 'test_admin', 'test_nsi']) {
    tokens.set(u, await signInToken(t.runtime.url, u));
  }
  moCode = (await t.db.sql`select org_code from auth.account where username = 'test_mo'`)[0]!.org_code;
  const [p] = await t.db.sql<{ id: string; enp: string }[]>`
    select p.id::text, p.enp from person.person p join person.attachment a on a.person_id = p.id
    where a.mo_code = ${moCode} and a.date_end is null order by p.id limit 1`;
  personId = p!.id;
  personEnp = p!.enp;
});
afterAll(async () => {
  await t?.stop();
});

interface Case {
  user: string;
  method?: 'GET' | 'POST' | 'PATCH';
  path: () => string;
  json?: () => unknown;
  action: string;
  entity: RegExp;
}

const cases: Case[] = [
  { user: 'test_mo', path: () => '/api/v1/persons?pageSize=5', action: 'read', entity: /^person$/ },
  { user: 'test_mo', path: () => `/api/v1/persons/${personId}`, action: 'read', entity: /^person$/ },
  {
    user: 'test_mo',
    method: 'POST',
    path: () => '/api/v1/persons/affiliation',
    json: () => ({ enp: personEnp }),
    action: 'query',
    entity: /^person\.affiliation$/,
  },
  {
    user: 'test_tfoms',
    path: () => `/api/v1/persons/${personId}/access-log`,
    action: 'read',
    entity: /access-log/,
  },
  { user: 'test_tfoms', path: () => '/api/v1/audit?pageSize=5', action: 'read', entity: /^audit\.entry$/ },
  {
    user: 'test_tfoms',
    path: () => '/api/v1/audit/export?username=test_mo',
    action: 'export',
    entity: /audit/,
  },
  { user: 'test_mo_admin', path: () => '/api/v1/accounts', action: 'read', entity: /^account$/ },
  { user: 'test_mo_admin', path: () => '/api/v1/accounts/test_mo', action: 'read', entity: /^account$/ },
  {
    user: 'test_mo_admin',
    method: 'POST',
    path: () => '/api/v1/accounts',
    json: () => ({
      username: 'audit_cov_user',
      kind: 'person',
      fullName: 'Проверкина Анна Сергеевна',
      role: 'mo_registrar',
      orgCode: moCode,
      password: 'Пароль-надёжный-123',
    }),
    action: 'create',
    entity: /^account$/,
  },
  {
    user: 'test_mo_admin',
    method: 'PATCH',
    path: () => '/api/v1/accounts/audit_cov_user',
    json: () => ({ fullName: 'Проверкина Анна Петровна' }),
    action: 'update',
    entity: /^account$/,
  },
  { user: 'test_nsi', path: () => `/api/v1/organisations/${moCode}`, action: 'read', entity: /^doctor$/ },
  {
    user: 'test_tfoms',
    path: () => '/api/v1/onco/persons?pageSize=5',
    action: 'read',
    entity: /^onco\.person$/,
  },
  {
    user: 'test_tfoms',
    method: 'POST',
    path: () => '/api/v1/onco/persons/search',
    json: () => ({ criteria: { kind: 'group', op: 'and', conditions: [] } }),
    action: 'read',
    entity: /^onco\.person$/,
  },
  {
    user: 'test_tfoms',
    method: 'POST',
    path: () => '/api/v1/onco/persons/export?format=csv',
    json: () => ({ criteria: { kind: 'group', op: 'and', conditions: [] } }),
    action: 'export',
    entity: /^onco\.person$/,
  },
  {
    user: 'test_tfoms',
    method: 'POST',
    path: () => '/api/v1/onco/lists',
    json: () => ({ name: 'Проверка аудита', criteria: { kind: 'group', op: 'and', conditions: [] } }),
    action: 'create',
    entity: /^onco\.list$/,
  },
];

describe('audit coverage of personal-data routes', () => {
  it.each(cases.map((c) => [`${c.method ?? 'GET'} ${c.path.toString().slice(6, 60)} as ${c.user}`, c]))(
    '%s leaves an audit entry under its request id',
    async (_, c) => {
      // Act
      const res = await callApi(t.runtime.url, c.path(), {
        method: c.method ?? 'GET',
        token: tokens.get(c.user),
        ...(c.json ? { json: c.json() } : {}),
      });
      // Assess
      expect(res.status, res.text.slice(0, 300)).toBeLessThan(300);
      expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const entries = await t.db.sql<
        { username: string; action: string; entity: string; channel: string; org_code: string }[]
      >`
        select username, action, entity, channel, org_code from audit.entry where request_id = ${res.requestId}`;
      expect(entries.length, `no audit entry for ${c.path()}`).toBeGreaterThan(0);
      const entry = entries.find((e) => e.action === c.action && c.entity.test(e.entity));
      expect(entry, JSON.stringify(entries)).toBeDefined();
      expect(entry).toMatchObject({ username: c.user, channel: 'rest' });
    },
  );
});
