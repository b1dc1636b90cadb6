import { describe, expect, it } from 'vitest';
import { admissionRules } from '../../shared/hospitalisation/domain/admission-checks';
import { cancellationRules } from '../../shared/hospitalisation/domain/cancellation-checks';
import {
  type FactAnswers,
  FactNeeds,
  hospFacts,
  identityKey,
  type ReferralByNumber,
} from '../../shared/hospitalisation/domain/package-facts';
import { type AdmissionRecord, ReferralRecord } from '../../shared/hospitalisation/domain/records';
import {
  referralFieldRules,
  referralRules,
  sameReferral,
} from '../../shared/hospitalisation/domain/referral-checks';
import { sameJson } from '../../shared/hospitalisation/domain/same-json';
import { noSexRules } from '../../shared/hospitalisation/domain/sex-specific';
import { makeEnp } from '../../shared/person/domain/enp';
import type { Resolution } from '../../shared/person/domain/identity-input';
import { rounds } from '../../shared/platform/exchange/package-processor';
import type { FlkRule } from '../../shared/platform/flk/issue';
import { validFields } from '../../shared/platform/flk/valid-fields';

/**
 * The hospitalisation FLK as pure rules over a package's facts (issue 10): no database — the facts are built by
 * hand as the facts query answers them.
 */

const ruleIds = [
  'HOSP.SENDER',
  'HOSP.NSI.V014',
  'HOSP.NSI.V006',
  'HOSP.NSI.V002',
  'HOSP.NSI.V020',
  'HOSP.NSI.MKB',
  'HOSP.BED_PROFILE',
  'HOSP.MO.UNKNOWN',
  'HOSP.DEPT.UNKNOWN',
  'HOSP.DEPT.BEDS',
  'HOSP.REF.DUPLICATE',
  'HOSP.DATE.FUTURE',
  'HOSP.DATE.ORDER',
  'HOSP.REF.PLANNED_VALIDITY',
  'HOSP.DOCTOR.SNILS',
  'HOSP.VMP.TALON',
  'HOSP.REF.UNKNOWN',
  'HOSP.REF.PENDING',
  'HOSP.REF.OTHER_MO',
  'HOSP.REF.EXPIRED',
  'HOSP.REF.STATE',
  'HOSP.REF.DATE',
  'HOSP.CANCEL.REASON',
  'HOSP.SOURCE.PERSON',
  'HOSP.SEX.DIAGNOSIS',
  'HOSP.SEX.BED_PROFILE',
  'ID.ENP.FORMAT',
  'ID.ENP.CONTROL',
  'ID.SNILS.FORMAT',
  'ID.SNILS.CONTROL',
  'ID.NOT_FOUND',
  'ID.NOT_INSURED',
  'ID.AMBIGUOUS',
  'ID.MISMATCH',
];
const rules = new Map<string, FlkRule>(
  ruleIds.map((id) => [
    id,
    {
      id,
      f012Code: '904',
      field: null,
      severity: id === 'HOSP.REF.PENDING' || id === 'ID.MISMATCH' ? 'warning' : 'error',
      message: id,
    },
  ]),
);

const mo = { orgCode: '990001', orgKind: 'MO' };
const hospital = { orgCode: '990101', orgKind: 'MO' };
const enp = makeEnp('990000000000001');

const referral: ReferralRecord = {
  sourceId: 'REF-1',
  number: '0001202600000001',
  date: '2026-11-20',
  form: 3,
  fromMoCode: mo.orgCode,
  toMoCode: hospital.orgCode,
  toDepartmentCode: '0101',
  conditions: 1,
  profile: 29,
  bedProfile: 26,
  diagnosis: 'I20.8',
  doctorSnils: '112-233-445 95',
  plannedDate: '2026-11-28',
  kind: 'plain',
  patient: { enp },
};

const identified: Resolution = {
  outcome: 'identified',
  personId: '7',
  method: 'enp',
  mismatch: false,
  sex: 2,
  policy: { policyType: 3, number: enp, smoCode: '99001', dateBeg: '2020-01-01', dateEnd: null },
};

function answers(over: Partial<FactAnswers> = {}): FactAnswers {
  const onDate = (date: string) => identityKey({ enp, onDate: date });
  return {
    today: '2026-11-25',
    settings: { referral_validity_days: 30 },
    bedRules: [[26, 29]],
    nsi: [
      ['V014', '3', '2011-01-01', null],
      ['V006', '1', '2011-01-01', null],
      ['V002', '29', '2011-01-01', null],
      ['V020', '26', '2011-01-01', '2026-11-21'],
      ['V020', '26', '2026-11-22', null],
      ['MKB10', 'I20.8', '2011-01-01', null],
    ],
    organisations: [
      [mo.orgCode, 'MO'],
      [hospital.orgCode, 'MO'],
    ],
    departments: [
      { moCode: hospital.orgCode, code: '0101', profile: 29, conditions: 1, closed: false, beds: [[26, 40]] },
    ],
    referrals: [],
    ownReferrals: [],
    ownStaysBySource: [],
    ownStays: [],
    identities: [
      [onDate('2026-11-20'), identified],
      [onDate('2026-11-24'), identified],
    ],
    ...over,
  };
}

const facts = (over: Partial<FactAnswers> = {}) => hospFacts(answers(over), rules, noSexRules);
const ruleNames = (issues: { rule: string }[]) => issues.map((i) => i.rule);

describe('package rounds', () => {
  it('puts a record after the last earlier record it shares a key with, in package order', () => {
    const records = [
      { n: 1, keys: ['a'] },
      { n: 2, keys: ['b'] },
      { n: 3, keys: ['a', 'c'] },
      { n: 4, keys: ['c'] },
      { n: 5, keys: ['d'] },
      { n: 6, keys: ['b', 'a'] },
    ];
    expect(rounds(records, (r) => r.keys).map((round) => round.map((r) => r.n))).toEqual([
      [1, 2, 5],
      [3],
      [4, 6],
    ]);
  });

  it('keeps a package without shared keys in one round', () => {
    const records = Array.from({ length: 1000 }, (_, n) => ({
      ...referral,
      sourceId: `s${n}`,
      number: `n${n}`,
    }));
    expect(rounds(records, referralRules.keys)).toHaveLength(1);
  });
});

describe('what a package looks up', () => {
  it('gathers every record’s directory codes, organisations, departments, referrals and patients once', () => {
    const needs = new FactNeeds();
    referralRules.needs(needs, mo, referral, rules);
    referralRules.needs(needs, mo, { ...referral, sourceId: 'REF-2', number: 'N2' }, rules);
    expect([...needs.codes.values()]).toEqual([
      ['V014', '3'],
      ['V006', '1'],
      ['V002', '29'],
      ['V020', '26'],
      ['MKB10', 'I20.8'],
    ]);
    expect([...needs.organisations]).toEqual([hospital.orgCode]);
    expect([...needs.departments.values()]).toEqual([[hospital.orgCode, '0101']]);
    expect([...needs.referralNumbers]).toEqual([referral.number, 'N2']);
    expect([...needs.ownReferrals]).toEqual(['REF-1', 'REF-2']);
    expect([...needs.identities.values()]).toEqual([{ enp, onDate: '2026-11-20' }]);
  });

  it('does not ask the register about a patient whose identifiers fail their own FLK', () => {
    const needs = new FactNeeds();
    const wrongDigit = `${enp.slice(0, 15)}${(Number(enp[15]) + 1) % 10}`;
    referralRules.needs(needs, mo, { ...referral, patient: { enp: wrongDigit } }, rules);
    expect(needs.identities.size).toBe(0);
  });
});

describe('referral rules', () => {
  it('accepts a good referral and computes its validity', () => {
    const checked = referralRules.check(facts(), mo, referral);
    expect(checked.issues).toEqual([]);
    expect(checked.facts).toEqual({
      personId: '7',
      smoCode: '99001',
      existingId: null,
      unchanged: false,
      validUntil: '2026-12-20',
    });
    expect(checked.persons).toEqual(['7']);
  });

  it('reports the issues in the order of the checks', () => {
    const bad: ReferralRecord = {
      ...referral,
      fromMoCode: '990002',
      form: 9,
      bedProfile: 26,
      profile: 97,
      toDepartmentCode: 'НЕТ',
      date: '2026-11-26',
      plannedDate: '2026-11-25',
      doctorSnils: '112-233-445 94',
      kind: 'vmp',
    };
    const f = facts({
      identities: [[identityKey({ enp, onDate: '2026-11-26' }), { outcome: 'not_insured_in_region' }]],
      referrals: [{ ...owned(), number: referral.number, senderCode: '990003' }],
    });
    expect(ruleNames(referralRules.check(f, mo, bad).issues)).toEqual([
      'HOSP.SENDER',
      'HOSP.NSI.V014',
      'HOSP.NSI.V002',
      'HOSP.BED_PROFILE',
      'HOSP.DEPT.UNKNOWN',
      'HOSP.DATE.FUTURE',
      'HOSP.DATE.ORDER',
      'HOSP.DOCTOR.SNILS',
      'HOSP.VMP.TALON',
      'HOSP.REF.DUPLICATE',
      'ID.NOT_FOUND',
    ]);
  });

  it('judges a directory code by the version valid on the record’s date', () => {
    const f = facts({ nsi: [['V020', '26', '2026-11-22', null]] });
    expect(f.nsiValid('V020', 26, '2026-11-21')).toBe(false);
    expect(f.nsiValid('V020', 26, '2026-11-22')).toBe(true);
    expect(f.nsiValid('V020', '26', '2027-01-01')).toBe(true);
  });

  it('accepts the same record again for a referral that moved on, and refuses a changed one', () => {
    const stored = {
      sourceId: referral.sourceId,
      id: '41',
      personId: '7',
      number: referral.number,
      date: referral.date,
      form: 3,
      fromDepartmentCode: null,
      toMoCode: hospital.orgCode,
      toDepartmentCode: '0101',
      conditions: 1,
      profile: 29,
      bedProfile: 26,
      diagnosis: 'I20.8',
      doctorSnils: referral.doctorSnils,
      plannedDate: referral.plannedDate,
      kind: 'plain',
      vmp: null,
    };
    const f = facts({
      referrals: [{ ...owned(), id: '41', status: 'admitted' }],
      ownReferrals: [stored],
    });
    const same = referralRules.check(f, mo, referral);
    expect(same.issues).toEqual([]);
    expect(same.facts).toMatchObject({ existingId: '41', unchanged: true });
    const changed = referralRules.check(f, mo, { ...referral, diagnosis: 'I25.1' });
    expect(ruleNames(changed.issues)).toContain('HOSP.REF.STATE');
    const otherPerson = referralRules.check(
      hospFacts(
        answers({
          ownReferrals: [{ ...stored, personId: '8' }],
          referrals: [{ ...owned(), id: '41' }],
        }),
        rules,
        noSexRules,
      ),
      mo,
      referral,
    );
    expect(ruleNames(otherPerson.issues)).toEqual(['HOSP.SOURCE.PERSON']);
    expect(sameReferral(stored, { ...referral, vmp: undefined }, '7')).toBe(true);
  });
});

describe('a planned date within the referral’s validity', () => {
  it('accepts the last day of the validity and refuses the day after, on the planned date', () => {
    // Issued 2026-11-20, valid 30 days: to 2026-12-20 inclusive.
    expect(referralRules.check(facts(), mo, { ...referral, plannedDate: '2026-12-20' }).issues).toEqual([]);
    const late = referralRules.check(facts(), mo, { ...referral, plannedDate: '2026-12-21' }).issues;
    expect(late).toEqual([
      expect.objectContaining({
        rule: 'HOSP.REF.PLANNED_VALIDITY',
        code: '904',
        field: 'plannedDate',
        value: '2026-12-21',
        message: 'HOSP.REF.PLANNED_VALIDITY (20.12.2026)',
      }),
    ]);
  });

  it('follows the configured validity', () => {
    const f = facts({ settings: { referral_validity_days: 10 } });
    expect(ruleNames(referralRules.check(f, mo, referral).issues)).toEqual([]);
    expect(ruleNames(referralRules.check(f, mo, { ...referral, plannedDate: '2026-12-01' }).issues)).toEqual([
      'HOSP.REF.PLANNED_VALIDITY',
    ]);
  });

  it('is not reported for a planned date before the referral date (the order rule says that)', () => {
    const early = referralRules.check(facts(), mo, { ...referral, plannedDate: '2026-11-19' }).issues;
    expect(ruleNames(early)).toEqual(['HOSP.DATE.ORDER']);
  });
});

describe('a referral that failed its schema', () => {
  it('keeps the fields that pass their own schema', () => {
    const raw = { ...referral, profile: 'хирургия', plannedDate: '2026-13-01', doctorSnils: undefined };
    const fields = validFields(ReferralRecord, raw);
    expect(fields).not.toBeNull();
    expect(Object.keys(fields!)).not.toContain('profile');
    expect(Object.keys(fields!)).not.toContain('plannedDate');
    expect(Object.keys(fields!)).not.toContain('doctorSnils');
    expect(fields).toMatchObject({ date: referral.date, bedProfile: 26, patient: { enp } });
    expect(validFields(ReferralRecord, 'text')).toBeNull();
  });

  it('is judged on those fields: dates, the doctor’s СНИЛС and the patient in the same answer', () => {
    const raw = {
      ...referral,
      profile: 'хирургия',
      date: '2026-11-26',
      plannedDate: '2027-02-01',
      doctorSnils: '112-233-445 94',
    };
    const fields = validFields(ReferralRecord, raw) as Partial<ReferralRecord>;
    const f = facts({
      identities: [[identityKey({ enp, onDate: '2026-11-26' }), { outcome: 'not_insured_in_region' }]],
    });
    const needs = new FactNeeds();
    referralFieldRules.needs(needs, mo, fields, rules);
    expect([...needs.identities.values()]).toEqual([{ enp, onDate: '2026-11-26' }]);
    expect(needs.codes.has('V002\n29')).toBe(false);
    expect(ruleNames(referralFieldRules.check(f, mo, fields))).toEqual([
      'HOSP.DATE.FUTURE',
      'HOSP.REF.PLANNED_VALIDITY',
      'HOSP.DOCTOR.SNILS',
      'ID.NOT_FOUND',
    ]);
  });

  it('says nothing about fields that are absent', () => {
    expect(referralFieldRules.check(facts(), mo, {})).toEqual([]);
  });
});

function owned(): ReferralByNumber {
  return {
    id: '41',
    number: referral.number,
    senderCode: mo.orgCode,
    sourceId: referral.sourceId,
    toMoCode: hospital.orgCode,
    fromMoCode: mo.orgCode,
    status: 'issued',
    referralDate: referral.date,
    validUntil: '2026-12-20',
    personId: '7',
    smoCode: '99001',
    cancelSourceId: null,
    cancelOrgCode: null,
  };
}

describe('admission and cancellation rules', () => {
  const admission: AdmissionRecord = {
    sourceId: 'ST-1',
    kind: 'planned',
    referralNumber: referral.number,
    referralDate: referral.date,
    form: 3,
    moCode: hospital.orgCode,
    departmentCode: '0101',
    conditions: 1,
    profile: 29,
    bedProfile: 26,
    date: '2026-11-24',
    caseNumber: 'И-1',
    diagnosis: 'I20.8',
    patient: { enp },
  };

  it('lets a planned admission wait for its referral (a warning) and refuses one on another МО’s referral', () => {
    const waiting = admissionRules.check(facts(), hospital, admission);
    expect(waiting.issues.map((i) => [i.rule, i.severity])).toEqual([['HOSP.REF.PENDING', 'warning']]);
    const other = admissionRules.check(
      facts({ referrals: [{ ...owned(), toMoCode: '990102' }] }),
      hospital,
      admission,
    );
    expect(ruleNames(other.issues)).toEqual(['HOSP.REF.OTHER_MO']);
    const admitted = admissionRules.check(facts({ referrals: [owned()] }), hospital, admission);
    expect(admitted.issues).toEqual([]);
    expect(admitted.facts.referral?.id).toBe('41');
  });

  it('knows a cancellation sent again from one of another record', () => {
    const cancelled = {
      ...owned(),
      status: 'cancelled' as const,
      cancelOrgCode: hospital.orgCode,
      cancelSourceId: 'C1',
    };
    const record = {
      sourceId: 'C1',
      referralNumber: referral.number,
      referralDate: referral.date,
      reason: 7,
      date: '2026-11-24',
    };
    const again = cancellationRules.check(facts({ referrals: [cancelled] }), hospital, record);
    expect(again.issues).toEqual([]);
    expect(again.facts).toMatchObject({ alreadyDone: true, source: 2 });
    const another = cancellationRules.check(facts({ referrals: [cancelled] }), hospital, {
      ...record,
      sourceId: 'C2',
    });
    expect(ruleNames(another.issues)).toEqual(['HOSP.REF.STATE']);
    const stranger = cancellationRules.check(
      facts({ referrals: [owned()] }),
      { orgCode: '990102', orgKind: 'MO' },
      record,
    );
    expect(ruleNames(stranger.issues)).toEqual(['HOSP.SENDER']);
  });
});

describe('jsonb equality', () => {
  it('ignores key order and absent keys, as PostgreSQL compares jsonb', () => {
    expect(sameJson({ a: 1, b: { c: 2, d: [1, 2] } }, { b: { d: [1, 2], c: 2 }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson(null, undefined)).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
