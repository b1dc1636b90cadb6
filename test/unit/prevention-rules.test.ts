import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { FlkIssue, FlkRule } from '../../shared/platform/flk/issue';
import { generateDemoSchedules } from '../../shared/prevention/demo/schedule-story';
import {
  ageInYear,
  dispensarisationYear,
  draftKinds,
  examinationYear,
  planAgeProblem,
} from '../../shared/prevention/domain/eligibility';
import {
  type ExamStepCode,
  examSteps,
  stepFitsKind,
  stepMayFollow,
  stepOfRegistryCase,
} from '../../shared/prevention/domain/exam-steps';
import {
  dispensaryIssues,
  planIssues,
  polyclinicCaseIssues,
  slotIssues,
  stepIssues,
} from '../../shared/prevention/domain/record-checks';
import {
  DispensaryRecord,
  PlanEntryRecord,
  PolyclinicCaseRecord,
  ScheduleSlotRecord,
  StepRecord,
} from '../../shared/prevention/domain/records';
import { isEveningSlot, isSaturday, scheduleGaps } from '../../shared/prevention/domain/schedule';
import { checkSlot } from '../../shared/prevention/domain/schedule-rules';

const ruleIds = [
  'PREV.SLOT.TIME',
  'PREV.SLOT.ADDRESS',
  'PREV.SLOT.PAST',
  'PREV.YEAR',
  'PREV.MONTH',
  'PREV.STEP.CODE',
  'PREV.STEP.FUTURE',
  'PREV.DN.DATES',
  'PREV.DN.REASON_OUT',
  'PREV.DN.VISITS',
  'PREV.CASE.DATES',
];
const rules = new Map<string, FlkRule>(
  ruleIds.map((id) => [id, { id, f012Code: '904', field: null, severity: 'error', message: id }]),
);
const fired = (issues: FlkIssue[]) => issues.map((i) => i.rule);
const today = '2026-12-06';

const codes = Object.keys(examSteps).map(Number) as ExamStepCode[];

describe('eligibility for a plan year', () => {
  it('calls for ДВН at 18, 21 … 39 and every year from 40, and for ПМО in every other adult year', () => {
    const dvnAges = Array.from({ length: 100 }, (_, age) => age).filter(dispensarisationYear);
    expect(dvnAges.filter((a) => a < 40)).toEqual([18, 21, 24, 27, 30, 33, 36, 39]);
    expect(dvnAges.filter((a) => a >= 40)).toHaveLength(60);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (age) => {
        // Exactly one of the two for an adult, neither for a child
        expect(Number(dispensarisationYear(age)) + Number(examinationYear(age))).toBe(age >= 18 ? 1 : 0);
      }),
    );
  });

  it('counts the age a person reaches in the year, whatever the birthday', () => {
    expect(ageInYear('1987-12-31', 2026)).toBe(39);
    expect(ageInYear('1987-01-01', 2026)).toBe(39);
  });

  it('drafts the kinds the age calls for, less those finished, with ДН for an open observation', () => {
    const person = (birthDate: string, finished: string[] = [], dispensary = false) => ({
      birthDate,
      finished: new Set(finished) as never,
      dispensary,
    });
    expect(draftKinds(person('1987-05-01'), 2026)).toEqual(['DVN']); // 39
    expect(draftKinds(person('1988-05-01'), 2026)).toEqual(['PMO']); // 38
    expect(draftKinds(person('1950-05-01', [], true), 2026)).toEqual(['DVN', 'DN']);
    expect(draftKinds(person('1950-05-01', ['DVN']), 2026)).toEqual([]);
    expect(draftKinds(person('2010-05-01'), 2026)).toEqual([]); // 16: children have their own examinations
  });

  it('names the rule a plan entry of the wrong year breaks', () => {
    expect(planAgeProblem('DVN', '1988-05-01', 2026)).toBe('PREV.AGE.DVN');
    expect(planAgeProblem('PMO', '1987-05-01', 2026)).toBe('PREV.AGE.PMO');
    expect(planAgeProblem('PMO', '2010-05-01', 2026)).toBe('PREV.AGE.PMO');
    expect(planAgeProblem('DVN', '1987-05-01', 2026)).toBeNull();
    expect(planAgeProblem('UDVN', '2000-05-01', 2026)).toBeNull();
  });
});

describe('participation steps', () => {
  it('derives steps from registry D-file results as the MIS mapping of D§2.4.3 does', () => {
    const of = (disp: string, rslt: number | null, refused = false) =>
      stepOfRegistryCase({ disp, rslt, refused });
    expect([312, 317, 318, 355, 356].map((r) => of('ДВ4', r)?.step)).toEqual([103, 103, 103, 103, 103]);
    expect([353, 357, 358].map((r) => of('ДВ4', r)?.step)).toEqual([104, 104, 104]);
    expect([316, 312, 306, 305].map((r) => of('ДВ2', r)?.step)).toEqual([105, 107, 108, 109]);
    expect([312, 343, 344, 345, 306, 305].map((r) => of('ОПВ', r)?.step)).toEqual([
      203, 203, 203, 203, 204, 205,
    ]);
    expect(of('ДВ4', 312)).toEqual({ kind: 'DVN', step: 103 });
    expect(of('УД1', 353)).toEqual({ kind: 'UDVN', step: 104 });
    expect(of('ОПВ', null, true)).toEqual({ kind: 'PMO', step: 201 });
    expect(of('ДВ4', 312, true)).toEqual({ kind: 'DVN', step: 101 });
    expect(of('ДВ2', null, true)).toEqual({ kind: 'DVN', step: 105 });
    // Children's examinations and results that are no step
    expect(of('ПН1', 312)).toBeNull();
    expect(of('ДВ4', 301)).toBeNull();
    expect(of('ДВ4', null)).toBeNull();
  });

  it('fits 1xx to ДВН and УДВН, 2xx to ПМО, and nothing to ДН', () => {
    for (const code of codes) {
      expect(stepFitsKind(code, 'DVN')).toBe(code < 200);
      expect(stepFitsKind(code, 'UDVN')).toBe(code < 200);
      expect(stepFitsKind(code, 'PMO')).toBe(code >= 200);
      expect(stepFitsKind(code, 'DN')).toBe(false);
    }
  });

  it('never lets a path go back or on after a refusal', () => {
    expect(stepMayFollow(null, 102)).toBe(true);
    expect(stepMayFollow(null, 103)).toBe(true); // the МО may report only the end
    expect(stepMayFollow(103, 102)).toBe(false);
    expect(stepMayFollow(104, 105)).toBe(true);
    expect(stepMayFollow(103, 105)).toBe(false); // refused stage 2 without being sent to it
    expect(stepMayFollow(null, 105)).toBe(false);
    expect(stepMayFollow(101, 102)).toBe(false);
    expect(stepMayFollow(107, 108)).toBe(true); // the same rank, another hospital
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.constantFrom(...codes), (a, b) => {
        // Whatever may follow a step has at least its rank, unless it is the stage-2 refusal
        if (stepMayFollow(a, b) && b !== 105)
          expect(examSteps[b].rank).toBeGreaterThanOrEqual(examSteps[a].rank);
      }),
    );
  });
});

describe('exam schedules', () => {
  it('marks evening slots (past 18:00) and Saturdays', () => {
    expect(isEveningSlot({ timeTo: '20:00' })).toBe(true);
    expect(isEveningSlot({ timeTo: '18:00' })).toBe(false);
    expect(isSaturday('2026-12-05')).toBe(true);
    expect(isSaturday('2026-12-06')).toBe(false);
  });

  it('names what each month of an МО lacks, mobile teams only where it has remote districts', () => {
    const slots = [
      { date: '2026-01-10', timeFrom: '09:00', timeTo: '13:00', method: 1 as const }, // Saturday
      { date: '2026-01-14', timeFrom: '16:00', timeTo: '20:00', method: 1 as const }, // evening
      { date: '2026-02-11', timeFrom: '10:00', timeTo: '15:00', method: 2 as const }, // mobile
    ];
    expect(scheduleGaps(slots, ['2026-01', '2026-02'], { remoteDistricts: false })).toEqual([
      { month: '2026-02', missing: ['evening', 'saturday'] },
    ]);
    expect(scheduleGaps(slots, ['2026-01', '2026-02', '2026-03'], { remoteDistricts: true })).toEqual([
      { month: '2026-01', missing: ['mobile'] },
      { month: '2026-02', missing: ['evening', 'saturday'] },
      { month: '2026-03', missing: ['evening', 'saturday', 'mobile'] },
    ]);
  });
});

describe('record checks without the database', () => {
  const patient = { enp: '9917433700369065' };

  it('refuses impossible dates and out-of-range numbers at the schema, before any rule', () => {
    const slot = {
      sourceId: 's1',
      moCode: '990001',
      kind: 'DVN',
      date: '2026-02-31',
      timeFrom: '09:00',
      timeTo: '13:00',
      method: 1,
    };
    expect(ScheduleSlotRecord.safeParse({ ...slot, date: '2026-12-12' }).success).toBe(true);
    expect(ScheduleSlotRecord.safeParse(slot).success).toBe(false);
    expect(ScheduleSlotRecord.safeParse({ ...slot, date: '2026-12-12', timeTo: '25:00' }).success).toBe(
      false,
    );
    expect(ScheduleSlotRecord.safeParse({ ...slot, date: '2026-12-12', method: 4 }).success).toBe(false);
    expect(ScheduleSlotRecord.safeParse({ ...slot, date: '2026-12-12', sourceId: '  ' }).success).toBe(false);
    expect(
      PlanEntryRecord.safeParse({ sourceId: 'p', patient, year: 2026, kind: 'DVN', months: [13] }).success,
    ).toBe(false);
    expect(
      StepRecord.safeParse({ sourceId: 'x', patient, kind: 'PMO', step: 2_147_483_648, date: today }).success,
    ).toBe(false);
  });

  it('names each slot rule: hours, the address a mobile team needs, a date gone by', () => {
    const slot = (over: object) =>
      ScheduleSlotRecord.parse({
        sourceId: 's',
        moCode: '990001',
        kind: 'DVN',
        date: '2026-12-12',
        timeFrom: '09:00',
        timeTo: '13:00',
        method: 1,
        ...over,
      });
    expect(fired(slotIssues(rules, slot({}), today))).toEqual([]);
    expect(fired(slotIssues(rules, slot({ timeFrom: '14:00' }), today))).toEqual(['PREV.SLOT.TIME']);
    expect(fired(slotIssues(rules, slot({ timeTo: '23:30' }), today))).toEqual(['PREV.SLOT.TIME']);
    expect(fired(slotIssues(rules, slot({ method: 2 }), today))).toEqual(['PREV.SLOT.ADDRESS']);
    expect(fired(slotIssues(rules, slot({ method: 2, address: 'с. Заречное, ФАП' }), today))).toEqual([]);
    expect(fired(slotIssues(rules, slot({ date: '2026-12-01' }), today))).toEqual(['PREV.SLOT.PAST']);
    expect(fired(slotIssues(rules, slot({ date: '2026-12-01', cancelled: true }), today))).toEqual([]);
  });

  it('names the plan year and month rules', () => {
    const entry = (over: object) =>
      PlanEntryRecord.parse({ sourceId: 'p', patient, year: 2026, kind: 'DVN', ...over });
    expect(fired(planIssues(rules, entry({ months: [1, 2] }), today))).toEqual([]);
    expect(fired(planIssues(rules, entry({ year: 2029 }), today))).toEqual(['PREV.YEAR']);
    expect(fired(planIssues(rules, entry({ months: [3, 3] }), today))).toEqual(['PREV.MONTH']);
    expect(fired(planIssues(rules, entry({ months: [3], quarter: 1 }), today))).toEqual(['PREV.MONTH']);
  });

  it('names a step code of another kind and a step in the future', () => {
    const step = (over: object) =>
      StepRecord.parse({ sourceId: 'x', patient, kind: 'PMO', step: 202, date: today, ...over });
    expect(fired(stepIssues(rules, step({}), today))).toEqual([]);
    expect(fired(stepIssues(rules, step({ step: 103 }), today))).toEqual(['PREV.STEP.CODE']);
    expect(fired(stepIssues(rules, step({ step: 150 }), today))).toEqual(['PREV.STEP.CODE']);
    expect(fired(stepIssues(rules, step({ kind: 'DN', step: 102 }), today))).toEqual(['PREV.STEP.CODE']);
    expect(fired(stepIssues(rules, step({ date: '2026-12-07' }), today))).toEqual(['PREV.STEP.FUTURE']);
  });

  it('names the dispensary observation rules: dates, the reason of an end, visit windows', () => {
    const dn = (over: object) =>
      DispensaryRecord.parse({
        sourceId: 'd',
        patient,
        diagnosis: 'I11.9',
        dateIn: '2025-03-01',
        statusIn: 1,
        specialty: 76,
        ...over,
      });
    expect(
      fired(dispensaryIssues(rules, dn({ visits: [{ from: '2026-01-01', to: '2026-03-31' }] }), today)),
    ).toEqual([]);
    expect(fired(dispensaryIssues(rules, dn({ dateOut: '2025-01-01', reasonOut: 1 }), today))).toEqual([
      'PREV.DN.DATES',
    ]);
    expect(fired(dispensaryIssues(rules, dn({ dateIn: '2027-01-01' }), today))).toEqual(['PREV.DN.DATES']);
    expect(fired(dispensaryIssues(rules, dn({ dateOut: '2026-06-01' }), today))).toEqual([
      'PREV.DN.REASON_OUT',
    ]);
    expect(
      fired(dispensaryIssues(rules, dn({ visits: [{ from: '2026-03-31', to: '2026-01-01' }] }), today)),
    ).toEqual(['PREV.DN.VISITS']);
    expect(
      fired(dispensaryIssues(rules, dn({ visits: [{ from: '2024-01-01', to: '2024-02-01' }] }), today)),
    ).toEqual(['PREV.DN.VISITS']);
  });

  it('names a polyclinic case that ends before it starts or in the future', () => {
    const c = (over: object) =>
      PolyclinicCaseRecord.parse({
        sourceId: 'c',
        patient,
        dateFrom: '2026-11-02',
        dateTo: '2026-11-05',
        purpose: '1.3',
        diagnosis: 'J06.9',
        specialty: 76,
        ...over,
      });
    expect(fired(polyclinicCaseIssues(rules, c({}), today))).toEqual([]);
    expect(fired(polyclinicCaseIssues(rules, c({ dateTo: '2026-11-01' }), today))).toEqual([
      'PREV.CASE.DATES',
    ]);
    expect(fired(polyclinicCaseIssues(rules, c({ dateTo: '2026-12-31' }), today))).toEqual([
      'PREV.CASE.DATES',
    ]);
  });
});

describe('the demo exam schedules', () => {
  const region = generateRegionStructure('unit-demo');
  const today = '2026-12-06';
  const schedules = generateDemoSchedules('unit-demo', region, today);
  const all = schedules.flatMap((s) => s.slots);

  it('give every primary-care МО weekday, evening and mostly Saturday hours, and some МО mobile teams with addresses', () => {
    expect(schedules.length).toBe(
      region.organisations.filter((o) => o.kind === 'MO' && o.serves !== null).length,
    );
    for (const { slots } of schedules) {
      expect(slots.some((s) => isEveningSlot(s))).toBe(true);
      expect(slots.every((s) => s.date > today)).toBe(true);
    }
    expect(schedules.filter((s) => s.slots.some((x) => isSaturday(x.date))).length).toBeGreaterThan(
      schedules.length / 2,
    );
    const mobile = all.filter((s) => s.method === 2);
    expect(mobile.length).toBeGreaterThan(0);
    expect(mobile.every((s) => (s.address ?? '').startsWith('с. '))).toBe(true);
    expect(generateDemoSchedules('unit-demo', region, today)).toEqual(schedules);
  });

  it('pass the slot checks of their own МО', () => {
    for (const { moCode, slots } of schedules) {
      const departments = new Set(region.departments.filter((d) => d.moCode === moCode).map((d) => d.code));
      const checkRules = new Map([
        ...rules,
        [
          'PREV.SENDER',
          { id: 'PREV.SENDER', f012Code: '904', field: null, severity: 'error', message: 'x' } as FlkRule,
        ],
        [
          'PREV.DEPARTMENT',
          { id: 'PREV.DEPARTMENT', f012Code: '904', field: null, severity: 'error', message: 'x' } as FlkRule,
        ],
      ]);
      for (const slot of slots) {
        expect(
          checkSlot({ rules: checkRules, today, departments }, moCode, ScheduleSlotRecord.parse(slot)),
        ).toEqual([]);
      }
    }
  });
});
