import type { GeneratedPerson } from '../../demo/persons';
import { Random } from '../../demo/random';
import { makeSnils } from '../../person/domain/snils';
import { withEmptyLists } from '../../platform/formats/xml-tree-writer';
import { isPreventionKind, type RegistryFileKind } from '../domain/file-kinds';
import { type Pers, pers, type Schet, type Zap, zap } from '../domain/registry-tags';
import { type RegistryFileName, registryName } from '../formats/package-name';
import {
  type RawCase,
  type RegistryEncoding,
  type RegistryPackageInput,
  registryPackageChunks,
  registryPackageNames,
  writeRegistryPackage,
  zapXml,
} from '../formats/registry-package-writer';

/**
 * A deterministic generator of registry-invoice packages (issue 12 §5) for tests, the benchmark and the demo:
 * valid packages of any size whose cases belong to persons of the register, with realistic oncology paths, and
 * faults injected on request — each answered with what the protocol must say about it.
 *
 * Oncology paths. A share of the adult persons (`cohortShare`) has a path that depends only on the seed and the
 * person (not on the package), so the packages of successive months tell one consistent story per person: in
 * its first month a suspicion (DS_ONK=1, a non-ЗНО diagnosis, NAPR to an oncologist and for imaging), then the
 * diagnosis (C-code, ONK_SL with DS1_T=5, stage, histology and marker results in B_DIAG, a consilium in CONS),
 * then treatment — surgery (inpatient, ONK_USL type 1) followed by adjuvant drug cycles, drug therapy alone
 * (day stationary, ONK_USL type 2 with LEK_PR: N020 drug, V024 scheme, dates), or radiation (type 3, SOD and
 * K_FR) — and afterwards observation (DS1_T=3, P_CEL 1.3 with DN). C-files carry these cases, H-files the
 * suspicion visits among ordinary ones, T-files (ВМП) the radiation courses, D-files dispensarisation.
 *
 * Every code comes from one table (`registryDemoCodes`), chosen from the project's НСИ data
 * (shared/nsi/data): valid from 2023 on (V019, the ВМП method, only in 2023 in that data). The generator
 * streams: cases and persons are made one at a time when the package is written, after a cheap first pass that
 * fixes each case's person, kind and sum (SCHET/SUMMAV and SD_Z precede the cases in the file).
 */

// ---------------------------------------------------------------------------------------------------------
// The codes

interface Stage {
  /** N002 ID_St, N003 ID_T, N004 ID_N, N005 ID_M for the site's diagnosis. */
  stad: string;
  t: string;
  n: string;
  m: string;
  /** Stage IV: drug therapy, no surgery. */
  advanced: boolean;
}

interface Site {
  id: string;
  /** Only this sex (V005), or both. */
  sex: 1 | 2 | null;
  /** МКБ-10 diagnosis at suspicion (no ЗНО yet) and established. */
  suspicion: string;
  diagnosis: string;
  stages: readonly Stage[];
  /** N007 histology type and its N008 result for the diagnosis (N009). */
  histology: { type: string; result: string };
  /** N010 markers with an N011 result (N012). */
  markers: readonly { marker: string; result: string }[];
  /** Imaging at suspicion: V029 method and the V001 service. */
  imaging: { method: string; service: string };
  surgery: { ksg: string; koefZ: string; service: string; bedProfile: string };
  /** V024 scheme with its N020 drugs (N021), the day-stationary КСГ. */
  drug: { scheme: string; drugs: readonly string[]; ksg: string; koefZ: string };
  radiation: { ksg: string; koefZ: string; service: string };
}

/** The codes the generator writes: one table, every code valid in the project's НСИ data from 2023. */
export const registryDemoCodes = {
  /** V006 conditions, V008 kinds, V014 forms, V010 payment. */
  conditions: { inpatient: '1', dayStationary: '2', ambulatory: '3' },
  careKinds: { primaryDoctor: '12', primarySpecialist: '13', specialised: '31', highTech: '32' },
  forms: { planned: '3' },
  payment: { visit: '29', appeal: '30', ksg: '33' },
  /** V009 results and V012 outcomes by conditions. */
  results: { inpatient: '101', dayStationary: '201', ambulatoryDone: '301', ambulatoryContinued: '304' },
  outcomes: { inpatient: '102', dayStationary: '202', ambulatoryBetter: '303', ambulatorySame: '304' },
  /** V002 profiles, V020 bed profiles, V021 specialities. */
  profiles: { oncology: '60', therapy: '97', pediatrics: '68' },
  bedProfiles: { oncology: '42', thoracic: '43', abdominal: '44', radiology: '64' },
  specialities: { oncologist: '41', therapist: '76', pediatrician: '49', radiotherapist: '58' },
  specialityDirectory: 'V021',
  /** V025 visit purposes, V027 character of the disease. */
  purposes: { disease: '1.0', appeal: '3.0', dispensary: '1.3' },
  character: { acute: '1', firstChronic: '2', knownChronic: '3' },
  /** V028 referral kinds, N019 consilium purposes, N018 reasons, N013–N017 service types. */
  referral: { toOncologist: '1', forTests: '3' },
  consilium: { none: '0', treatmentTactics: '2' },
  reasons: { firstTreatment: '0', observation: '3', diagnostics: '5' },
  services: { surgery: '1', drug: '2', radiation: '3' },
  surgeryType: { primaryTumour: '1' },
  drugLine: { first: '1', adjuvant: '6' },
  drugCycle: { first: '1', next: '2', lastCompleted: '4' },
  radiationType: { primaryTumour: '1' },
  /** N001 refusal of radiation therapy. */
  refusal: { radiation: '6' },
  /** F008 policy type (ЕНП), F011 documents. */
  policyType: '3',
  documents: { passport: 14, birthCertificate: 3 },
  /** V001 services of visits (not in the project's НСИ: no rule reads them). */
  visits: {
    oncologist: 'B01.027.001',
    oncologistAgain: 'B01.027.002',
    therapist: 'B01.047.001',
    pediatrician: 'B01.031.001',
  },
  drugInjection: 'A11.12.003',
  /** Ordinary diagnoses (МКБ-10) of H-file visits and of dispensarisation. */
  ordinary: ['I10', 'I11.9', 'J06.9', 'J20.9', 'K29.7', 'M54.5', 'E11.9'],
  dispensarisation: 'Z00.0',
  /** V016 dispensarisation type of a D-file (SCHET/DISP) and V017 results. */
  disp: { DP: 'ДВ4', DV: 'ДВ2', DO: 'ОПВ', DS: 'ДС1', DU: 'ДС2', DF: 'ПН1', DA: 'УД1', DB: 'УД2' } as Partial<
    Record<RegistryFileKind, string>
  >,
  dispResults: ['1', '2', '31', '32'],
  /** V009 results of examinations (Z_SL/RSLT) by V016 type, as the step derivation reads them (DOMAIN §2.4.3). */
  examResults: {
    ДВ4: ['317', '318', '353', '355', '356', '357'],
    ДВ2: ['317', '318', '306', '305'],
    ОПВ: ['343', '344', '306', '305'],
  } as Readonly<Record<string, readonly string[]>>,
  /** V018/V019 ВМП: remote radiation therapy (valid through 2023 in the project's НСИ). */
  highTech: { kind: '178', method: '87' },
  /** КСГ base rate (BZTSZ) and the V023 model's version. */
  baseRate: '30000.00',
  sites: [
    {
      id: 'breast',
      sex: 2,
      suspicion: 'N63',
      diagnosis: 'C50.4',
      stages: [
        { stad: '255', t: '373', n: '191', m: '119', advanced: false }, // IA: T1c N0 M0
        { stad: '257', t: '297', n: '191', m: '119', advanced: false }, // IIA: T2 N0 M0
        { stad: '259', t: '297', n: '203', m: '119', advanced: false }, // IIIA: T2 N2a M0
        { stad: '262', t: '298', n: '192', m: '120', advanced: true }, // IV: T3 N1 M1
      ],
      histology: { type: '1', result: '1' },
      markers: [
        { marker: '8', result: '17' },
        { marker: '9', result: '19' },
        { marker: '1', result: '2' },
      ],
      imaging: { method: '4', service: 'A06.20.004' },
      surgery: { ksg: 'st19.014', koefZ: '2.79', service: 'A16.20.032', bedProfile: '42' },
      drug: { scheme: 'sh0058', drugs: ['000830', '002333'], ksg: 'ds19.097', koefZ: '0.39' },
      radiation: { ksg: 'ds19.050', koefZ: '0.74', service: 'A07.30.009' },
    },
    {
      id: 'lung',
      sex: null,
      suspicion: 'R91',
      diagnosis: 'C34.1',
      stages: [
        { stad: '131', t: '177', n: '87', m: '49', advanced: false }, // IB: T2a N0 M0
        { stad: '134', t: '179', n: '88', m: '49', advanced: false }, // IIIA: T3 N1 M0
        { stad: '136', t: '180', n: '89', m: '51', advanced: true }, // IV: T4 N2 M1a
      ],
      histology: { type: '4', result: '10' },
      markers: [{ marker: '5', result: '12' }],
      imaging: { method: '4', service: 'A06.09.005' },
      surgery: { ksg: 'st19.023', koefZ: '3.42', service: 'A16.09.009', bedProfile: '43' },
      drug: { scheme: 'sh0161', drugs: ['001692'], ksg: 'ds19.097', koefZ: '0.39' },
      radiation: { ksg: 'ds19.050', koefZ: '0.74', service: 'A07.30.009' },
    },
    {
      id: 'colon',
      sex: null,
      suspicion: 'K63.5',
      diagnosis: 'C18.7',
      stages: [
        { stad: '22', t: '28', n: '12', m: '5', advanced: false }, // I: T2 N0 M0
        { stad: '23', t: '29', n: '12', m: '5', advanced: false }, // IIA: T3 N0 M0
        { stad: '27', t: '29', n: '13', m: '5', advanced: false }, // IIIB: T3 N1 M0
        { stad: '303', t: '29', n: '13', m: '6', advanced: true }, // IV: T3 N1 M1
      ],
      histology: { type: '1', result: '1' },
      markers: [{ marker: '4', result: '10' }],
      imaging: { method: '2', service: 'A03.18.001' },
      surgery: { ksg: 'st19.004', koefZ: '3.05', service: 'A16.18.016', bedProfile: '44' },
      drug: { scheme: 'sh0130', drugs: ['001598', '001092', '002260'], ksg: 'ds19.097', koefZ: '0.39' },
      radiation: { ksg: 'ds19.050', koefZ: '0.74', service: 'A07.30.009' },
    },
  ] satisfies Site[] as readonly Site[],
} as const;

const C = registryDemoCodes;

// ---------------------------------------------------------------------------------------------------------
// Input and answer

/** A person of the register as the generator needs it. */
export interface RegistryPerson {
  enp: string;
  snils: string | null;
  fam: string;
  im: string;
  ot: string | null;
  sex: 1 | 2;
  /** `YYYY-MM-DD` */
  birthDate: string;
  docType: number;
  docSer: string | null;
  docNum: string;
  /** The person's СМО (F002) on the case dates; otherwise one of `smoCodes` by the person. */
  smoCode?: string;
}

/** A person of the demo register (shared/demo/persons.ts) with the СМО of the current policy. */
export function registryPersonFromDemo(g: GeneratedPerson): RegistryPerson {
  const [, enp, snils, fam, im, ot, sex, birthDate, docType, docSer, docNum] = g.person;
  const current = g.policies.find((p) => p[6] === null) ?? g.policies[g.policies.length - 1];
  return {
    enp,
    snils,
    fam,
    im,
    ot,
    sex,
    birthDate,
    docType,
    docSer,
    docNum,
    ...(current ? { smoCode: current[4] } : {}),
  };
}

export const registryFaultKinds = [
  'empty-required',
  'renamed-tag',
  'moved-tag',
  'swapped-values',
  'broken-date',
  'unknown-code',
  'duplicate-idcase',
  'missing-person',
] as const;
export type RegistryFaultKind = (typeof registryFaultKinds)[number];

export interface PackageGeneratorInput {
  seed: string;
  persons: readonly RegistryPerson[];
  /** The sending МО (F003). */
  moCode: string;
  smoCodes: readonly string[];
  /** The recipient ТФОМС's 2-digit code (default `99`, the demo region). */
  tfomsCode?: string;
  year: number;
  month: number;
  /** The packet number of the month (default 1). */
  packet?: number;
  /** Default `C`. */
  kind?: RegistryFileKind;
  count: number;
  /** Share of cases on an oncology path (default 1 for C and T, 0.05 for H, 0 for D-files). */
  oncoShare?: number;
  /** Share of adult persons with an oncology path (default 0.03). */
  cohortShare?: number;
  /** The year the oncology paths are laid out from (default `year`): packages of one history share it. */
  pathYear?: number;
  /** How many faults of each kind to inject. */
  faults?: Partial<Record<RegistryFaultKind, number>>;
  /** ZGLV/VERSION (default 3.1; 3.0 writes the old placement). */
  version?: string;
  encoding?: RegistryEncoding;
  order?: 'cases-first' | 'persons-first';
  indent?: boolean;
  level?: RegistryPackageInput['level'];
  /** СНИЛС of the МО's doctors (IDDOKT); default: ten made from the seed. */
  doctors?: readonly string[];
  /** The МО that sent the patient (NPR_MO) and the one referred to at suspicion (NAPR_MO); default `moCode`. */
  referringMoCode?: string;
  oncologyMoCode?: string;
}

/** What the protocol must name for an injected fault. */
export interface ExpectedFinding {
  code: string;
  field: string;
  basEl: string;
  /** Who finds it: the reader's structure FLK, the directory rules, or the import's set-based checks. */
  by: 'format' | 'rules' | 'import';
}

export interface InjectedFault {
  kind: RegistryFaultKind;
  /** 1-based position of the case in the file. */
  ordinal: number;
  nZap: string;
  idcase: string;
  idPac: string;
  slId?: string;
  /** The value written where it matters (the broken date, the unknown code, the repeated IDCASE …). */
  value?: string;
  /** The first is the fault's own finding; the others follow from it (a renamed tag is also a missing one). */
  expected: ExpectedFinding[];
  description: string;
}

export interface GeneratedRegistryPackage {
  name: RegistryFileName;
  /** `<name>.ZIP` and the entries' names. */
  fileName: string;
  caseFileName: string;
  personFileName: string;
  date: string;
  schet: Schet;
  caseCount: number;
  personCount: number;
  oncoCount: number;
  faults: InjectedFault[];
  /** The cases as records (faults applied where a record can carry them), made anew on each iteration. */
  cases: Iterable<Zap | RawCase>;
  persons: Iterable<Pers>;
  /** The writer's input: `registryPackageChunks(input)` streams the package. */
  input: RegistryPackageInput;
  chunks(): Generator<Uint8Array>;
  bytes(): Uint8Array;
}

// ---------------------------------------------------------------------------------------------------------
// Plans

type Step =
  | 'ordinary'
  | 'dispensary'
  | 'suspicion'
  | 'diagnosis'
  | 'surgery'
  | 'drug'
  | 'radiation'
  | 'observation'
  | 'highTech';

interface Path {
  site: Site;
  stage: Stage;
  plan: 'surgery-drug' | 'drug' | 'radiation';
  cycles: number;
  /** Absolute month index (year × 12 + month − 1) of the suspicion. */
  start: number;
}

interface CasePlan {
  person: number;
  step: Step;
  /** Months since the path's start (onco steps). */
  offset: number;
  /** Kopecks. */
  sum: number;
  rnd: Random;
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A stable UUID-like id (ID_PAC of a person at an МО). */
function pseudoUuid(text: string): string {
  const h = `${hex8(hash(`${text}:a`))}${hex8(hash(`${text}:b`))}${hex8(hash(`${text}:c`))}${hex8(hash(`${text}:d`))}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const money = (kopecks: number) => (kopecks / 100).toFixed(2);

function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const ksgSum = (koefZ: string) => Math.round(Number(C.baseRate) * Number(koefZ) * 100);

// ---------------------------------------------------------------------------------------------------------
// The generator

export function generateRegistryPackage(input: PackageGeneratorInput): GeneratedRegistryPackage {
  const kind = input.kind ?? 'C';
  const packet = input.packet ?? 1;
  const { year, month, count, persons, moCode } = input;
  if (count < 0 || count > 999_999) throw new Error('count must be 0…999,999 (IDCASE has 11 digits)');
  if (persons.length === 0) throw new Error('the generator needs persons of the register');
  if (input.smoCodes.length === 0) throw new Error('the generator needs at least one СМО code');
  const prevention = isPreventionKind(kind);
  const oncoShare = input.oncoShare ?? (kind === 'C' || kind === 'T' ? 1 : kind === 'H' ? 0.05 : 0);
  const cohortShare = input.cohortShare ?? 0.03;
  const monthIndex = year * 12 + month - 1;
  const pathStart = (input.pathYear ?? year) * 12;
  const name = registryName({
    kind,
    sourceType: 'M',
    sourceCode: moCode,
    recipientType: 'T',
    recipientCode: input.tfomsCode ?? '99',
    year,
    month,
    packet: pad2(packet),
  });
  const monthEnd = daysInMonth(year, month);
  const nextMonth = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  const date = isoDay(nextMonth.y, nextMonth.m, 5);
  const referringMo = input.referringMoCode ?? moCode;
  const oncologyMo = input.oncologyMoCode ?? moCode;
  const doctorRnd = new Random(`${input.seed}:doctors`);
  const doctors = input.doctors?.length
    ? input.doctors
    : Array.from({ length: 10 }, (_, i) =>
        makeSnils(String(300_000_000 + i * 7_919 + doctorRnd.int(0, 999))),
      );
  const idcaseOf = (ordinal: number) =>
    String(((year % 100) * 100 + month) * 10_000_000 + (packet % 10) * 1_000_000 + ordinal);
  const idPacOf = (p: number) => pseudoUuid(`${moCode}:${persons[p]!.enp}`);
  const smoOf = (p: number) =>
    persons[p]!.smoCode ?? input.smoCodes[hash(persons[p]!.enp) % input.smoCodes.length]!;

  // Paths of the cohort and who is on which step this month.
  const paths = new Map<number, Path>();
  const pools: Record<'all' | 'suspicion' | 'treatment', number[]> = {
    all: [],
    suspicion: [],
    treatment: [],
  };
  const refDay = isoDay(year, month, 1);
  for (let p = 0; p < persons.length; p++) {
    const person = persons[p]!;
    const h = hash(`${input.seed}:path:${person.enp}`);
    if ((h % 10_000) / 10_000 >= cohortShare || ageOn(person.birthDate, refDay) < 30) continue;
    const sites = C.sites.filter((s) => s.sex === null || s.sex === person.sex);
    const site = sites[(h >>> 14) % sites.length]!;
    const stage = site.stages[(h >>> 18) % site.stages.length]!;
    const plan = stage.advanced ? 'drug' : (h >>> 22) % 5 === 0 ? 'radiation' : 'surgery-drug';
    const path: Path = {
      site,
      stage,
      plan,
      cycles: 4 + ((h >>> 25) % 3),
      start: pathStart + ((h >>> 8) % 18) - 6,
    };
    paths.set(p, path);
    const offset = monthIndex - path.start;
    if (offset < 0) continue;
    pools.all.push(p);
    if (offset === 0) pools.suspicion.push(p);
    else if (offset >= 2 && stepOf(path, offset) !== 'observation') pools.treatment.push(p);
  }
  const oncoPool = kind === 'C' ? pools.all : kind === 'T' ? pools.treatment : pools.suspicion;

  function stepOf(path: Path, offset: number): Step {
    if (offset <= 0) return 'suspicion';
    if (offset === 1) return 'diagnosis';
    const t = offset - 2;
    if (path.plan === 'radiation') return t < 2 ? 'radiation' : 'observation';
    if (path.plan === 'drug') return t < path.cycles ? 'drug' : 'observation';
    if (t === 0) return 'surgery';
    return t - 1 < path.cycles ? 'drug' : 'observation';
  }

  function sumOf(step: Step, path: Path | undefined, rnd: Random): number {
    switch (step) {
      case 'ordinary':
        return rnd.int(450, 950) * 100;
      case 'dispensary':
        return 2150_00;
      case 'suspicion':
        return 620_00;
      case 'diagnosis':
        return 1840_00;
      case 'observation':
        return 910_00;
      case 'surgery':
        return ksgSum(path!.site.surgery.koefZ);
      case 'drug':
        return ksgSum(path!.site.drug.koefZ) + 36_500_00;
      case 'radiation':
        return ksgSum(path!.site.radiation.koefZ);
      case 'highTech':
        return 254_300_00;
    }
  }

  /** The case's person, step and sum, and its random stream (the details draw on from there). */
  function planOf(ordinal: number): CasePlan {
    const rnd = new Random(`${input.seed}:${name.base}:${ordinal}`);
    const onco = oncoPool.length > 0 && rnd.next() < oncoShare;
    if (onco) {
      const person = oncoPool[rnd.int(0, oncoPool.length - 1)]!;
      const path = paths.get(person)!;
      const offset = monthIndex - path.start;
      let step = kind === 'H' || prevention ? 'suspicion' : stepOf(path, offset);
      if (kind === 'T') step = 'highTech';
      return { person, step, offset, sum: sumOf(step, path, rnd), rnd };
    }
    const person = rnd.int(0, persons.length - 1);
    const step: Step = prevention ? 'dispensary' : 'ordinary';
    return { person, step, offset: 0, sum: sumOf(step, undefined, rnd), rnd };
  }

  // The first pass: SD_Z, SUMMAV, the persons the cases name.
  const used = new Uint8Array(persons.length);
  let total = 0;
  let oncoCount = 0;
  for (let i = 1; i <= count; i++) {
    const plan = planOf(i);
    used[plan.person] = 1;
    total += plan.sum;
    if (plan.step !== 'ordinary' && plan.step !== 'dispensary') oncoCount++;
  }
  const personCount = used.reduce((n, u) => n + u, 0);

  const schet = {
    CODE: String((year % 100) * 10_000 + month * 100 + (packet % 100)),
    CODE_MO: moCode,
    YEAR: String(year),
    MONTH: String(month),
    NSCHET: `${moCode}-${pad2(year % 100)}${pad2(month)}-${pad2(packet % 100)}`,
    DSCHET: date,
    SUMMAV: money(total),
    ...(prevention && C.disp[kind] ? { DISP: C.disp[kind] } : {}),
  } as Schet;

  // Faults: distinct cases (not the first: a repeated IDCASE needs one before it), fixed before any case is made.
  const faultAt = new Map<number, { kind: RegistryFaultKind; variant: number }>();
  const faultRnd = new Random(`${input.seed}:${name.base}:faults`);
  for (const k of registryFaultKinds) {
    const n = input.faults?.[k] ?? 0;
    for (let v = 0; v < n; v++) {
      if (faultAt.size >= count - 1) throw new Error('more faults than cases (the first case carries none)');
      let at = faultRnd.int(2, count);
      while (faultAt.has(at)) at = at >= count ? 2 : at + 1;
      faultAt.set(at, { kind: k, variant: v });
    }
  }
  const faults: InjectedFault[] = [...faultAt.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([ordinal, f]) => describeFault(ordinal, f.kind, f.variant));

  function hasOnkSl(step: Step) {
    return step !== 'ordinary' && step !== 'dispensary' && step !== 'suspicion';
  }

  function describeFault(ordinal: number, k: RegistryFaultKind, variant: number): InjectedFault {
    const plan = planOf(ordinal);
    const idcase = idcaseOf(ordinal);
    const base = { kind: k, ordinal, nZap: String(ordinal), idcase, idPac: idPacOf(plan.person) };
    const slId = `${idcase}-1`;
    const fmt = (code: string, field: string, basEl: string): ExpectedFinding => ({
      code,
      field,
      basEl,
      by: 'format',
    });
    const onk = hasOnkSl(plan.step);
    switch (k) {
      case 'empty-required': {
        const [basEl, field] = (
          [
            ['SL', 'DS1'],
            ['SL', 'NHISTORY'],
            ['Z_SL', 'DATE_Z_1'],
            ['PACIENT', 'NPOLIS'],
          ] as const
        )[variant % 4]!;
        return {
          ...base,
          ...(basEl === 'SL' ? { slId } : {}),
          expected: [fmt('902', field, basEl)],
          description: `${basEl}/${field} written empty`,
        };
      }
      case 'renamed-tag': {
        const [basEl, field, renamed] = (
          [
            ['SL', 'DS1', 'DS_1'],
            ['Z_SL', 'DATE_Z_2', 'DATE_Z2'],
            ['PACIENT', 'NPOLIS', 'N_POLIS'],
          ] as const
        )[variant % 3]!;
        return {
          ...base,
          ...(basEl === 'SL' ? { slId } : {}),
          value: renamed,
          expected: [fmt('901', field, basEl), fmt('901', renamed, basEl)],
          description: `${basEl}/${field} renamed to ${renamed} (unknown ${renamed}, missing ${field})`,
        };
      }
      case 'moved-tag': {
        const onco = variant % 2 === 1 && onk;
        const [from, field, to] = onco
          ? (['ONK_SL', 'DS1_T', 'SL'] as const)
          : (['SL', 'PROFIL', 'Z_SL'] as const);
        return {
          ...base,
          ...(to === 'SL' || from === 'SL' ? { slId } : {}),
          expected: [fmt('901', field, to), fmt('901', field, from)],
          description: `${from}/${field} moved up into ${to} (unknown there, missing in ${from})`,
        };
      }
      case 'swapped-values':
        return {
          ...base,
          slId,
          expected: [fmt('903', 'PROFIL', 'SL'), fmt('903', 'DATE_1', 'SL')],
          description: 'SL/PROFIL and SL/DATE_1 swapped (a date in a code, a code in a date)',
        };
      case 'broken-date': {
        const [basEl, field] =
          variant % 2 === 0 ? (['Z_SL', 'DATE_Z_2'] as const) : (['SL', 'DATE_2'] as const);
        return {
          ...base,
          ...(basEl === 'SL' ? { slId } : {}),
          value: `${year}-02-31`,
          expected: [fmt('903', field, basEl)],
          description: `${basEl}/${field} = ${year}-02-31 (no such day)`,
        };
      }
      case 'unknown-code': {
        const onco = variant % 2 === 1 && onk;
        const [basEl, field, value, directory] = onco
          ? (['ONK_SL', 'STAD', '9999', 'N002'] as const)
          : (['SL', 'PROFIL', '999', 'V002'] as const);
        return {
          ...base,
          slId,
          value,
          expected: [{ code: '904', field, basEl, by: 'rules' }],
          description: `${basEl}/${field} = ${value}, not in ${directory}`,
        };
      }
      case 'duplicate-idcase':
        return {
          ...base,
          idcase: idcaseOf(ordinal - 1),
          value: idcaseOf(ordinal - 1),
          expected: [{ code: '905', field: 'IDCASE', basEl: 'Z_SL', by: 'import' }],
          description: `Z_SL/IDCASE repeats the IDCASE of case ${ordinal - 1}`,
        };
      case 'missing-person': {
        const idPac = pseudoUuid(`${moCode}:missing:${name.base}:${ordinal}`);
        return {
          ...base,
          idPac,
          value: idPac,
          expected: [{ code: '904', field: 'ID_PAC', basEl: 'PACIENT', by: 'import' }],
          description: 'PACIENT/ID_PAC names no PERS of the L-file',
        };
      }
    }
  }

  // ---- one case

  /**
   * The V009 result of an examination case (`Z_SL/RSLT`) and its refusal (`P_OTK`), by position so the random
   * sequence of the other fields stays as it was: every tenth case refused, the rest cycling the type's results.
   */
  function examResult(ordinal: number): { RSLT?: string; P_OTK?: string } {
    if (ordinal % 10 === 0) return { P_OTK: '1' };
    const results = C.examResults[C.disp[kind] ?? ''] ?? [];
    return results.length > 0 ? { RSLT: results[ordinal % results.length]! } : {};
  }

  function buildCase(ordinal: number): Record<string, unknown> {
    const plan = planOf(ordinal);
    const { rnd, step } = plan;
    const person = persons[plan.person]!;
    const path = paths.get(plan.person);
    const idcase = idcaseOf(ordinal);
    const doctor = doctors[rnd.int(0, doctors.length - 1)]!;
    const stay =
      step === 'surgery' || step === 'highTech'
        ? rnd.int(6, 11)
        : step === 'drug' || step === 'radiation'
          ? rnd.int(0, 2)
          : 0;
    const firstDay = rnd.int(1, monthEnd - stay);
    const d1 = isoDay(year, month, firstDay);
    const d2 = isoDay(year, month, firstDay + stay);
    const child = ageOn(person.birthDate, d1) < 18;
    const sum = money(plan.sum);
    const condition =
      step === 'surgery' || step === 'highTech'
        ? C.conditions.inpatient
        : step === 'drug' || step === 'radiation'
          ? C.conditions.dayStationary
          : C.conditions.ambulatory;
    const ambulatory = condition === C.conditions.ambulatory;
    const onco = step !== 'ordinary' && step !== 'dispensary';
    const oncologist = onco && step !== 'suspicion';

    const service = (code: string, extra: Record<string, unknown> = {}) => ({
      IDSERV: `${idcase}-1-1`,
      LPU: moCode,
      PROFIL: oncologist ? C.profiles.oncology : child ? C.profiles.pediatrics : C.profiles.therapy,
      ...extra,
      DET: child ? '1' : '0',
      DATE_IN: d1,
      DATE_OUT: d2,
      CODE_USL: code,
      KOL_USL: '1.00',
      TARIF: sum,
      SUMV_USL: sum,
      CODE_MD: doctor,
    });

    const sl: Record<string, unknown> = {
      SL_ID: `${idcase}-1`,
      ...(step === 'highTech' ? { VID_HMP: C.highTech.kind, METOD_HMP: C.highTech.method } : {}),
      PROFIL: oncologist ? C.profiles.oncology : child ? C.profiles.pediatrics : C.profiles.therapy,
      ...(condition !== C.conditions.ambulatory
        ? {
            PROFIL_K:
              step === 'radiation' || step === 'highTech'
                ? C.bedProfiles.radiology
                : (path?.site.surgery.bedProfile ?? '42'),
          }
        : {}),
      DET: child ? '1' : '0',
      ...(ambulatory && !prevention
        ? {
            P_CEL:
              step === 'observation'
                ? C.purposes.dispensary
                : step === 'diagnosis'
                  ? C.purposes.appeal
                  : C.purposes.disease,
          }
        : {}),
      ...(step === 'highTech'
        ? {
            TAL_D: isoDay(year, month, Math.max(1, firstDay - 10)),
            TAL_NUM: `${moCode}.${idcase}`,
            TAL_P: isoDay(year, month, Math.max(1, firstDay - 3)),
          }
        : {}),
      NHISTORY: `${year % 100}-${ordinal}`,
      DATE_1: d1,
      DATE_2: d2,
      ...(condition !== C.conditions.ambulatory ? { KD: String(Math.max(1, stay)) } : {}),
      DS1: '',
      DS_ONK: step === 'suspicion' ? '1' : '0',
      PRVS: oncologist
        ? step === 'radiation' || step === 'highTech'
          ? C.specialities.radiotherapist
          : C.specialities.oncologist
        : child
          ? C.specialities.pediatrician
          : C.specialities.therapist,
      VERS_SPEC: C.specialityDirectory,
      IDDOKT: doctor,
      ED_COL: '1.00',
      TARIF: sum,
      SUM_M: sum,
    };

    let usl: Record<string, unknown>;
    switch (step) {
      case 'ordinary': {
        sl.DS1 = rnd.pick(C.ordinary);
        sl.C_ZAB = rnd.chance(0.3) ? C.character.acute : C.character.knownChronic;
        usl = service(child ? C.visits.pediatrician : C.visits.therapist);
        break;
      }
      case 'dispensary': {
        sl.DS1 = C.dispensarisation;
        usl = service(child ? C.visits.pediatrician : C.visits.therapist);
        break;
      }
      case 'suspicion': {
        const site = path!.site;
        sl.DS1 = site.suspicion;
        sl.C_ZAB = C.character.firstChronic;
        sl.NAPR = [
          { NAPR_DATE: d1, NAPR_MO: oncologyMo, NAPR_V: C.referral.toOncologist },
          {
            NAPR_DATE: d1,
            NAPR_V: C.referral.forTests,
            MET_ISSL: site.imaging.method,
            NAPR_USL: site.imaging.service,
          },
        ];
        usl = service(child ? C.visits.pediatrician : C.visits.therapist);
        break;
      }
      default: {
        const { site, stage } = path!;
        sl.DS1 = site.diagnosis;
        // The character of the disease, whatever the conditions of care (the FLK asks it of every ЗНО case).
        sl.C_ZAB = step === 'diagnosis' ? C.character.firstChronic : C.character.knownChronic;
        if (step === 'observation') sl.DN = '1';
        sl.CONS = [
          step === 'observation'
            ? { PR_CONS: C.consilium.none }
            : { PR_CONS: C.consilium.treatmentTactics, DT_CONS: d1 },
        ];
        const onkSl: Record<string, unknown> = {
          DS1_T:
            step === 'diagnosis'
              ? C.reasons.diagnostics
              : step === 'observation'
                ? C.reasons.observation
                : C.reasons.firstTreatment,
          STAD: stage.stad,
        };
        if (onkSl.DS1_T === C.reasons.firstTreatment) {
          onkSl.ONK_T = stage.t;
          onkSl.ONK_N = stage.n;
          onkSl.ONK_M = stage.m;
        }
        if (step !== 'observation') {
          onkSl.B_DIAG = [
            {
              DIAG_DATE: d1,
              DIAG_TIP: '1',
              DIAG_CODE: site.histology.type,
              DIAG_RSLT: site.histology.result,
              REC_RSLT: '1',
            },
            ...(step === 'diagnosis'
              ? site.markers.map((m) => ({
                  DIAG_DATE: d1,
                  DIAG_TIP: '2',
                  DIAG_CODE: m.marker,
                  DIAG_RSLT: m.result,
                  REC_RSLT: '1',
                }))
              : []),
          ];
        }
        const ksg = (code: string, koefZ: string, crit: string[] = []) => ({
          N_KSG: code,
          VER_KSG: String(year),
          KSG_PG: '0',
          KOEF_Z: koefZ,
          KOEF_UP: '1',
          BZTSZ: C.baseRate,
          KOEF_D: '1',
          KOEF_U: '1',
          CRIT: crit,
          SL_K: '0',
        });
        switch (step) {
          case 'surgery':
            onkSl.ONK_USL = [{ USL_TIP: C.services.surgery, HIR_TIP: C.surgeryType.primaryTumour }];
            if (rnd.chance(0.1)) onkSl.B_PROT = [{ PROT: C.refusal.radiation, D_PROT: d1 }];
            sl.KSG_KPG = ksg(site.surgery.ksg, site.surgery.koefZ);
            usl = service(site.surgery.service, { VID_VME: site.surgery.service });
            break;
          case 'drug': {
            const cycleStart = path!.plan === 'drug' ? 2 : 3;
            const cycle = plan.offset - cycleStart + 1;
            const weight = 55 + (hash(person.enp) % 40);
            const height = 150 + (hash(`${person.enp}:h`) % 40);
            onkSl.WEI = `${weight}.0`;
            onkSl.HEI = String(height);
            onkSl.BSA = Math.sqrt((weight * height) / 3600).toFixed(2);
            onkSl.ONK_USL = [
              {
                USL_TIP: C.services.drug,
                LEK_TIP_L: path!.plan === 'drug' ? C.drugLine.first : C.drugLine.adjuvant,
                LEK_TIP_V:
                  cycle <= 1
                    ? C.drugCycle.first
                    : cycle >= path!.cycles
                      ? C.drugCycle.lastCompleted
                      : C.drugCycle.next,
                LEK_PR: site.drug.drugs.map((regnum) => ({
                  REGNUM: regnum,
                  CODE_SH: site.drug.scheme,
                  DATE_INJ: [d1],
                })),
                PPTR: '1',
              },
            ];
            sl.KSG_KPG = ksg(site.drug.ksg, site.drug.koefZ, [site.drug.scheme]);
            usl = service(C.drugInjection);
            break;
          }
          case 'radiation':
          case 'highTech':
            onkSl.SOD = step === 'highTech' ? '60.00' : '50.00';
            onkSl.K_FR = step === 'highTech' ? '30' : '25';
            onkSl.ONK_USL = [{ USL_TIP: C.services.radiation, LUCH_TIP: C.radiationType.primaryTumour }];
            if (step === 'radiation') sl.KSG_KPG = ksg(site.radiation.ksg, site.radiation.koefZ);
            usl = service(site.radiation.service, { VID_VME: site.radiation.service });
            break;
          default:
            usl = service(step === 'diagnosis' ? C.visits.oncologist : C.visits.oncologistAgain);
        }
        sl.ONK_SL = onkSl;
      }
    }
    usl.DS = sl.DS1;
    usl.PRVS = sl.PRVS;
    sl.USL = [usl];

    const inpatient = condition === C.conditions.inpatient;
    const day = condition === C.conditions.dayStationary;
    const zSl: Record<string, unknown> = {
      IDCASE: idcase,
      USL_OK: condition,
      VIDPOM:
        step === 'highTech'
          ? C.careKinds.highTech
          : inpatient || day
            ? C.careKinds.specialised
            : oncologist
              ? C.careKinds.primarySpecialist
              : C.careKinds.primaryDoctor,
      FOR_POM: C.forms.planned,
      ...(inpatient || day || oncologist
        ? { NPR_MO: referringMo, NPR_DATE: isoDay(year, month, Math.max(1, firstDay - rnd.int(1, 10))) }
        : {}),
      LPU: moCode,
      DATE_Z_1: d1,
      DATE_Z_2: d2,
      ...(inpatient || day ? { KD_Z: String(Math.max(1, stay)) } : {}),
      ...(prevention
        ? { RSLT_D: rnd.pick(C.dispResults), ...examResult(ordinal) }
        : {
            RSLT: inpatient
              ? C.results.inpatient
              : day
                ? C.results.dayStationary
                : step === 'observation' || step === 'suspicion'
                  ? C.results.ambulatoryContinued
                  : C.results.ambulatoryDone,
            ISHOD: inpatient
              ? C.outcomes.inpatient
              : day
                ? C.outcomes.dayStationary
                : step === 'ordinary'
                  ? C.outcomes.ambulatoryBetter
                  : C.outcomes.ambulatorySame,
          }),
      SL: [sl],
      IDSP:
        inpatient || day
          ? C.payment.ksg
          : sl.P_CEL === C.purposes.appeal
            ? C.payment.appeal
            : C.payment.visit,
      SUMV: sum,
    };
    const pacient: Record<string, unknown> = {
      ID_PAC: idPacOf(plan.person),
      VPOLIS: C.policyType,
      NPOLIS: person.enp,
      ...(prevention ? { ENP: person.enp } : {}),
      SMO: smoOf(plan.person),
      NOVOR: '0',
    };
    return { N_ZAP: String(ordinal), PR_NOV: '0', PACIENT: pacient, Z_SL: zSl };
  }

  /** Applies a fault: to the record where a record can carry it, else to its XML. */
  function faulty(record: Record<string, unknown>, fault: InjectedFault): Zap | RawCase {
    const zSl = record.Z_SL as Record<string, unknown>;
    const sl = (zSl.SL as Record<string, unknown>[])[0]!;
    const pacient = record.PACIENT as Record<string, unknown>;
    const parents: Record<string, Record<string, unknown>> = { SL: sl, Z_SL: zSl, PACIENT: pacient };
    const main = fault.expected[0]!;
    const asZap = () => withEmptyLists<Zap>(zap, record);
    switch (fault.kind) {
      case 'empty-required':
        parents[main.basEl]![main.field] = '';
        return asZap();
      case 'swapped-values': {
        const profil = sl.PROFIL;
        sl.PROFIL = sl.DATE_1;
        sl.DATE_1 = profil;
        return asZap();
      }
      case 'broken-date':
        parents[main.basEl]![main.field] = fault.value;
        return asZap();
      case 'unknown-code':
        if (main.basEl === 'ONK_SL') (sl.ONK_SL as Record<string, unknown>).STAD = fault.value;
        else sl.PROFIL = fault.value;
        return asZap();
      case 'duplicate-idcase':
        zSl.IDCASE = fault.value;
        return asZap();
      case 'missing-person':
        pacient.ID_PAC = fault.value;
        return asZap();
      case 'renamed-tag': {
        const xml = zapXml(asZap(), { version: input.version, indent: input.indent ?? false });
        const field = main.field;
        return {
          xml: xml.replace(`<${field}>`, `<${fault.value}>`).replace(`</${field}>`, `</${fault.value}>`),
        };
      }
      case 'moved-tag': {
        const xml = zapXml(asZap(), { version: input.version, indent: input.indent ?? false });
        const [field, into] = [main.field, main.basEl];
        const anchor = `<${into === 'SL' ? 'ONK_SL' : 'SL'}>`;
        const at = xml.indexOf(anchor);
        const from = xml.indexOf(`<${field}>`, at);
        const to = xml.indexOf(`</${field}>`, from) + field.length + 3;
        const element = xml.slice(from, to);
        const without = xml.slice(0, from) + xml.slice(to);
        return { xml: without.slice(0, at) + element + without.slice(at) };
      }
    }
  }

  const faultByOrdinal = new Map(faults.map((f) => [f.ordinal, f]));

  function* cases(): Generator<Zap | RawCase> {
    for (let i = 1; i <= count; i++) {
      const record = buildCase(i);
      const fault = faultByOrdinal.get(i);
      yield fault ? faulty(record, fault) : withEmptyLists<Zap>(zap, record);
    }
  }

  function* personRecords(): Generator<Pers> {
    for (let p = 0; p < persons.length; p++) {
      if (!used[p]) continue;
      const person = persons[p]!;
      yield withEmptyLists<Pers>(pers, {
        ID_PAC: idPacOf(p),
        FAM: person.fam,
        IM: person.im,
        ...(person.ot ? { OT: person.ot } : {}),
        W: String(person.sex),
        DR: person.birthDate,
        DOST: person.ot ? [] : ['1'],
        DOCTYPE: String(person.docType),
        ...(person.docSer ? { DOCSER: person.docSer } : {}),
        DOCNUM: person.docNum,
        ...(person.snils ? { SNILS: person.snils } : {}),
      });
    }
  }

  const writerInput: RegistryPackageInput = {
    name,
    ...(input.version ? { version: input.version } : {}),
    date,
    schet,
    caseCount: count,
    cases: { [Symbol.iterator]: cases },
    persons: { [Symbol.iterator]: personRecords },
    ...(input.encoding ? { encoding: input.encoding } : {}),
    ...(input.order ? { order: input.order } : {}),
    ...(input.indent ? { indent: input.indent } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
  };
  const names = registryPackageNames(writerInput);
  return {
    name,
    fileName: names.fileName,
    caseFileName: names.caseEntry,
    personFileName: names.personEntry,
    date,
    schet,
    caseCount: count,
    personCount,
    oncoCount,
    faults,
    cases: writerInput.cases,
    persons: writerInput.persons,
    input: writerInput,
    chunks: () => registryPackageChunks(writerInput),
    bytes: () => writeRegistryPackage(writerInput).bytes,
  };
}
