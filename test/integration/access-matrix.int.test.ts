import { createHash, randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationPermissions } from '../../shared/consultation/permissions';
import { exchangeJournalPermissions } from '../../shared/exchange-journal/permissions';
import { hospitalisationPermissions } from '../../shared/hospitalisation/permissions';
import { informingPermissions } from '../../shared/informing/permissions';
import { personPermissions } from '../../shared/person/permissions';
import type { Permission } from '../../shared/platform/access/permissions';
import type { Role } from '../../shared/platform/access/roles';
import { preventionPermissions } from '../../shared/prevention/permissions';
import { registryPermissions } from '../../shared/registry/permissions';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * The role × resource matrix of issue 3: each role sees and changes exactly its scope — through REST, SOAP and
 * direct SQL as the application's database role (row-level security), including reading another МО's record by
 * id, acting for another organisation, listing another СМО's insured persons, and a query that "forgets" its
 * organisation filter.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();

interface Scope {
  orgCode: string;
}
const people: Record<string, { role: Role } & Scope> = {
  test_mo: { role: 'mo_registrar', orgCode: '' },
  test_mo2: { role: 'mo_registrar', orgCode: '' },
  test_mo_admin: { role: 'mo_admin', orgCode: '' },
  test_hosp: { role: 'mo_registrar', orgCode: '' },
  test_smo: { role: 'smo_representative', orgCode: '' },
  test_smo2: { role: 'smo_representative', orgCode: '' },
  test_tfoms: { role: 'tfoms_analyst', orgCode: '' },
  test_nsi: { role: 'nsi_operator', orgCode: '' },
  test_admin: { role: 'fund_admin', orgCode: '' },
};

/** A person attached to `mo` today and insured by `smo` today (owner's view, bypassing RLS). */
async function personOf(mo: string, smo: string) {
  const [row] = await t.db.sql<{ id: string; enp: string }[]>`
    select p.id::text, p.enp from person.person p
    where exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo}
                    and a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date))
      and exists (select 1 from person.policy po where po.person_id = p.id and po.smo_code = ${smo}
                    and po.date_beg <= current_date and (po.date_end is null or po.date_end >= current_date))
    order by p.id limit 1`;
  if (!row) throw new Error(`no person attached to ${mo} and insured by ${smo}`);
  return row;
}

const as = (username: string) => ({
  username,
  role: people[username]!.role,
  orgCode: people[username]!.orgCode,
});

let pA: { id: string; enp: string };
let pB: { id: string; enp: string };

beforeAll(async () => {
  t = await startTestRuntime();
  const accounts = await t.db.sql<{ username: string; org_code: string }[]>`
    select username, org_code from auth.account`;
  for (const a of accounts) if (people[a.username]) people[a.username]!.orgCode = a.org_code;
  for (const username of Object.keys(people))
    tokens.set(username, await signInToken(t.runtime.url, username));
  pA = await personOf(people.test_mo!.orgCode, people.test_smo!.orgCode);
  pB = await personOf(people.test_mo2!.orgCode, people.test_smo2!.orgCode);
});
afterAll(async () => {
  await t?.stop();
});

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });

describe('REST: persons by id and by list', () => {
  it('opens a person card exactly within each role’s scope; outside it answers 404 like a missing person', async () => {
    // Prepare: who may see pA (attached to test_mo's МО, insured by test_smo's СМО)
    const expected: Record<string, number> = {
      test_mo: 200,
      test_mo_admin: 200,
      test_mo2: 404,
      test_hosp: 404,
      test_smo: 200,
      test_smo2: 404,
      test_tfoms: 200,
      test_nsi: 200,
      test_admin: 200,
    };
    for (const [username, status] of Object.entries(expected)) {
      // Act
      const res = await api(username, `/api/v1/persons/${pA.id}`);
      // Assess
      expect({ username, status: res.status }).toEqual({ username, status });
      if (status === 200) expect(res.body.person.enp).toBe(pA.enp);
      else expect(res.body.title).toBe('Не найдено');
    }
  });

  it('reading another МО’s person by id fails, and so does another СМО’s', async () => {
    expect((await api('test_mo', `/api/v1/persons/${pB.id}`)).status).toBe(404);
    expect((await api('test_smo', `/api/v1/persons/${pB.id}`)).status).toBe(404);
    expect((await api('test_mo2', `/api/v1/persons/${pB.id}`)).status).toBe(200);
    expect((await api('test_smo2', `/api/v1/persons/${pB.id}`)).status).toBe(200);
  });

  it('listing persons insured by another СМО finds nobody; ТФОМС finds them', async () => {
    const other = people.test_smo2!.orgCode;
    const bySmo = await api('test_smo', `/api/v1/persons?smoCode=${other}`);
    expect(bySmo.status).toBe(200);
    expect(bySmo.body).toMatchObject({ hasMore: false, items: [] });
    const byFund = await api('test_tfoms', `/api/v1/persons?smoCode=${other}&pageSize=5`);
    expect(byFund.body.items.length).toBeGreaterThan(0);
    expect(byFund.body.items.every((p: { smoCode: string }) => p.smoCode === other)).toBe(true);
  });

  it('a list without any organisation filter returns exactly the caller’s scope', async () => {
    for (const [username, column] of [
      ['test_mo', 'mo'],
      ['test_smo', 'smo'],
    ] as const) {
      const org = people[username]!.orgCode;
      const [{ n }] = (await t.db.sql<{ n: number }[]>`
        select count(*)::int as n from person.person p where ${
          column === 'mo'
            ? t.db
                .sql`exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${org}
                 and a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date))
                 or exists (select 1 from person.person_link l where l.person_id = p.id and l.org_code = ${org})`
            : t.db
                .sql`exists (select 1 from person.policy po where po.person_id = p.id and po.smo_code = ${org}
                 and po.date_beg <= current_date and (po.date_end is null or po.date_end >= current_date))`
        }`) as unknown as [{ n: number }];
      // The list answers pages and whether more follow (no count): walk them all.
      const seen = new Set<string>();
      for (let page = 1; ; page++) {
        const res = await api(username, `/api/v1/persons?pageSize=200&page=${page}`);
        expect(res.status).toBe(200);
        for (const p of res.body.items as { id: string }[]) seen.add(p.id);
        if (page === 1) {
          const key = column === 'mo' ? 'moCode' : 'smoCode';
          expect(res.body.items.every((p: Record<string, string>) => p[key] === org)).toBe(true);
        }
        if (!res.body.hasMore) break;
        expect(res.body.items).toHaveLength(200);
      }
      expect(seen.size).toBe(n);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(2_000);
    }
    const [{ total }] = (await t.db.sql<
      { total: number }[]
    >`select count(*)::int as total from person.person`) as unknown as [{ total: number }];
    const lastPage = Math.ceil(total / 200);
    const last = await api('test_tfoms', `/api/v1/persons?pageSize=200&page=${lastPage}`);
    expect(last.body).toMatchObject({ hasMore: false, page: lastPage });
    expect(last.body.items).toHaveLength(total - (lastPage - 1) * 200);
    const before = await api('test_tfoms', `/api/v1/persons?pageSize=200&page=${lastPage - 1}`);
    expect(before.body.hasMore).toBe(true);
  });

  it('each role’s permissions gate the routes: only permitted roles get 200, the others 403', async () => {
    const routes: { path: string; permission: Permission; init?: object }[] = [
      { path: '/api/v1/persons?pageSize=1', permission: personPermissions.read },
      {
        path: '/api/v1/persons/affiliation',
        permission: personPermissions.queryAffiliation,
        init: { method: 'POST', json: { enp: pA.enp } },
      },
      { path: '/api/v1/exchange-journal?pageSize=1', permission: exchangeJournalPermissions.read },
      { path: '/api/v1/exchange-journal/summary', permission: exchangeJournalPermissions.read },
      { path: '/api/v1/hospitalisation/home', permission: hospitalisationPermissions.read },
      { path: '/api/v1/registries?pageSize=1', permission: registryPermissions.read },
      { path: '/api/v1/onco/persons?pageSize=1', permission: registryPermissions.readOnco },
      { path: '/api/v1/onco/lists', permission: registryPermissions.readOnco },
      {
        path: '/api/v1/onco/persons/search',
        permission: registryPermissions.readOnco,
        init: { method: 'POST', json: { criteria: { kind: 'group', op: 'and', conditions: [] } } },
      },
    ];
    routes.push(
      { path: '/api/v1/prevention/schedules?pageSize=1', permission: preventionPermissions.readSchedule },
      {
        path: '/api/v1/prevention/schedules/gaps?from=2026-12&to=2026-12',
        permission: preventionPermissions.readSchedule,
      },
      { path: '/api/v1/prevention/plans?year=2026&pageSize=1', permission: preventionPermissions.readPlan },
      { path: '/api/v1/prevention/funnel?year=2026&kind=DVN', permission: preventionPermissions.readPlan },
      { path: '/api/v1/prevention/due?month=2026-12&pageSize=1', permission: preventionPermissions.readPlan },
      { path: '/api/v1/prevention/home', permission: preventionPermissions.readPlan },
      { path: '/api/v1/prevention/volumes?year=2026', permission: preventionPermissions.readPlan },
      { path: '/api/v1/prevention/dispensary?pageSize=1', permission: preventionPermissions.readPlan },
      { path: '/api/v1/prevention/polyclinic-cases?pageSize=1', permission: preventionPermissions.readPlan },
      {
        path: '/api/v1/prevention/plans/draft?year=2026&kind=PMO&pageSize=1',
        permission: preventionPermissions.sendPlan,
      },
      {
        path: '/api/v1/prevention/files/plan-list?year=2026&kind=DVN',
        permission: preventionPermissions.sendPlan,
      },
      { path: '/api/v1/prevention/files/dn?type=GST', permission: preventionPermissions.sendPlan },
      { path: '/api/v1/informing/requests?pageSize=1', permission: informingPermissions.read },
      { path: '/api/v1/informing/rules', permission: informingPermissions.read },
      { path: '/api/v1/consultations?pageSize=1', permission: consultationPermissions.read },
      { path: '/api/v1/informing/home', permission: informingPermissions.read },
      {
        path: '/api/v1/informing/timeliness?from=2026-01-01&to=2026-12-31',
        permission: informingPermissions.read,
      },
      { path: '/api/v1/informing/results?pageSize=1', permission: informingPermissions.read },
      {
        path: '/api/v1/informing/results/summary?from=2026-01-01&to=2026-12-31',
        permission: informingPermissions.read,
      },
      { path: '/api/v1/informing/surveys?pageSize=1', permission: informingPermissions.read },
      { path: '/api/v1/informing/surveys/questionnaires', permission: informingPermissions.read },
      {
        path: '/api/v1/informing/requests?reason=PROCEDURE,CARE_INFO&pageSize=1',
        permission: informingPermissions.read,
      },
    );
    for (const route of routes) {
      for (const [username, { role }] of Object.entries(people)) {
        const res = await api(username, route.path, route.init ?? {});
        const allowed = route.permission.roles.includes(role);
        expect({ username, path: route.path, status: res.status }).toEqual({
          username,
          path: route.path,
          status: allowed ? 200 : 403,
        });
      }
    }
  });
});

describe('REST: exam schedules (issue 13)', () => {
  it('each МО role publishes its own slots; every other role is refused (403)', async () => {
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    for (const [username, { role, orgCode }] of Object.entries(people)) {
      const res = await api(username, '/api/v1/prevention/schedules', {
        method: 'POST',
        json: {
          packageId: `matrix-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              moCode: orgCode,
              kind: 'DVN',
              date,
              timeFrom: '09:00',
              timeTo: '12:00',
              method: 1,
            },
          ],
        },
      });
      const allowed = (preventionPermissions.sendSchedule.roles as readonly string[]).includes(role);
      expect({ username, status: res.status }).toEqual({ username, status: allowed ? 200 : 403 });
    }
  });
});

describe('REST: plan lists (issue 13)', () => {
  it('only МО roles may send plan entries, steps, ДН and polyclinic cases (an unknown person is then rejected by the FLK, 400); the others get 403', async () => {
    const unknown = { patient: { enp: '1234567890123452' }, kind: 'DVN' };
    const routes = [
      ['/api/v1/prevention/plans', { ...unknown, year: 2026 }],
      ['/api/v1/prevention/steps', { ...unknown, step: 102, date: '2026-12-01' }],
      [
        '/api/v1/prevention/dispensary',
        { patient: unknown.patient, diagnosis: 'I10', dateIn: '2026-01-10', statusIn: 1, specialty: 76 },
      ],
      [
        '/api/v1/prevention/polyclinic-cases',
        {
          patient: unknown.patient,
          dateFrom: '2026-02-01',
          dateTo: '2026-02-01',
          purpose: '1.0',
          diagnosis: 'I10',
          specialty: 76,
        },
      ],
    ] as const;
    for (const [username, { role }] of Object.entries(people)) {
      for (const [path, record] of routes) {
        const res = await api(username, path, {
          method: 'POST',
          json: { packageId: `matrix-${randomUUID()}`, records: [{ ...record, sourceId: randomUUID() }] },
        });
        const allowed = (preventionPermissions.sendPlan.roles as readonly string[]).includes(role);
        expect({ username, path, status: res.status }).toEqual({
          username,
          path,
          status: allowed ? 400 : 403,
        });
        if (allowed)
          expect(res.body.records[0].issues.map((i: { rule: string }) => i.rule)).toContain('ID.NOT_FOUND');
      }
    }
  });
});

describe('SQL as the application role: row-level security holds whatever the query says', () => {
  it('a query that forgets its organisation filter sees only the scope', async () => {
    const mo = people.test_mo!.orgCode;
    const seen = await t.db.as(
      as('test_mo'),
      (tx) => tx<{ id: string }[]>`select id::text from person.person`,
    );
    const [{ n }] = (await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from person.person p
      where exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo}
                      and a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date))
         or exists (select 1 from person.person_link l where l.person_id = p.id and l.org_code = ${mo})`) as unknown as [
      { n: number },
    ];
    expect(seen.length).toBe(n);
    expect(seen.some((r) => r.id === pB.id)).toBe(false);
    const policies = await t.db.as(
      as('test_smo'),
      (tx) => tx<{ smo: string }[]>`
      select distinct po.smo_code as smo from person.policy po
      where po.date_end is null and po.person_id in (select id from person.person)`,
    );
    expect(policies.map((p) => p.smo)).toContain(people.test_smo!.orgCode);
  });

  it('reading another МО’s person by id returns no row; changing it changes nothing', async () => {
    const read = await t.db.as(as('test_mo'), (tx) => tx`select * from person.person where id = ${pB.id}`);
    expect(read).toHaveLength(0);
    const updated = await t.db.as(
      as('test_mo'),
      (tx) => tx`update person.person set phone = '+70000000000' where id = ${pA.id}`,
    );
    expect(updated.count).toBe(0);
    const [after] = await t.db.sql<
      { phone: string | null }[]
    >`select phone from person.person where id = ${pA.id}`;
    expect(after!.phone).not.toBe('+70000000000');
  });

  it('an МО cannot insert into the register, link itself to a person, or write the audit log directly', async () => {
    await expect(
      t.db.as(
        as('test_mo'),
        (tx) => tx`
          insert into person.person (enp, fam, im, sex, birth_date) values ('1234567890123452', 'Х', 'Х', 1, '2000-01-01')`,
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      t.db.as(
        as('test_mo'),
        (tx) =>
          tx`insert into person.person_link (person_id, org_code, source) values (${pB.id}, ${people.test_mo!.orgCode}, 'x')`,
      ),
    ).rejects.toThrow(/permission denied/);
    for (const statement of [
      `insert into audit.entry (username, channel, action, entity, record_count) values ('x', 'web', 'read', 'x', 0)`,
      `update audit.entry set username = 'x'`,
      `delete from audit.entry`,
      `truncate audit.entry`,
    ]) {
      await expect(t.db.as(as('test_admin'), (tx) => tx.unsafe(statement))).rejects.toThrow(
        /permission denied/,
      );
    }
  });

  it('the application role cannot switch RLS off, become the owner, or read other organisations’ accounts', async () => {
    await expect(
      t.db.as(as('test_mo'), async (tx) => {
        await tx`set local row_security = off`;
        return tx`select count(*) from person.person`;
      }),
    ).rejects.toThrow(/row-level security/);
    await expect(t.db.as(as('test_mo'), (tx) => tx`set local role postgres`)).rejects.toThrow(
      /permission denied/,
    );
    const mine = await t.db.as(
      as('test_mo'),
      (tx) => tx<{ username: string }[]>`select username from auth.account`,
    );
    expect(mine.map((a) => a.username)).toEqual(['test_mo']);
    const admins = await t.db.as(
      as('test_mo_admin'),
      (tx) => tx<{ org_code: string }[]>`select distinct org_code from auth.account`,
    );
    expect(admins.map((a) => a.org_code)).toEqual([people.test_mo!.orgCode]);
    const fund = await t.db.as(
      as('test_admin'),
      (tx) => tx<{ n: number }[]>`select count(distinct org_code)::int as n from auth.account`,
    );
    expect(fund[0]!.n).toBeGreaterThan(3);
  });

  it('without a caller context the application role sees nothing at all', async () => {
    const persons = await t.db.app`select count(*)::int as n from person.person`;
    const accounts = await t.db.app`select count(*)::int as n from auth.account`;
    const audit = await t.db.app`select count(*)::int as n from audit.entry`;
    expect([persons[0]!.n, accounts[0]!.n, audit[0]!.n]).toEqual([0, 0, 0]);
  });
});

describe('SOAP: attributed to the account’s organisation, never acting for another', () => {
  async function client(username: string, service = 'ErzService') {
    const c = await soap.createClientAsync(`${t.runtime.url}/soap/${service}?wsdl`);
    c.setEndpoint(`${t.runtime.url}/soap/${service}`);
    c.setSecurity(
      new soap.WSSecurity(username, username, { passwordType: 'PasswordText', hasTimeStamp: false }),
    );
    return c;
  }

  it('answers the insurance affiliation to any participant’s system, and audits it as that organisation', async () => {
    const c = await client('soap_mo');
    const [answer] = await c.GetInsuranceAffiliationAsync({ Enp: pB.enp });
    expect(answer).toMatchObject({
      Outcome: 'identified',
      Method: 'enp',
      Policy: { SmoCode: people.test_smo2!.orgCode },
    });
    const [entry] = await t.db.sql<
      { username: string; org_code: string; channel: string; person_ids: string[] }[]
    >`
      select username, org_code, channel, person_ids::text[] from audit.entry
      where entity = 'person.affiliation' order by id desc limit 1`;
    expect(entry).toMatchObject({ username: 'soap_mo', channel: 'soap', person_ids: [pB.id] });
    expect(entry!.org_code).toBe(
      (await t.db.sql`select org_code from auth.account where username = 'soap_mo'`)[0]!.org_code,
    );
  });

  /** The omslink code of a SOAP Fault as node-soap's client rejects it (null: no Fault). */
  async function faultCode(call: Promise<unknown>): Promise<string | null> {
    const error = (await call.then(
      () => null,
      (e: unknown) => e,
    )) as { body?: string } | null;
    return error ? (/<omslink:code>([^<]*)</.exec(String(error.body ?? ''))?.[1] ?? 'no code') : null;
  }

  it('PreventionService: only an МО system sends, for itself; the СМО and the fund systems read within their scope', async () => {
    // Prepare
    const orgOf = async (username: string) =>
      (
        await t.db.sql<{ org_code: string }[]>`select org_code from auth.account where username = ${username}`
      )[0]!.org_code;
    const [mo, mo2, smo] = [await orgOf('soap_mo'), await orgOf('soap_mo2'), await orgOf('soap_smo')];
    const dispensary = (sender: string) => ({
      Header: { PackageId: randomUUID(), SenderCode: sender, CreatedAt: new Date().toISOString() },
      Dispensary: {
        SourceId: randomUUID(),
        Patient: { Enp: pA.enp },
        Diagnosis: 'I10',
        DateIn: '2026-01-10',
        StatusIn: 1,
        Specialty: 76,
      },
    });
    const send = (username: string, sender: string) =>
      client(username, 'PreventionService').then((c) => c.SendDispensaryAsync(dispensary(sender)));
    const before = (await t.db.sql<{ n: number }[]>`select count(*)::int as n from prevention.dispensary`)[0]!
      .n;

    // Act + Assess: another МО's code, an СМО's or the fund's system: refused, nothing stored
    expect(await faultCode(send('soap_mo', mo2))).toBe('AUTH-403');
    expect(await faultCode(send('soap_smo', smo))).toBe('AUTH-403');
    expect(await faultCode(send('soap_smo', mo))).toBe('AUTH-403');
    expect(await faultCode(send('soap_tfoms', mo))).toBe('AUTH-403');
    expect(
      (await t.db.sql<{ n: number }[]>`select count(*)::int as n from prevention.dispensary`)[0]!.n,
    ).toBe(before);
    for (const username of ['soap_mo', 'soap_smo', 'soap_tfoms']) {
      const c = await client(username, 'PreventionService');
      expect(await faultCode(c.GetFunnelAsync({ Year: 2026, Kind: 'DVN' })), username).toBeNull();
      expect(await faultCode(c.GetDispensaryAsync({ ChangedSince: '', Limit: 10 })), username).toBeNull();
    }
  });

  it('InformingService and ConsultationService: only the entitled kind of system sends, for itself; reads stay in scope', async () => {
    // Prepare
    const orgOf = async (username: string) =>
      (
        await t.db.sql<{ org_code: string }[]>`select org_code from auth.account where username = ${username}`
      )[0]!.org_code;
    const [mo, mo2, smo] = [await orgOf('soap_mo'), await orgOf('soap_mo2'), await orgOf('soap_smo')];
    const header = (sender: string) => ({
      PackageId: randomUUID(),
      SenderCode: sender,
      CreatedAt: new Date().toISOString(),
    });
    const informingRequest = {
      SourceId: randomUUID(),
      Patient: { Enp: pA.enp },
      Reason: 'OTHER',
      Deadline: '2099-12-31',
    };
    const consultation = {
      SourceId: randomUUID(),
      Patient: { Enp: pA.enp },
      RequestingMoCode: mo,
      ConsultingMoCode: mo2,
      Type: 1,
      RequestDate: '2026-01-10',
      Diagnosis: 'I25.1',
    };
    const count = async () =>
      (
        await t.db.sql<{ n: number }[]>`
          select (select count(*) from informing.request) + (select count(*) from consultation.consultation) as n`
      )[0]!.n;
    const before = await count();

    // Act + Assess: an СМО or the fund sending requests, an МО sending results, anyone sending as another: refused
    const informing = (username: string) => client(username, 'InformingService');
    const consulting = (username: string) => client(username, 'ConsultationService');
    expect(
      await faultCode(
        (await informing('soap_smo')).SendRequestsAsync({ Header: header(smo), Request: informingRequest }),
      ),
    ).toBe('AUTH-403');
    expect(
      await faultCode(
        (await informing('soap_tfoms')).SendRequestsAsync({ Header: header(mo), Request: informingRequest }),
      ),
    ).toBe('AUTH-403');
    expect(
      await faultCode(
        (await informing('soap_mo')).SendRequestsAsync({ Header: header(mo2), Request: informingRequest }),
      ),
    ).toBe('AUTH-403');
    expect(
      await faultCode(
        (await informing('soap_mo')).SendResultsAsync({
          Header: header(mo),
          Result: {
            SourceId: randomUUID(),
            RequestId: '1',
            Date: '2026-12-01',
            Method: 1,
            Step: 1,
            Outcome: 1,
          },
        }),
      ),
    ).toBe('AUTH-403');
    expect(
      await faultCode(
        (await consulting('soap_smo')).SendRequestsAsync({ Header: header(smo), Request: consultation }),
      ),
    ).toBe('AUTH-403');
    expect(
      await faultCode(
        (await consulting('soap_mo2')).SendRequestsAsync({ Header: header(mo), Request: consultation }),
      ),
    ).toBe('AUTH-403');
    expect(await count()).toBe(before);
    for (const username of ['soap_mo', 'soap_smo', 'soap_tfoms']) {
      expect(
        await faultCode((await informing(username)).GetRequestsAsync({ ChangedSince: '', Limit: 10 })),
        username,
      ).toBeNull();
      expect(
        await faultCode((await consulting(username)).GetConsultationsAsync({ ChangedSince: '', Limit: 10 })),
        username,
      ).toBeNull();
    }
  });

  it('RegistryService: an МО system sends registries for itself only and reads its own; other МО, СМО and the fund’s systems see none', async () => {
    // Prepare
    const orgs = new Map(
      (
        await t.db.sql<{ username: string; org_code: string }[]>`
            select username, org_code from auth.account where username in ('soap_mo', 'soap_mo2')`
      ).map((r) => [r.username, r.org_code]),
    );
    const zip = zipSync({ 'HM640001T64_230101.XML': strToU8(`<ZL_LIST>${randomUUID()}</ZL_LIST>`) });
    const sha256 = createHash('sha256').update(zip).digest('hex');
    const send = (username: string, sender: string) =>
      client(username, 'RegistryService').then((c) =>
        c.SendRegistryAsync({
          Header: { PackageId: randomUUID(), SenderCode: sender, CreatedAt: new Date().toISOString() },
          FileName: 'HM640001T64_230101.zip',
          Package: Buffer.from(zip).toString('base64'),
        }),
      );

    // Act + Assess: only an МО system, only for its own МО
    expect(await faultCode(send('soap_mo', orgs.get('soap_mo2')!))).toBe('AUTH-403');
    expect(await faultCode(send('soap_mo2', orgs.get('soap_mo')!))).toBe('AUTH-403');
    expect(await faultCode(send('soap_smo', orgs.get('soap_mo')!))).toBe('AUTH-403');
    expect(await faultCode(send('soap_tfoms', orgs.get('soap_mo')!))).toBe('AUTH-403');
    const [sent] = await send('soap_mo', orgs.get('soap_mo')!);
    expect(sent.Status).toBe('queued');
    const stored = await t.db.sql<{ org_code: string; uploaded_by: string }[]>`
        select org_code, uploaded_by from registry.import where file_sha256 = ${sha256}`;
    expect(stored).toEqual([{ org_code: orgs.get('soap_mo'), uploaded_by: 'soap_mo' }]);

    // Act + Assess: the import is the sender's (the fund reads the journal over REST; its system has no right)
    const expected: Record<string, string | null> = {
      soap_mo: null,
      soap_mo2: 'NOT-FOUND',
      soap_smo: 'NOT-FOUND',
      soap_tfoms: 'AUTH-403',
    };
    for (const operation of ['GetRegistryStatus', 'GetRegistryProtocol']) {
      for (const [username, code] of Object.entries(expected)) {
        const c = await client(username, 'RegistryService');
        const answer = await faultCode(c[`${operation}Async`]({ ImportId: sent.ImportId }));
        expect({ operation, username, code: answer }).toEqual({ operation, username, code });
      }
    }
  });
});
