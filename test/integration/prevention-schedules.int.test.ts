import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Exam schedules of issue 13 over REST against the local runtime: an МО publishes evening, Saturday and
 * mobile-team slots; every СМО and the fund read them; each bad slot is rejected with its FLK code and nothing of
 * it is stored; the completeness check names the months without evening or Saturday hours.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
const orgs = new Map<string, string>();
let department: string;

/** A date `days` from today (ISO), and the next Saturday at least a week away. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const nextSaturday = () => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await startTestRuntime();
  for (const username of ['test_mo', 'test_mo2', 'test_smo', 'test_tfoms']) {
    tokens.set(username, await signInToken(t.runtime.url, username));
  }
  const accounts = await t.db.sql<{ username: string; org_code: string }[]>`
    select username, org_code from auth.account where username in ('test_mo', 'test_mo2', 'test_smo')`;
  for (const a of accounts) orgs.set(a.username, a.org_code);
  const [dep] = await t.db.sql<{ code: string }[]>`
    select code from org.department where mo_code = ${orgs.get('test_mo')!} order by code limit 1`;
  department = dep!.code;
});
afterAll(async () => {
  await t?.stop();
});

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });

const slot = (over: Record<string, unknown> = {}): { sourceId: string } & Record<string, unknown> => ({
  sourceId: randomUUID(),
  moCode: orgs.get('test_mo'),
  kind: 'DVN',
  date: inDays(10),
  timeFrom: '09:00',
  timeTo: '13:00',
  method: 1,
  ...over,
});

const send = (username: string, records: unknown[], packageId = `pkg-${randomUUID()}`) =>
  api(username, '/api/v1/prevention/schedules', { method: 'POST', json: { packageId, records } });

const slotCount = async () => {
  const [row] = await t.db.sql<{ n: number }[]>`select count(*)::int as n from prevention.schedule_slot`;
  return row!.n;
};

describe('exam schedules', () => {
  it('publishes evening, Saturday and mobile-team slots that every СМО and the fund see', async () => {
    // Prepare
    const saturday = nextSaturday();
    const slots = [
      slot({ timeFrom: '16:00', timeTo: '20:00', departmentCode: department }),
      slot({ date: saturday, timeFrom: '09:00', timeTo: '14:00' }),
      slot({ method: 2, address: 'с. Заречное, ул. Школьная, 3 (ФАП)', kind: 'PMO', capacity: 40 }),
    ];
    const phone = { sourceId: randomUUID(), moCode: orgs.get('test_mo'), phone: '+7 (8512) 44-00-00' };

    // Act
    const sent = await send('test_mo', slots);
    const contacts = await api('test_mo', '/api/v1/prevention/contacts', {
      method: 'POST',
      json: { packageId: `c-${randomUUID()}`, records: [phone] },
    });

    // Assess: accepted; seen by an СМО and the fund with the МО's name, flags and phone
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'accepted', accepted: 3, rejected: 0 });
    expect(contacts.body).toMatchObject({ status: 'accepted', accepted: 1 });
    for (const reader of ['test_smo', 'test_tfoms', 'test_mo2']) {
      const list = await api(
        reader,
        `/api/v1/prevention/schedules?moCode=${orgs.get('test_mo')}&to=${inDays(40)}`,
      );
      expect(list.status).toBe(200);
      const mine = list.body.items.filter((i: { sourceId: string }) =>
        slots.some((s) => s.sourceId === i.sourceId),
      );
      expect(mine).toHaveLength(3);
      const bySource = new Map(mine.map((i: { sourceId: string }) => [i.sourceId, i]));
      expect(bySource.get(slots[0]!.sourceId)).toMatchObject({
        evening: true,
        saturday: false,
        departmentCode: department,
      });
      expect(bySource.get(slots[1]!.sourceId)).toMatchObject({
        evening: false,
        saturday: true,
        date: saturday,
      });
      expect(bySource.get(slots[2]!.sourceId)).toMatchObject({
        method: 2,
        address: slots[2]!.address,
        capacity: 40,
      });
      expect(mine[0].moName).toBeTruthy();
      expect(mine[0].phones).toContain(phone.phone);
    }
    const evenings = await api('test_smo', `/api/v1/prevention/schedules?evening=true&to=${inDays(40)}`);
    expect(evenings.body.items.every((i: { evening: boolean }) => i.evening)).toBe(true);
    const mobile = await api('test_smo', `/api/v1/prevention/schedules?method=2&to=${inDays(40)}`);
    expect(mobile.body.items.map((i: { sourceId: string }) => i.sourceId)).toContain(slots[2]!.sourceId);
  });

  it('answers a repeated package as a duplicate, and a slot sent again under its id changes or cancels it', async () => {
    const first = slot();
    const packageId = `pkg-${randomUUID()}`;
    expect((await send('test_mo', [first], packageId)).body.status).toBe('accepted');
    const before = await slotCount();
    expect((await send('test_mo', [first], packageId)).body.status).toBe('duplicate');
    expect(await slotCount()).toBe(before);
    expect((await send('test_mo', [{ ...first, timeTo: '15:00' }])).body.accepted).toBe(1);
    expect((await send('test_mo', [{ ...first, timeTo: '15:00', cancelled: true }])).body.accepted).toBe(1);
    expect(await slotCount()).toBe(before);
    const shown = await api(
      'test_smo',
      `/api/v1/prevention/schedules?moCode=${orgs.get('test_mo')}&to=${inDays(40)}`,
    );
    expect(shown.body.items.some((i: { sourceId: string }) => i.sourceId === first.sourceId)).toBe(false);
    const all = await api(
      'test_smo',
      `/api/v1/prevention/schedules?moCode=${orgs.get('test_mo')}&to=${inDays(40)}&withCancelled=true`,
    );
    expect(all.body.items.find((i: { sourceId: string }) => i.sourceId === first.sourceId)).toMatchObject({
      cancelled: true,
      timeTo: '15:00',
    });
  });

  it('rejects each bad slot with its FLK code and field, storing nothing of it', async () => {
    const cases: [name: string, record: Record<string, unknown>, code: string, field: string][] = [
      ['end before start', slot({ timeFrom: '14:00', timeTo: '10:00' }), '904', 'timeFrom'],
      ['after 23:00', slot({ timeFrom: '20:00', timeTo: '23:30' }), '904', 'timeFrom'],
      ['mobile team without an address', slot({ method: 2 }), '902', 'address'],
      ['delivery without an address', slot({ method: 3 }), '902', 'address'],
      ['a date gone by', slot({ date: inDays(-3) }), '904', 'date'],
      ['another МО', slot({ moCode: orgs.get('test_mo2') }), '904', 'moCode'],
      ['an unknown department', slot({ departmentCode: 'НЕТ-ТАКОГО' }), '904', 'departmentCode'],
      ['an impossible date', slot({ date: '2026-02-31' }), '903', 'date'],
      ['a time of 25 hours', slot({ timeTo: '25:00' }), '904', 'timeTo'],
      ['an unknown method', slot({ method: 4 }), '904', 'method'],
      ['a blank id', slot({ sourceId: '   ' }), '904', 'sourceId'],
      ['an unknown kind', slot({ kind: 'XYZ' }), '904', 'kind'],
    ];
    const before = await slotCount();
    for (const [name, record, code, field] of cases) {
      const res = await send('test_mo', [record]);
      expect({ name, status: res.status, result: res.body.records?.[0]?.status }).toEqual({
        name,
        status: 400,
        result: 'rejected',
      });
      const issues = res.body.records[0].issues as { code: string; field?: string; message: string }[];
      expect(
        issues.map((i) => `${i.code} ${i.field}`),
        name,
      ).toContain(`${code} ${field}`);
      expect(issues.every((i) => /[а-яё]/i.test(i.message))).toBe(true);
    }
    expect(await slotCount()).toBe(before);
    // A package with good and bad slots: the good ones are stored
    const packageId = `mixed-${randomUUID()}`;
    const mixed = await send('test_mo', [slot(), slot({ method: 2 })], packageId);
    expect(mixed.body).toMatchObject({ status: 'partially_accepted', accepted: 1, rejected: 1 });
    expect(await slotCount()).toBe(before + 1);
    // … and it is in the exchange journal of its sender, with its protocol (not in another МО's)
    const journal = await api('test_mo', '/api/v1/exchange-journal?kind=schedule-slot&pageSize=200');
    const entry = journal.body.items.find((i: { packageId: string }) => i.packageId === packageId);
    expect(entry).toMatchObject({
      source: 'prev',
      kindTitle: 'Графики медосмотров',
      total: 2,
      accepted: 1,
      rejected: 1,
    });
    const opened = await api('test_mo', `/api/v1/exchange-journal/${entry.id}`);
    expect(opened.status).toBe(200);
    expect(JSON.stringify(opened.body)).toContain('укажите адрес');
    const other = await api('test_mo2', '/api/v1/exchange-journal?kind=schedule-slot&pageSize=200');
    expect(other.body.items.some((i: { packageId: string }) => i.packageId === packageId)).toBe(false);
  });

  it('lets only an МО publish, and only its own slots (row-level security too)', async () => {
    expect((await send('test_smo', [slot()])).status).toBe(403);
    expect((await send('test_tfoms', [slot()])).status).toBe(403);
    const other = await send('test_mo2', [slot()]); // test_mo's code, sent by test_mo2
    expect(other.body.records[0].issues.map((i: { rule: string }) => i.rule)).toContain('PREV.SENDER');
    // As the application role for test_mo2, a row for test_mo's МО is refused by the policy
    await expect(
      t.db.as(
        { username: 'test_mo2', role: 'mo_registrar', orgCode: orgs.get('test_mo2')! },
        (tx) => tx`
        insert into prevention.schedule_slot (sender_code, source_id, mo_code, kind, slot_date, time_from, time_to, method)
        values (${orgs.get('test_mo2')!}, 'rls', ${orgs.get('test_mo')!}, 'DVN', current_date + 5, '09:00', '10:00', 1)`,
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('names the months of an МО without evening or Saturday hours, and without mobile teams where it has remote districts', async () => {
    const saturday = nextSaturday();
    const month = saturday.slice(0, 7);
    await send('test_mo2', [
      slot({ moCode: orgs.get('test_mo2'), date: saturday, timeFrom: '10:00', timeTo: '19:00' }),
    ]);
    const gaps = await api('test_tfoms', `/api/v1/prevention/schedules/gaps?from=${month}&to=${month}`);
    expect(gaps.status).toBe(200);
    const of = (mo: string) => gaps.body.items.filter((g: { moCode: string }) => g.moCode === mo);
    expect(of(orgs.get('test_mo2')!)).toEqual([]); // a Saturday slot lasting past 18:00 covers both
    const without = gaps.body.items.find(
      (g: { moCode: string }) => g.moCode !== orgs.get('test_mo2') && g.moCode !== orgs.get('test_mo'),
    );
    expect(without).toMatchObject({ month, missing: ['evening', 'saturday'] });
    // An МО with a remote district is asked for mobile-team hours too
    const [remote] = await t.db.sql<{ mo: string }[]>`
      select distinct mo_code as mo from org.district where remote order by mo_code limit 1`;
    expect(of(remote!.mo)).toEqual([
      { moCode: remote!.mo, moName: expect.any(String), month, missing: ['evening', 'saturday', 'mobile'] },
    ]);
    const reversed = await api('test_tfoms', `/api/v1/prevention/schedules/gaps?from=${month}&to=2020-01`);
    expect(reversed.status).toBe(400);
  });
});
