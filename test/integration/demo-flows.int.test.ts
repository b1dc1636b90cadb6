import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationDemoStory } from '../../shared/consultation/demo/consultation-story';
import { ensureDemoHospitalFlows } from '../../shared/hospitalisation/demo/hospital-flows-writer';
import { informingDemoStory } from '../../shared/informing/demo/informing-story';
import { preventionPlanStory } from '../../shared/prevention/demo/plan-story';
import { preventionDemoStory } from '../../shared/prevention/demo/schedule-story';
import { registryDemoStory } from '../../shared/registry/demo/demo-story';
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

describe('the demo telemedicine consultations', () => {
  it('a year of requests to the regional centres, most concluded, nothing rejected, once', async () => {
    // Act
    const result = await consultationDemoStory.run(db.sql, { ...testDemo });

    // Assess: a few hundred at most, most concluded with recommendations, a few waiting, a few withdrawn
    expect(result.status).toBe('generated');
    const [stored] = await db.sql<
      {
        total: number;
        done: number;
        waiting: number;
        cancelled: number;
        recommended: number;
        doctorPatient: number;
        centres: number;
        days: number;
        rejected: number;
      }[]
    >`
      select count(*)::int as total,
             (count(*) filter (where status = 'done'))::int as done,
             (count(*) filter (where status = 'requested'))::int as waiting,
             (count(*) filter (where status = 'cancelled'))::int as cancelled,
             (count(*) filter (where status = 'done' and recommendations is not null
                                 and consult_date >= request_date))::int as recommended,
             (count(*) filter (where type = 2))::int as "doctorPatient",
             count(distinct consulting_mo_code)::int as centres,
             (max(request_date) - min(request_date))::int as days,
             (select coalesce(sum(rejected), 0)::int from consultation.package where package_id like 'demo-%')
               as rejected
      from consultation.consultation`;
    expect(stored!.rejected).toBe(0);
    expect(result.summary).toContain(`${stored!.total} consultations requested`);
    expect(result.summary).toContain(`${stored!.done} conclusions`);
    expect(stored!.total).toBeGreaterThan(100);
    expect(stored!.total).toBeLessThan(1_000);
    expect(stored!.done).toBeGreaterThan(stored!.total * 0.8);
    expect(stored!.recommended).toBe(stored!.done);
    expect(stored!.waiting).toBeGreaterThan(0);
    expect(stored!.cancelled).toBeGreaterThan(0);
    expect(stored!.doctorPatient).toBeGreaterThan(0);
    expect(stored!.doctorPatient).toBeLessThan(stored!.total / 2);
    expect(stored!.centres).toBe(4);
    expect(stored!.days).toBeGreaterThan(300);
    // … every person is the requesting МО's own, and the СМО sees the consultation
    const [foreign] = await db.sql<{ n: number; noSmo: number }[]>`
      select (count(*) filter (where not exists (
                select 1 from person.attachment a
                where a.person_id = c.person_id and a.mo_code = c.requesting_mo_code and a.date_end is null)))::int
               as n,
             (count(*) filter (where smo_code is null))::int as "noSmo"
      from consultation.consultation c`;
    expect(foreign).toEqual({ n: 0, noSmo: 0 });

    // Act + Assess: a second run finds it present
    expect((await consultationDemoStory.run(db.sql, { ...testDemo })).status).toBe('present');
  }, 120_000);
});

describe('the demo informing', () => {
  it('a year of generated requests, upcoming operations, consultation advice, varied results and surveys, once', async () => {
    // Arrange: what the requests are generated from
    for (const story of [preventionPlanStory, consultationDemoStory, registryDemoStory]) {
      if ((await story.run(db.sql, { ...testDemo })).status === 'interrupted') throw new Error('interrupted');
    }

    // Act
    const result = await informingDemoStory.run(db.sql, { ...testDemo });

    // Assess: generated over the year, routed to every СМО, mostly informed, some late; nothing rejected
    expect(result.status).toBe('generated');
    const [stored] = await db.sql<
      {
        generated: number;
        reasons: number;
        smos: number;
        days: number;
        total: number;
        informed: number;
        onTime: number;
        rejected: number;
      }[]
    >`
      select (select count(*)::int from informing.request where rule_id is not null) as generated,
             (select count(distinct reason)::int from informing.request) as reasons,
             (select count(distinct smo_code)::int from informing.request) as smos,
             (select (max(request_date) - min(request_date))::int from informing.request) as days,
             (select count(*)::int from informing.request) as total,
             (select count(*)::int from informing.request where status = 'informed') as informed,
             (select count(*)::int from informing.request where status = 'informed' and closed_on <= deadline) as "onTime",
             (select coalesce(sum(rejected), 0)::int from informing.package where package_id like 'demo-%') as rejected`;
    const why = await db.sql`
      select kind, r->'issues' as issues from informing.package, jsonb_array_elements(protocol->'records') r
      where package_id like 'demo-%' and r->>'status' = 'rejected' limit 3`;
    expect(why).toEqual([]);
    expect(stored!.rejected).toBe(0);
    expect(result.summary).toContain(`${stored!.generated} requests generated by the rules`);
    expect(stored!.reasons).toBeGreaterThanOrEqual(5);
    // Every rule made requests over the year, stage-2 invitations only after the steps they invite for
    const byRule = await db.sql<{ ruleId: string; n: number; early: number }[]>`
      select r.rule_id as "ruleId", count(*)::int as n,
             (count(*) filter (where r.reason = 'DVN2' and e.furthest_step_date > r.request_date))::int as early
      from informing.request r
      left join prevention.plan_entry e on r.source_fact = 'plan_entry:' || e.id
      where r.rule_id is not null group by 1 order by 1`;
    expect(byRule.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['onco-suspicion', 'stage-2', 'dn-visit']),
    );
    expect(byRule.every((r) => r.early === 0)).toBe(true);
    // … and after the СМО informed, today's run reminded some who have not come (PRIMARY_INF 2)
    expect(byRule.find((r) => r.ruleId.startsWith('repeat-'))?.n ?? 0).toBeGreaterThan(0);
    expect(stored!.smos).toBe(3);
    expect(stored!.days).toBeGreaterThan(300);
    expect(stored!.informed).toBeGreaterThan(stored!.total / 2);
    expect(stored!.onTime).toBeGreaterThan(stored!.informed / 2);
    expect(stored!.onTime).toBeLessThan(stored!.informed);

    // … the results vary as an СМО's work does: methods, steps, failed attempts, a few died or moved, operators
    const [results] = await db.sql<
      { methods: number[]; steps: number[]; outcomes: number[]; operators: number; dvn2Steps: number[] }[]
    >`
      select array_agg(distinct method order by method)::int[] as methods,
             array_agg(distinct step order by step)::int[] as steps,
             array_agg(distinct outcome order by outcome)::int[] as outcomes,
             count(distinct operator)::int as operators,
             (select array_agg(distinct s.step order by s.step) from informing.result s
              join informing.request q on q.id = s.request_id where q.reason = 'DVN2')::int[] as "dvn2Steps"
      from informing.result`;
    expect(results!.methods).toEqual(expect.arrayContaining([1, 2, 3, 5, 6, 7]));
    expect(results!.steps).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(results!.outcomes).toEqual([1, 2, 3, 4, 5]);
    expect(results!.operators).toBeGreaterThan(6);
    expect(results!.dvn2Steps).toContain(3);
    expect(results!.dvn2Steps.every((s) => s === 3 || s === 4)).toBe(true);

    // … the hospitals told of operations ahead, the МО of the consultants' recommendations
    const told = await db.sql<
      {
        reason: string;
        procedure: string | null;
        date: string | null;
        place: string | null;
        deadline: string;
        methods: string | null;
        advised: boolean;
      }[]
    >`
      select q.reason, q.details->>'procedure' as procedure, q.details->>'date' as date,
             q.details->>'place' as place, q.deadline::text, q.details->>'methods' as methods,
             exists (select 1 from consultation.consultation c
                     where c.requesting_mo_code = q.sender_code and c.person_id = q.person_id
                       and c.recommendations = q.details->>'methods') as advised
      from informing.request q where q.reason in ('PROCEDURE', 'CARE_INFO')`;
    const procedures = told.filter((t) => t.reason === 'PROCEDURE');
    const advice = told.filter((t) => t.reason === 'CARE_INFO');
    expect(procedures.length).toBeGreaterThan(0);
    expect(advice.length).toBeGreaterThan(0);
    for (const p of procedures) {
      expect(p.procedure).toMatch(/^Плановое оперативное лечение по профилю «.+»$/);
      expect(p.place).toMatch(/^ГБУЗ «/);
      expect(p.deadline < p.date!).toBe(true);
    }
    expect(advice.every((a) => a.advised)).toBe(true);
    expect(result.summary).toContain(`${procedures.length} upcoming operations`);

    // … and the surveys: every month of the year, every condition, МО that differ, one in five named
    const [surveys] = await db.sql<
      { total: number; months: number; conditions: number; named: number; aged: number; spread: number }[]
    >`
      select count(*)::int as total, count(distinct date_trunc('month', survey_date))::int as months,
             count(distinct condition)::int as conditions,
             (count(*) filter (where person_id is not null))::int as named,
             (count(*) filter (where age is not null))::int as aged,
             (select max(score) - min(score) from (
                select avg(v::numeric) as score from informing.survey, jsonb_each_text(answers) e(k, v)
                where v <> '5' group by mo_code) m)::float as spread
      from informing.survey`;
    expect(result.summary).toContain(`${surveys!.total} surveys`);
    expect(surveys!.total).toBeGreaterThan(1_000);
    expect(surveys!.total).toBeLessThan(5_000);
    expect(surveys).toMatchObject({ months: 12, conditions: 3 });
    expect(surveys!.named / surveys!.total).toBeGreaterThan(0.1);
    expect(surveys!.named / surveys!.total).toBeLessThan(0.3);
    expect(surveys!.aged / surveys!.total).toBeGreaterThan(0.7);
    expect(surveys!.spread).toBeGreaterThan(0.5);

    // Act + Assess: a second run finds it present
    expect((await informingDemoStory.run(db.sql, { ...testDemo })).status).toBe('present');
  }, 240_000);
});
