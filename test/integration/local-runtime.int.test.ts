import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { defaultNsiDataDir } from '../../shared/nsi/db/nsi-loader';
import { getPorts } from '../../shared/platform/ports/ports';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

let db: TestDatabase;
let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp('/var/tmp/omslink-rt-');
  await chmod(dataDir, 0o755);
  runtime = await startLocalRuntime({
    databaseUrl: db.url,
    // The application role is cluster-wide: every test file must give it the same password.
    appDbPassword: inject('appDbPassword'),
    dataDir,
    port: 0,
    demoFlows: false,
    demoSeed: testDemo.seed,
    demoPersons: testDemo.persons,
  });
});
afterAll(async () => {
  await runtime?.stop();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function api(pathname: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`${runtime.url}${pathname}`, { ...init, headers });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : null,
  };
}

async function signIn(username: string, password = username) {
  const res = await api('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

describe('local runtime over HTTP', () => {
  it('reports health of database and queue', async () => {
    const res = await api('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { ok: true, version: expect.stringMatching(/^17\./) },
      queue: { ok: true, adapter: 'pg-boss' },
    });
  });

  it('signs each demo user in with their organisation and role-specific sections', async () => {
    for (const [username, kind, informing] of [
      ['test_tfoms', 'TFOMS', true],
      ['test_mo', 'MO', false],
      ['test_smo', 'SMO', true],
    ] as const) {
      const token = await signIn(username);
      const me = await api('/api/v1/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.organisation.kind).toBe(kind);
      expect(me.body.sections.some((s: { id: string }) => s.id === 'patient-informing')).toBe(informing);
    }
  });

  it('refuses bad credentials in Russian, locks after five failures, and never signs a system account into the web', async () => {
    const wrong = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'test_smo', password: 'x' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.type).toContain('application/problem+json');
    expect(wrong.body.title).toBe('Неверное имя пользователя или пароль');
    const system = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'soap_mo', password: 'soap_mo' }),
    });
    expect(system.status).toBe(401);
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = (
        await api('/api/v1/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'test_mo', password: 'bad' }),
        })
      ).status;
    }
    expect(last).toBe(423);
    const locked = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'test_mo', password: 'test_mo' }),
    });
    expect(locked.status).toBe(423);
    await db.sql`update auth.account set failed_attempts = 0, locked_until = null where username = 'test_mo'`;
  });

  it('answers malformed input with 400 problems carrying FLK codes, never 500', async () => {
    const notJson = await api('/api/v1/auth/login', { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors[0].code).toBe('903');
    const missing = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'a' }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ code: '902', field: 'password' })]);
    const token = await signIn('test_tfoms');
    const badPage = await api('/api/v1/nsi/directories/V002/records?page=0&sort=weird', { token });
    expect(badPage.status).toBe(400);
    expect(badPage.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'sort']);
    expect((await api('/api/v1/nsi/directories/NOPE/records', { token })).status).toBe(404);
    expect((await api('/api/v1/nope', { token })).status).toBe(404);
    expect((await api('/api/v1/me', { method: 'DELETE', token })).status).toBe(405);
  });

  it('answers a 20 KB URL with a 431 problem in Russian, not a bare status line', async () => {
    // Act
    const res = await fetch(`${runtime.url}/api/v1/persons?q=${'а'.repeat(20_000)}`);

    // Assess
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await res.json()).toMatchObject({
      status: 431,
      title: 'Слишком длинный адрес или заголовки запроса',
    });
    expect((await fetch(`${runtime.url}/health`)).status).toBe(200);
  });

  it('browses НСИ with search, validity date, paging and sorting', async () => {
    const token = await signIn('test_smo');
    const dirs = await api('/api/v1/nsi/directories', { token });
    expect(dirs.body.items.find((d: { code: string }) => d.code === 'MKB10')).toMatchObject({
      currentVersion: '2.27',
      recordCount: 15038,
    });
    const c504 = await api('/api/v1/nsi/directories/MKB10/records?q=C50.4', { token });
    expect(c504.body.items[0]).toMatchObject({ code: 'C50.4' });
    const page2 = await api(
      '/api/v1/nsi/directories/V002/records?page=2&pageSize=10&sort=-code&validOn=2023-01-01',
      { token },
    );
    expect(page2.body).toMatchObject({ page: 2, pageSize: 10 });
    expect(page2.body.items).toHaveLength(10);
    const codes = page2.body.items.map((r: { code: string }) => r.code);
    expect([...codes].sort().reverse()).toEqual(codes);
    const versions = await api('/api/v1/nsi/directories/V002/versions', { token });
    expect(versions.body.items[0]).toMatchObject({ version: '3.4', publishedAt: '2022-08-04' });
  });

  it('requires a token on user routes, and a revoked token stops working', async () => {
    expect((await api('/api/v1/me')).status).toBe(401);
    expect((await api('/api/v1/me', { token: 'not-a-jwt' })).status).toBe(401);
    const token = await signIn('test_tfoms');
    expect((await api('/api/v1/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await api('/api/v1/me', { token })).status).toBe(401);
  });

  it('serves the region summary from the database', async () => {
    const token = await signIn('test_tfoms');
    const res = await api('/api/v1/region/summary', { token });
    expect(res.body.counts).toMatchObject({ smo: 3, persons: testDemo.persons });
    expect(res.body.counts.mo).toBeGreaterThanOrEqual(30);
  });
});

describe('SOAP NsiService through a client generated from its WSDL', () => {
  async function client(username: string, password: string) {
    const c = await soap.createClientAsync(`${runtime.url}/soap/NsiService?wsdl`);
    c.setEndpoint(`${runtime.url}/soap/NsiService`);
    c.setSecurity(
      new soap.WSSecurity(username, password, { passwordType: 'PasswordText', hasTimeStamp: false }),
    );
    return c;
  }

  it('lists directories and reads records for an authenticated system account', async () => {
    const c = await client('soap_mo', 'soap_mo');
    const [dirs] = await c.GetDirectoriesAsync({});
    expect(dirs.Directory.length).toBe(56);
    const [records] = await c.GetDirectoryRecordsAsync({ DirectoryCode: 'V006', ValidOn: '2024-01-01' });
    expect(records.Total).toBe(4);
    expect(records.Record.map((r: { Name: string }) => r.Name)).toContain('Стационарно');
  });

  it('accepts HTTP Basic as well', async () => {
    const c = await soap.createClientAsync(`${runtime.url}/soap/NsiService?wsdl`);
    c.setEndpoint(`${runtime.url}/soap/NsiService`);
    c.setSecurity(new soap.BasicAuthSecurity('soap_smo', 'soap_smo'));
    const [records] = await c.GetDirectoryRecordsAsync({ DirectoryCode: 'V014' });
    expect(records.Total).toBe(3);
  });

  it('answers a wrong password, an unknown directory and junk with Faults (HTTP 400), never a 5xx', async () => {
    const wrong = await client('soap_mo', 'nope');
    await expect(wrong.GetDirectoriesAsync({})).rejects.toMatchObject({
      root: {
        Envelope: { Body: { Fault: { faultcode: 'soap:Client', detail: { error: { code: 'AUTH-401' } } } } },
      },
    });
    const c = await client('soap_smo', 'soap_smo');
    const unknown = await c
      .GetDirectoryRecordsAsync({ DirectoryCode: 'X999' })
      .catch((e: { response: { status: number }; root: unknown }) => e);
    expect(unknown.response.status).toBe(400);
    expect(JSON.stringify(unknown.root)).toContain('Справочник «X999» не найден');
    for (const body of [
      '',
      'not xml',
      '<!DOCTYPE a [<!ENTITY x "y">]><a/>',
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Nope/></soap:Body></soap:Envelope>',
    ]) {
      const res = await fetch(`${runtime.url}/soap/NsiService`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/xml' },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<faultcode>soap:Client</faultcode>');
    }
  });
});

describe('import queue (pg-boss locally, the same consumer as SQS)', () => {
  it('loads a directory publication placed in the inbox and sent through the queue', async () => {
    const ports = getPorts();
    const original = await readFile(path.join(defaultNsiDataDir, 'ffoms/V005.xml'));
    const changed = Buffer.from(
      original.toString('latin1').replace('<version>3.0</version>', '<version>3.1</version>'),
      'latin1',
    );
    await ports.blobs.put('inbox', 'nsi/V005-3.1.xml', changed);
    await ports.queue.send({
      kind: 'nsi-directory',
      requestedBy: { username: 'test_nsi', role: 'nsi_operator', orgCode: '99', channel: 'web' },
      directory: 'V005',
      bucket: 'inbox',
      key: 'nsi/V005-3.1.xml',
    });
    let versions: string[] = [];
    for (let i = 0; i < 60 && !versions.includes('3.1'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      versions = (await db.sql`select version from nsi.directory_version where directory_code = 'V005'`).map(
        (v) => v.version,
      );
    }
    expect(versions).toEqual(['3.0', '3.1']);
    expect((await ports.queue.health()).deadLetters).toBe(0);
  });
});
