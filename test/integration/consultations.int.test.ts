import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HospFixture, hospFixture } from '../helpers/hospitalisation-fixtures';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Telemedicine consultations (issue 14, DOMAIN §2.8) over REST: an МО asks another, the consulting МО answers with
 * its conclusion; both МО, the person's СМО and the fund read it, another СМО does not; the person card counts it;
 * bad requests and conclusions are rejected with their CONS.* codes and store nothing.
 */
let t: TestRuntime;
let f: HospFixture;
let diagnosis: string;
const tokens = new Map<string, string>();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });
const send = (username: string, path: string, records: unknown[]) =>
  api(username, path, { method: 'POST', json: { packageId: `pkg-${randomUUID()}`, records } });
const request = (over: object = {}) => ({
  sourceId: randomUUID(),
  patient: { enp: f.persons[0]!.enp },
  requestingMoCode: f.polyclinic,
  consultingMoCode: f.hospital,
  type: 1,
  requestDate: day(-2),
  diagnosis,
  question: 'Уточнение тактики лечения',
  ...over,
});
const conclusion = (sourceId: string, over: object = {}) => ({
  sourceId: randomUUID(),
  request: { requestingMoCode: f.polyclinic, sourceId },
  consultDate: day(-1),
  conclusion: 'Рекомендовано продолжить терапию, контроль через месяц',
  recommendations: 'ЭКГ, липидограмма',
  ...over,
});
const rules = (res: { body: { records: { issues: { rule: string }[] }[] } }) =>
  res.body.records[0]!.issues.map((i) => i.rule);

beforeAll(async () => {
  t = await startTestRuntime();
  for (const u of ['test_mo', 'test_mo2', 'test_hosp', 'test_smo', 'test_smo2', 'test_tfoms']) {
    tokens.set(u, await signInToken(t.runtime.url, u));
  }
  f = await hospFixture(t.db.sql);
  const [found] = await t.db.sql<{ diagnosis: string }[]>`
    select code as diagnosis from nsi.record
    where directory_code = 'MKB10' and code like 'I25%' and date_end is null order by code limit 1`;
  diagnosis = found!.diagnosis;
});
afterAll(async () => {
  await t?.stop();
});

describe('telemedicine consultations', () => {
  it('an МО asks, the consulting МО concludes; both, the СМО and the fund read it; the person card counts it', async () => {
    // Act
    const asked = request();
    expect((await send('test_mo', '/api/v1/consultations', [asked])).body).toMatchObject({ accepted: 1 });
    const incoming = await api('test_hosp', '/api/v1/consultations?direction=incoming&status=requested');
    expect(incoming.body.items.map((c: { sourceId: string }) => c.sourceId)).toContain(asked.sourceId);
    const answered = await send('test_hosp', '/api/v1/consultations/conclusions', [
      conclusion(asked.sourceId),
    ]);
    expect(answered.body).toMatchObject({ accepted: 1 });

    // Assess
    for (const u of ['test_mo', 'test_hosp', 'test_smo', 'test_tfoms']) {
      const page = await api(u, `/api/v1/consultations?personId=${f.persons[0]!.id}`);
      expect(
        page.body.items.find((c: { sourceId: string }) => c.sourceId === asked.sourceId),
        u,
      ).toMatchObject({
        status: 'done',
        consultDate: day(-1),
        conclusion: 'Рекомендовано продолжить терапию, контроль через месяц',
      });
    }
    expect((await api('test_smo2', '/api/v1/consultations')).body.items).toEqual([]);
    expect((await api('test_mo2', '/api/v1/consultations')).body.items).toEqual([]);
    const card = await api('test_mo', `/api/v1/persons/${f.persons[0]!.id}`);
    expect(
      card.body.sections.find((s: { sectionId: string }) => s.sectionId === 'consultations'),
    ).toMatchObject({
      count: 1,
      path: '/consultations',
    });
  });

  it('rejects bad requests and conclusions with their codes and stores nothing of them', async () => {
    const count = async () =>
      (await t.db.sql<{ n: number }[]>`select count(*)::int as n from consultation.consultation`)[0]!.n;
    const before = await count();
    const cases: [string, object, string][] = [
      [
        'from another МО',
        request({ requestingMoCode: f.hospital, consultingMoCode: f.polyclinic }),
        'CONS.SENDER',
      ],
      ['to itself', request({ consultingMoCode: f.polyclinic }), 'CONS.CONSULTING_MO'],
      ['to an МО the region does not know', request({ consultingMoCode: '000000' }), 'CONS.CONSULTING_MO'],
      ['dated tomorrow', request({ requestDate: day(1) }), 'CONS.DATE'],
      ['an unknown diagnosis', request({ diagnosis: 'Q99.99' }), 'CONS.DIAGNOSIS'],
      ['an unknown person', request({ patient: { enp: '1234567890123452' } }), 'ID.NOT_FOUND'],
    ];
    for (const [name, record, rule] of cases) {
      expect(rules(await send('test_mo', '/api/v1/consultations', [record])), name).toContain(rule);
    }
    for (const [name, record] of [
      ['date 2026-02-31', request({ requestDate: '2026-02-31' })],
      ['type 3', request({ type: 3 })],
      ['blank source id', request({ sourceId: '  ' })],
    ] as const) {
      expect((await send('test_mo', '/api/v1/consultations', [record])).body.records[0].status, name).toBe(
        'rejected',
      );
    }
    expect(await count()).toBe(before);

    const asked = request();
    await send('test_mo', '/api/v1/consultations', [asked]);
    const cancelled = request();
    await send('test_mo', '/api/v1/consultations', [cancelled]);
    await send('test_mo', '/api/v1/consultations', [{ ...cancelled, cancelled: true }]);
    expect(
      rules(await send('test_mo2', '/api/v1/consultations/conclusions', [conclusion(asked.sourceId)])),
    ).toContain('CONS.UNKNOWN');
    expect(
      rules(
        await send('test_hosp', '/api/v1/consultations/conclusions', [
          conclusion(asked.sourceId, { consultDate: day(-5) }),
        ]),
      ),
    ).toContain('CONS.ORDER');
    expect(
      rules(
        await send('test_hosp', '/api/v1/consultations/conclusions', [
          conclusion(asked.sourceId, { consultDate: day(1) }),
        ]),
      ),
    ).toContain('CONS.DATE');
    expect(
      rules(await send('test_hosp', '/api/v1/consultations/conclusions', [conclusion(cancelled.sourceId)])),
    ).toContain('CONS.CANCELLED');
    const [row] = await t.db.sql<{ status: string }[]>`
      select status from consultation.consultation where source_id = ${asked.sourceId}`;
    expect(row).toEqual({ status: 'requested' });
    expect((await send('test_smo', '/api/v1/consultations', [request()])).status).toBe(403);
  });
});
