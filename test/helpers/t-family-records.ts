import fc from 'fast-check';
import type {
  AdmissionRecord,
  CancellationRecord,
  DischargeRecord,
  FreeBedsRecord,
  ReferralRecord,
} from '../../shared/hospitalisation/domain/records';
import type { TRecordOf } from '../../shared/hospitalisation/formats/t-family/t-record-mapping';

/** Sample canonical records of each T-file type, and fast-check arbitraries of them (for the round trip). */

export const sampleReferral: ReferralRecord = {
  sourceId: 'REF-0001',
  number: '0001202600000001',
  date: '2026-11-20',
  form: 3,
  fromMoCode: '990001',
  fromDepartmentCode: '01',
  toMoCode: '990101',
  toDepartmentCode: '0101',
  conditions: 1,
  profile: 29,
  bedProfile: 26,
  diagnosis: 'I20.8',
  doctorSnils: '112-233-445 95',
  plannedDate: '2026-11-28',
  kind: 'plain',
  patient: {
    enp: '9900000000000012',
    fam: 'Иванова',
    im: 'Мария',
    ot: 'Петровна',
    sex: 2,
    birthDate: '1980-02-03',
    phone: '+79001234567',
  },
};

export const sampleVmpReferral: ReferralRecord = {
  ...sampleReferral,
  sourceId: 'REF-0002',
  number: '0001202600000002',
  kind: 'vmp',
  vmp: { talonNumber: '99.0001.00001.123', talonDate: '2026-11-19', vmpKind: '12.00.1.001', vmpMethod: 401 },
};

export const samplePlanned: AdmissionRecord = {
  sourceId: 'ST-100',
  kind: 'planned',
  referralNumber: sampleReferral.number,
  referralDate: sampleReferral.date,
  form: 3,
  moCode: '990101',
  departmentCode: '0101',
  conditions: 1,
  profile: 29,
  bedProfile: 26,
  date: '2026-11-28',
  time: '09:30',
  caseNumber: 'И-2026/100',
  diagnosis: 'I20.8',
  patient: {
    enp: '9900000000000012',
    fam: 'Иванова',
    im: 'Мария',
    ot: 'Петровна',
    sex: 2,
    birthDate: '1980-02-03',
  },
};

export const sampleEmergency: AdmissionRecord = {
  sourceId: 'ST-101',
  kind: 'emergency',
  form: 1,
  moCode: '990101',
  departmentCode: '0101',
  conditions: 1,
  profile: 29,
  bedProfile: 26,
  date: '2026-11-27',
  time: '23:05',
  caseNumber: 'И-2026/101',
  diagnosis: 'I21.0',
  patient: { enp: '9900000000000020', fam: 'Петров', im: 'Пётр', sex: 1, birthDate: '1955-07-01' },
};

export const sampleCancellation: CancellationRecord = {
  sourceId: 'ANL-1',
  referralNumber: sampleReferral.number,
  referralDate: sampleReferral.date,
  reason: 7,
  date: '2026-11-29',
  comment: 'Пациент не явился',
};

export const sampleDischarge: DischargeRecord = {
  sourceId: 'DIS-100',
  admissionSourceId: 'ST-100',
  date: '2026-12-05',
  outcome: 1,
};

export const sampleFreeBeds: FreeBedsRecord = {
  sourceId: '2026-11-28/0101/1/26',
  date: '2026-11-28',
  moCode: '990101',
  departmentCode: '0101',
  conditions: 1,
  bedProfile: 26,
  profile: 29,
  occupiedAtStart: 40,
  admitted: 5,
  discharged: 4,
  plannedToday: 3,
  freeTotal: 10,
  freeMale: 6,
  freeFemale: 4,
  freeAdult: 10,
  freeChild: 0,
  forecast: [
    { date: '2026-11-29', free: 9 },
    { date: '2026-11-30', free: 12 },
  ],
};

export const samples: { [T in keyof TRecordOf]: TRecordOf[T][] } = {
  T1: [sampleReferral, sampleVmpReferral],
  T2: [samplePlanned],
  T3: [sampleEmergency],
  T4: [sampleCancellation],
  T5: [sampleDischarge],
  T6: [sampleFreeBeds],
};

// ---------------------------------------------------------------------------------------------------------
// Arbitraries: values as the canonical schemas allow them, with text that tests escaping and both encodings.

const letters = [...'АБВЁЖЩЫЭЮЯабвёжщыэюяABCxyz0129 -.&<>№ā'];
const text = (max: number) =>
  fc
    .array(fc.constantFrom(...letters), { minLength: 1, maxLength: max })
    .map((a) => a.join('').trim())
    .filter((s) => s.length > 0);
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const date = fc
  .record({
    y: fc.integer({ min: 1930, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const time = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) })
  .map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const count = fc.integer({ min: 0, max: 99_999 });
const code = fc.integer({ min: 1, max: 999 });
const snils = digits(11).map((d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`);
const diagnosis = fc.constantFrom('I20.8', 'J18', 'K35.3', 'C50.91');

const patient = fc.record(
  {
    enp: digits(16),
    snils,
    fam: text(40),
    im: text(40),
    ot: text(40),
    sex: fc.constantFrom(1 as const, 2 as const),
    birthDate: date,
    docSer: text(20),
    docNum: text(30),
    phone: text(36).filter((p) => !['-', 'нет'].includes(p.toLowerCase())),
  },
  { requiredKeys: ['fam', 'im', 'sex', 'birthDate'] },
);

export const referralArbitrary: fc.Arbitrary<ReferralRecord> = fc
  .record(
    {
      sourceId: text(64),
      number: text(16),
      date,
      form: fc.integer({ min: 1, max: 3 }),
      fromMoCode: digits(6),
      fromDepartmentCode: text(20),
      toMoCode: digits(6),
      toDepartmentCode: text(20),
      conditions: code,
      profile: code,
      bedProfile: code,
      diagnosis,
      doctorSnils: snils,
      plannedDate: date,
      kind: fc.constantFrom('plain' as const, 'vmp' as const),
      vmp: fc.record(
        { talonNumber: text(30), talonDate: date, vmpKind: text(20), vmpMethod: code },
        { requiredKeys: ['talonNumber', 'talonDate'] },
      ),
      patient,
    },
    {
      requiredKeys: [
        'sourceId',
        'number',
        'date',
        'form',
        'fromMoCode',
        'toMoCode',
        'conditions',
        'profile',
        'bedProfile',
        'diagnosis',
        'doctorSnils',
        'plannedDate',
        'kind',
        'patient',
      ],
    },
  )
  .map((r) => (r.kind === 'plain' ? { ...r, vmp: undefined } : r))
  .map((r) => JSON.parse(JSON.stringify(r)) as ReferralRecord);

export const admissionArbitrary: fc.Arbitrary<AdmissionRecord> = fc
  .record(
    {
      sourceId: text(64),
      kind: fc.constantFrom('planned' as const, 'emergency' as const),
      referralNumber: text(16),
      referralDate: date,
      form: fc.integer({ min: 1, max: 3 }),
      moCode: digits(6),
      departmentCode: text(20),
      conditions: code,
      profile: code,
      bedProfile: code,
      date,
      time,
      caseNumber: text(50),
      diagnosis,
      patient,
    },
    {
      requiredKeys: [
        'sourceId',
        'kind',
        'referralNumber',
        'referralDate',
        'form',
        'moCode',
        'departmentCode',
        'conditions',
        'profile',
        'bedProfile',
        'date',
        'caseNumber',
        'diagnosis',
        'patient',
      ],
    },
  )
  .map((r) => JSON.parse(JSON.stringify(r)) as AdmissionRecord);

export const cancellationArbitrary: fc.Arbitrary<CancellationRecord> = fc.record(
  {
    sourceId: text(64),
    referralNumber: text(16),
    referralDate: date,
    reason: fc.integer({ min: 1, max: 9 }),
    date,
    comment: text(250),
  },
  { requiredKeys: ['sourceId', 'referralNumber', 'referralDate', 'reason', 'date'] },
);

export const dischargeArbitrary: fc.Arbitrary<DischargeRecord> = fc.record({
  sourceId: text(64),
  admissionSourceId: text(64),
  date,
  outcome: fc.integer({ min: 1, max: 4 }),
});

export const freeBedsArbitrary: fc.Arbitrary<FreeBedsRecord> = fc.record(
  {
    sourceId: text(64),
    date,
    moCode: digits(6),
    departmentCode: text(20),
    conditions: code,
    bedProfile: code,
    profile: code,
    occupiedAtStart: count,
    admitted: count,
    discharged: count,
    plannedToday: count,
    freeTotal: count,
    freeMale: count,
    freeFemale: count,
    freeAdult: count,
    freeChild: count,
    forecast: fc.array(fc.record({ date, free: count }), { maxLength: 10 }),
  },
  {
    requiredKeys: [
      'sourceId',
      'date',
      'moCode',
      'departmentCode',
      'conditions',
      'bedProfile',
      'occupiedAtStart',
      'admitted',
      'discharged',
      'plannedToday',
      'freeTotal',
      'freeMale',
      'freeFemale',
      'freeAdult',
      'freeChild',
      'forecast',
    ],
  },
);
