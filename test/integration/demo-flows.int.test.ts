import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoHospitalFlows } from '../../shared/hospitalisation/demo/hospital-flows-writer';
import { informingDemoStory } from '../../shared/informing/demo/informing-story';
import { preventionPlanStory } from '../../shared/prevention/demo/plan-story';
import { preventionDemoStory } from '../../shared/prevention/demo/schedule-story';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

/** The demo region's 90-day hospitalisation story passes the exchange's own FLK, record by record. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('demo hospitalisation story', () => {
  it('sends referrals, cancellations, admissions, discharges, free beds and plans, all accepted, once', async () => {
    // Act
    const result = await ensureDemoHospitalFlows(db.sql, { ...testDemo });

    // Assess: every generated record passed the FLK
    expect(result.status).toBe('generated');
    for (const [kind, c] of Object.entries(result.counts)) {
      expect({ kind, accepted: c.accepted }).toEqual({ kind, accepted: c.records });
      expect(c.records).toBeGreaterThan(0);
    }
    // … and the story has every state a worklist needs
    const states = await db.sql<{ state: string; n: number }[]>`
      select case when status = 'issued' and valid_until < current_date then 'expired'
                  when status = 'issued' and planned_date < current_date then 'overdue' else status end as state,
             count(*)::int as n
      from hosp.referral group by 1`;
    expect(states.map((s) => s.state).sort()).toEqual(
      expect.arrayContaining(['admitted', 'cancelled', 'discharged', 'expired', 'issued', 'overdue']),
    );
    const [emergency] = await db.sql`select count(*)::int as n from hosp.stay where kind = 'emergency'`;
    expect(emergency!.n).toBeGreaterThan(0);

    // Act + Assess: a second run finds it present and sends nothing
    expect((await ensureDemoHospitalFlows(db.sql, { ...testDemo })).status).toBe('present');
  });
});

describe('demo exam schedules', () => {
  it('are sent through the prevention exchange, every slot accepted, and found present on the next start', async () => {
    // Act
    const result = await preventionDemoStory.run(db.sql, { ...testDemo });

    // Assess: every generated slot stored, with evening, Saturday and mobile-team hours among them
    expect(result.status).toBe('generated');
    const [stored] = await db.sql<
      { slots: number; evening: number; saturday: number; mobile: number; rejected: number }[]
    >`
      select (select count(*)::int from prevention.schedule_slot) as slots,
             (select count(*)::int from prevention.schedule_slot where evening) as evening,
             (select count(*)::int from prevention.schedule_slot where saturday) as saturday,
             (select count(*)::int from prevention.schedule_slot where method = 2 and address is not null) as mobile,
             (select coalesce(sum(rejected), 0)::int from prevention.package) as rejected`;
    expect(stored!.rejected).toBe(0);
    expect(result.summary).toContain(`${stored!.slots} slots`);
    expect(stored!.evening).toBeGreaterThan(0);
    expect(stored!.saturday).toBeGreaterThan(0);
    expect(stored!.mobile).toBeGreaterThan(0);

    // Act + Assess: a second run finds it present
    expect((await preventionDemoStory.run(db.sql, { ...testDemo })).status).toBe('present');
  });
});

describe('the demo prevention year', () => {
  it('plans, steps, ДН and polyclinic cases go through the exchange with nothing rejected, once', async () => {
    // Act
    const result = await preventionPlanStory.run(db.sql, { ...testDemo });

    // Assess: a plan for ДВН, ПМО and ДН, steps along it, ДН records some of which are overdue
    expect(result.status).toBe('generated');
    const [stored] = await db.sql<
      {
        plans: number;
        kinds: number;
        steps: number;
        advanced: number;
        dn: number;
        overdue: number;
        cases: number;
        rejected: number;
      }[]
    >`
      select (select count(*)::int from prevention.plan_entry) as plans,
             (select count(distinct kind)::int from prevention.plan_entry) as kinds,
             (select count(*)::int from prevention.step) as steps,
             (select count(*)::int from prevention.plan_entry where furthest_step is not null) as advanced,
             (select count(*)::int from prevention.dispensary) as dn,
             (select count(*)::int from prevention.dispensary where overdue_from < current_date) as overdue,
             (select count(*)::int from prevention.polyclinic_case) as cases,
             (select coalesce(sum(rejected), 0)::int from prevention.package where package_id like 'demo-%') as rejected`;
    const why = await db.sql`
      select kind, r->'issues' as issues from prevention.package, jsonb_array_elements(protocol->'records') r
      where package_id like 'demo-%' and r->>'status' = 'rejected' limit 3`;
    expect(why).toEqual([]);
    expect(stored).toMatchObject({ kinds: 3, rejected: 0 });
    expect(result.summary).toContain(`${stored!.plans} plan entries`);
    expect(stored!.steps).toBeGreaterThan(0);
    expect(stored!.advanced).toBeGreaterThan(0);
    expect(stored!.overdue).toBeGreaterThan(0);
    expect(stored!.overdue).toBeLessThan(stored!.dn);
    expect(stored!.cases).toBeGreaterThan(0);

    // Act + Assess: a second run finds it present
    expect((await preventionPlanStory.run(db.sql, { ...testDemo })).status).toBe('present');
  }, 120_000);
});

describe('the demo informing', () => {
  it('the rules generate requests over half a year and the СМО answer most, nothing rejected, once', async () => {
    // Arrange: what the requests are generated from
    if ((await preventionPlanStory.run(db.sql, { ...testDemo })).status === 'interrupted')
      throw new Error('interrupted');

    // Act
    const result = await informingDemoStory.run(db.sql, { ...testDemo });

    // Assess
    expect(result.status).toBe('generated');
    const [stored] = await db.sql<
      {
        requests: number;
        reasons: number;
        smos: number;
        informed: number;
        onTime: number;
        rejected: number;
      }[]
    >`
      select (select count(*)::int from informing.request) as requests,
             (select count(distinct reason)::int from informing.request) as reasons,
             (select count(distinct smo_code)::int from informing.request) as smos,
             (select count(*)::int from informing.request where status = 'informed') as informed,
             (select count(*)::int from informing.request where status = 'informed' and closed_on <= deadline) as "onTime",
             (select coalesce(sum(rejected), 0)::int from informing.package where package_id like 'demo-%') as rejected`;
    expect(stored!.rejected).toBe(0);
    expect(result.summary).toContain(`${stored!.requests} requests`);
    expect(stored!.reasons).toBeGreaterThanOrEqual(3);
    expect(stored!.smos).toBeGreaterThan(1);
    expect(stored!.informed).toBeGreaterThan(stored!.requests / 2);
    expect(stored!.onTime).toBeLessThan(stored!.informed);
    expect((await informingDemoStory.run(db.sql, { ...testDemo })).status).toBe('present');
  }, 180_000);
});
