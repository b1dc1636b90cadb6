import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HospFixture, hospFixture } from '../helpers/hospitalisation-fixtures';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * The СМО's worklist (issue 14): an СМО assigns its open requests to its own representatives and finds them again
 * by `assignee` (a name or `me`); another СМО's ids, closed requests and foreign or system accounts change
 * nothing; an МО and the fund may not assign; the home counts equal the rows of the worklists they open; a
 * request's detail shows its results to the СМО and the sender, and nothing to another СМО.
 */
let t: TestRuntime;
let f: HospFixture;
const tokens = new Map<string, string>();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);
/** Requests of test_mo for persons insured by test_smo: three due in ten days, one due today. */
let ids: string[];
let dueToday: string;
/** A request for a person insured by test_smo2. */
let foreign: string;

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });
const send = (username: string, path: string, records: unknown[]) =>
  api(username, path, { method: 'POST', json: { packageId: `pkg-${randomUUID()}`, records } });
const assign = (username: string, body: { ids: string[]; assignee: string | null }) =>
  api(username, '/api/v1/informing/requests/assign', { method: 'POST', json: body });
const listed = async (username: string, query: string) => {
  const answer = await api(username, `/api/v1/informing/requests?pageSize=500&${query}`);
  expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  return (answer.body.items as { id: string; assignee: string | null }[]).map((r) => r.id).sort();
};
const assignees = async (of: readonly string[]) =>
  Object.fromEntries(
    (
      await t.db.sql<{ id: string; assignee: string | null }[]>`
        select id::text, assignee from informing.request where id = any(${of as string[]}::bigint[])`
    ).map((r) => [r.id, r.assignee]),
  );
const request = (enp: string, deadline: string) => ({
  sourceId: randomUUID(),
  patient: { enp },
  reason: 'OTHER',
  deadline,
});

beforeAll(async () => {
  t = await startTestRuntime();
  for (const u of ['test_mo', 'test_smo', 'test_smo_admin', 'test_smo2', 'test_tfoms']) {
    tokens.set(u, await signInToken(t.runtime.url, u));
  }
  f = await hospFixture(t.db.sql);
  const [other] = await t.db.sql<{ enp: string }[]>`
    select p.enp from person.person p join person.policy po on po.person_id = p.id
    where po.smo_code = (select org_code from auth.account where username = 'test_smo2')
      and po.date_end is null and po.date_beg <= current_date - 10 and p.enp is not null
    order by p.id limit 1`;
  const persons = f.persons.slice(0, 4);
  const sent = await send('test_mo', '/api/v1/informing/requests', [
    ...persons.slice(0, 3).map((p) => request(p.enp, day(10))),
    request(persons[3]!.enp, today),
    request(other!.enp, day(10)),
  ]);
  expect(sent.body, JSON.stringify(sent.body).slice(0, 500)).toMatchObject({ accepted: 5 });
  const made = (sent.body.records as { id: string }[]).map((r) => r.id);
  ids = made.slice(0, 3);
  dueToday = made[3]!;
  foreign = made[4]!;
});
afterAll(async () => {
  await t?.stop();
});

describe('assignment of requests to a representative', () => {
  it('assigns the СМО’s open requests, and the worklist finds them by name and by «me»; null clears', async () => {
    // Act
    const toAdmin = await assign('test_smo', { ids: [ids[0]!, ids[1]!], assignee: 'test_smo_admin' });
    const toSelf = await assign('test_smo', { ids: [ids[2]!], assignee: 'TEST_SMO' });

    // Assess
    expect(toAdmin.status, toAdmin.text).toBe(200);
    expect(toAdmin.body).toEqual({
      assignee: 'test_smo_admin',
      assigned: [ids[0], ids[1]],
      unchanged: [],
    });
    expect(toSelf.body).toMatchObject({ assignee: 'test_smo', assigned: [ids[2]] });
    expect(await assignees(ids)).toEqual({
      [ids[0]!]: 'test_smo_admin',
      [ids[1]!]: 'test_smo_admin',
      [ids[2]!]: 'test_smo',
    });
    expect(await listed('test_smo', 'assignee=test_smo_admin')).toEqual([ids[0], ids[1]].sort());
    expect(await listed('test_smo', 'assignee=me')).toEqual([ids[2]]);
    expect(await listed('test_smo_admin', 'assignee=me')).toEqual([ids[0], ids[1]].sort());
    const shown = (await api('test_smo', '/api/v1/informing/requests?assignee=test_smo_admin')).body.items;
    expect(shown.map((r: { assigneeName: string }) => r.assigneeName)).toEqual([
      'Лебедева Ирина Павловна',
      'Лебедева Ирина Павловна',
    ]);
    const [entry] = await t.db.sql<{ record_ids: string[]; details: { assignee: string } }[]>`
      select record_ids, details from audit.entry
      where entity = 'informing.request' and action = 'update' and username = 'test_smo'
      order by id limit 1`;
    expect({ records: [...entry!.record_ids].sort(), details: entry!.details }).toEqual({
      records: [ids[0], ids[1]].sort(),
      details: { assignee: 'test_smo_admin' },
    });

    // Act + Assess: cleared
    expect((await assign('test_smo', { ids: [ids[2]!], assignee: null })).body).toMatchObject({
      assignee: null,
      assigned: [ids[2]],
    });
    expect(await listed('test_smo', 'assignee=me')).toEqual([]);
  });

  it('another СМО’s ids and closed requests change nothing', async () => {
    // Prepare: test_smo closes one of its requests
    const closed = await send('test_smo', '/api/v1/informing/results', [
      { sourceId: randomUUID(), requestId: ids[2], date: today, method: 3, step: 1, outcome: 1 },
    ]);
    expect(closed.body).toMatchObject({ accepted: 1 });
    const before = await assignees([...ids, foreign]);

    // Act
    const byOther = await assign('test_smo2', { ids, assignee: 'test_smo2' });
    const closedOne = await assign('test_smo', { ids: [ids[2]!, foreign], assignee: 'test_smo' });

    // Assess
    expect(byOther.status).toBe(200);
    expect(byOther.body).toEqual({ assignee: 'test_smo2', assigned: [], unchanged: ids });
    expect(closedOne.body).toEqual({ assignee: 'test_smo', assigned: [], unchanged: [ids[2], foreign] });
    expect(await assignees([...ids, foreign])).toEqual(before);
    expect(await listed('test_smo2', 'assignee=test_smo2')).toEqual([]);
  });

  it('refuses an assignee who is not an active person of the СМО, and anyone but an СМО', async () => {
    for (const [name, assignee] of [
      ['a representative of another СМО', 'test_smo2'],
      ['the СМО’s information system', 'soap_smo'],
      ['an МО’s registrar', 'test_mo'],
      ['nobody', 'no_such_user'],
    ] as const) {
      // Act
      const answer = await assign('test_smo', { ids: [ids[0]!], assignee });

      // Assess
      expect(answer.status, name).toBe(400);
      expect(answer.body.errors[0], name).toMatchObject({ field: 'assignee' });
      expect(String(answer.body.detail ?? answer.body.errors[0].message), name).toMatch(/[А-Яа-я]/);
    }
    expect((await assign('test_smo', { ids: [], assignee: 'test_smo' })).status).toBe(400);
    expect(
      (
        await assign('test_smo', {
          ids: Array.from({ length: 501 }, (_, i) => String(i + 1)),
          assignee: null,
        })
      ).status,
    ).toBe(400);
    expect((await assign('test_mo', { ids, assignee: 'test_mo' })).status).toBe(403);
    expect((await assign('test_tfoms', { ids, assignee: null })).status).toBe(403);
    expect((await assignees([ids[0]!]))[ids[0]!]).toBe('test_smo_admin');
  });
});

describe('worklists and detail', () => {
  it('the СМО’s home counts equal the rows of the worklists they open; the others have none', async () => {
    // Act
    const home = await api('test_smo', '/api/v1/informing/home');

    // Assess
    const counts = Object.fromEntries(
      (home.body.worklists as { id: string; count: number }[]).map((w) => [w.id, w.count]),
    );
    const dueRows = await listed('test_smo', 'worklist=due-today');
    expect(dueRows).toContain(dueToday);
    expect(counts).toEqual({
      'due-today': dueRows.length,
      overdue: (await listed('test_smo', 'worklist=overdue')).length,
    });
    expect(await listed('test_smo2', 'worklist=due-today')).toEqual([]);
    expect((await api('test_mo', '/api/v1/informing/home')).body.worklists).toEqual([]);
    expect((await api('test_tfoms', '/api/v1/informing/home')).body.worklists).toEqual([]);
  });

  it('a request’s detail shows its results to the СМО and the sender, and is not found for another СМО', async () => {
    // Act
    const bySmo = await api('test_smo', `/api/v1/informing/requests/${ids[2]}`);
    const byMo = await api('test_mo', `/api/v1/informing/requests/${ids[2]}`);
    const byOther = await api('test_smo2', `/api/v1/informing/requests/${ids[2]}`);

    // Assess
    expect(bySmo.status).toBe(200);
    expect(bySmo.body).toMatchObject({ id: ids[2], status: 'informed', closedOn: today });
    expect(bySmo.body.results).toEqual([
      expect.objectContaining({ date: today, method: 3, step: 1, outcome: 1, senderCode: f.smo }),
    ]);
    expect(byMo.body.results).toEqual(bySmo.body.results);
    expect(byOther.status).toBe(404);
    expect((await api('test_smo', '/api/v1/informing/requests/abc')).status).toBe(404);
  });
});
