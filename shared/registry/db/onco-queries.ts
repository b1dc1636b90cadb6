import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { OncoCriteria } from '../domain/onco-criteria';
import type { OncoListSort } from '../domain/onco-criteria-params';
import { isOncologyProfile, oncologyProfiles } from '../domain/onco-profiles';
import {
  dispensaryTimeliness,
  type PersonTimeliness,
  personTimeliness,
  referralTimeliness,
  type Timeliness,
} from '../domain/onco-timeliness';
import type { Cons, Napr, OnkUsl } from '../domain/registry-tags';
import { criteriaCondition } from './onco-criteria-sql';
import { type Coded, NameBook, type OrgRef } from './onco-names';

export type { Coded, OrgRef };

/** The person as the register's lists and cards show them (as the other lists do: hospitalisation views). */
export interface OncoPersonBrief {
  id: string;
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
}

/** One row of the register's list: the person, the diagnosis, the stage, the dates and their timeliness. */
export interface OncoPersonRow {
  person: OncoPersonBrief;
  /** The first ЗНО diagnosis (МКБ-10) and its day. */
  diagnosis: Coded | null;
  diagnosisDate: string | null;
  /** The latest ЗНО diagnosis and the latest stage recorded (N002). */
  lastDiagnosis: Coded | null;
  stage: Coded | null;
  suspicionDate: string | null;
  treatmentDate: string | null;
  lastDate: string;
  firstDetected: boolean;
  cases: number;
  /** The МО that sent the person's onco cases. */
  organisations: OrgRef[];
  timeliness: PersonTimeliness;
}

export interface OncoPage<T> {
  items: T[];
  hasMore: boolean;
  page: number;
  pageSize: number;
}

export interface OncoListPage {
  page: number;
  pageSize: number;
  sort: OncoListSort;
}

/** Today as `YYYY-MM-DD` (the date the timeliness is judged on). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The ids of a page of the register (one row more than the page tells whether another follows — never a count
 * of the caller's scope), chosen on registry.onco_person alone under row-level security in last-date order; each
 * case condition probes the person's onco cases (onco-criteria-sql.ts).
 */
export async function oncoPersonIds(
  tx: Tx,
  criteria: OncoCriteria,
  rows: { limit: number; offset: number; sort: OncoListSort },
  today: string,
): Promise<string[]> {
  // onco_person_last_date is (last_date desc, person_id): read forwards or backwards, it stops after the page.
  const order =
    rows.sort === '-lastDate' ? tx`op.last_date desc, op.person_id` : tx`op.last_date, op.person_id desc`;
  const found = await tx<{ id: string }[]>`
    select op.person_id::text as id from registry.onco_person op
    where ${criteriaCondition(tx, criteria, today)}
    order by ${order} limit ${rows.limit} offset ${rows.offset}`;
  return found.map((r) => r.id);
}

interface RegisterRow {
  id: string;
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
  diagnosis: string | null;
  diagnosisName: string | null;
  diagnosisDate: string | null;
  lastDiagnosis: string | null;
  lastDiagnosisName: string | null;
  stage: number | null;
  stageName: string | null;
  suspicionDate: string | null;
  treatmentDate: string | null;
  lastDate: string;
  firstDetected: boolean;
  cases: number;
  organisations: OrgRef[];
}

/**
 * The register's rows of these persons in the order given, with the МКБ-10 and N002 names and the МО names
 * joined once per page (a fixed statement over `unnest(ids)`, its plan cached per connection).
 */
export async function showOncoPersons(
  tx: Tx,
  ids: readonly string[],
  today: string,
): Promise<OncoPersonRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx<RegisterRow[]>`
    select p.id::text, p.enp, p.fam, p.im, p.ot, p.birth_date as "birthDate", p.sex,
           op.diagnosis, d1.name as "diagnosisName", op.diagnosis_date as "diagnosisDate",
           op.last_diagnosis as "lastDiagnosis", d2.name as "lastDiagnosisName",
           op.last_stage as stage, st.name as "stageName",
           op.suspicion_date as "suspicionDate", op.treatment_date as "treatmentDate", op.last_date as "lastDate",
           op.first_detected as "firstDetected", op.cases,
           coalesce(m.organisations, '[]') as organisations
    from unnest(${ids}::bigint[]) with ordinality as page (id, n)
    join registry.onco_person op on op.person_id = page.id
    join person.person p on p.id = op.person_id
    left join lateral nsi.record_name_on('MKB10', op.diagnosis, op.diagnosis_date) d1 on true
    left join lateral nsi.record_name_on('MKB10', op.last_diagnosis, op.last_date) d2 on true
    left join lateral nsi.record_name_on('N002', op.last_stage::text, op.last_date) st on true
    left join lateral (
      select json_agg(json_build_object('code', c.code, 'name', o.short_name) order by c.n) as organisations
      from unnest(op.mo_codes) with ordinality as c (code, n)
      left join org.organisation o on o.code = c.code) m on true
    order by page.n`;
  return rows.map((r) => ({
    person: { id: r.id, enp: r.enp, fam: r.fam, im: r.im, ot: r.ot, birthDate: r.birthDate, sex: r.sex },
    diagnosis: r.diagnosis === null ? null : { code: r.diagnosis, name: r.diagnosisName },
    diagnosisDate: r.diagnosisDate,
    lastDiagnosis: r.lastDiagnosis === null ? null : { code: r.lastDiagnosis, name: r.lastDiagnosisName },
    stage: r.stage === null ? null : { code: String(r.stage), name: r.stageName },
    suspicionDate: r.suspicionDate,
    treatmentDate: r.treatmentDate,
    lastDate: r.lastDate,
    firstDetected: r.firstDetected,
    cases: r.cases,
    organisations: r.organisations,
    timeliness: personTimeliness(r, today),
  }));
}

/**
 * A page of the register by criteria within the caller's scope (row-level security: an МО sees the persons it
 * treated or has attached, an СМО its insured, ТФОМС the region), audited with the persons shown.
 */
export async function listOncoPersons(
  tx: Tx,
  criteria: OncoCriteria,
  page: OncoListPage,
  options: { today?: string } = {},
): Promise<OncoPage<OncoPersonRow>> {
  const today = options.today ?? todayIso();
  const ids = await oncoPersonIds(
    tx,
    criteria,
    { limit: page.pageSize + 1, offset: (page.page - 1) * page.pageSize, sort: page.sort },
    today,
  );
  const items = await showOncoPersons(tx, ids.slice(0, page.pageSize), today);
  await audit(
    tx,
    'read',
    'onco.person',
    { persons: items.map((i) => i.person.id) },
    { list: true, criteria, page: page.page },
  );
  return { items, hasMore: ids.length > page.pageSize, page: page.page, pageSize: page.pageSize };
}

// ─── the timeline of one person ─────────────────────────────────────────────────────────────────────────────

export interface TimelineService {
  id: string;
  slId: string;
  idserv: string;
  mo: OrgRef | null;
  profile: Coded | null;
  oncologyProfile: boolean;
  dateIn: string;
  dateOut: string;
  diagnosis: Coded | null;
  /** CODE_USL (the region's tariff code) and VID_VME (V001, not in НСИ here: code only). */
  code: string;
  vidVme: string | null;
  quantity: string;
  amount: string;
  specialty: Coded | null;
  doctor: string | null;
}

export interface TimelineReferral {
  date: string;
  mo: OrgRef | null;
  kind: Coded | null;
  method: Coded | null;
  /** NAPR_USL (V001): code only. */
  service: string | null;
  timeliness: Timeliness | null;
}

export interface TimelineOncoBlock {
  reason: Coded | null;
  stage: Coded | null;
  tnm: { t: Coded | null; n: Coded | null; m: Coded | null };
  distantMetastases: boolean | null;
  /** SOD (Гр), K_FR, WEI (кг), HEI (см), BSA (м²). */
  totalDose: string | null;
  fractions: number | null;
  weight: string | null;
  height: number | null;
  bodySurface: string | null;
  diagnostics: {
    date: string;
    type: number;
    typeName: string;
    code: Coded | null;
    result: Coded | null;
    resultReceived: boolean;
  }[];
  refusals: { reason: Coded | null; date: string }[];
  services: {
    type: Coded | null;
    surgery: Coded | null;
    line: Coded | null;
    cycle: Coded | null;
    radiation: Coded | null;
    nauseaPrevention: boolean;
    drugs: { drug: Coded | null; scheme: Coded | null; dates: string[] }[];
  }[];
}

export interface TimelineSl {
  id: string;
  slId: string;
  mo: OrgRef | null;
  department: string | null;
  profile: Coded | null;
  oncologyProfile: boolean;
  bedProfile: Coded | null;
  dateFrom: string;
  dateTo: string;
  history: string;
  diagnosis: Coded | null;
  preliminaryDiagnosis: Coded | null;
  concomitant: (Coded | null)[];
  complications: (Coded | null)[];
  /** C_ZAB (V027); firstDetected: C_ZAB = 2. */
  character: Coded | null;
  firstDetected: boolean;
  /** DS_ONK = 1. */
  suspicion: boolean;
  /** DN: 1 состоит, 2 взят, 4 снят по выздоровлению, 6 снят по другим причинам. */
  dispensary: number | null;
  specialty: Coded | null;
  doctor: string | null;
  amount: string;
  referrals: TimelineReferral[];
  consilia: { purpose: Coded | null; date: string | null }[];
  onco: TimelineOncoBlock | null;
  treatmentDate: string | null;
  services: TimelineService[];
}

export interface TimelineCase {
  id: string;
  mo: OrgRef | null;
  idcase: string;
  fileKind: string;
  period: string;
  conditions: Coded | null;
  kind: Coded | null;
  form: Coded | null;
  referredBy: { mo: OrgRef | null; date: string | null } | null;
  dateFrom: string;
  dateTo: string;
  result: Coded | null;
  outcome: Coded | null;
  smo: OrgRef | null;
  amount: string;
  onco: boolean;
  sl: TimelineSl[];
}

export interface OncoRegisterEntry {
  suspicionDate: string | null;
  diagnosisDate: string | null;
  diagnosis: Coded | null;
  treatmentDate: string | null;
  lastDiagnosis: Coded | null;
  stage: Coded | null;
  firstDetected: boolean;
  lastDate: string;
  cases: number;
  organisations: OrgRef[];
}

export interface OncoTimeline {
  person: OncoPersonBrief;
  /** The person's row of the register; null when none of their cases is an onco case. */
  register: OncoRegisterEntry | null;
  timeliness: PersonTimeliness & { dispensary: Timeliness | null };
  cases: TimelineCase[];
}

export type TimelineCases = 'all' | 'onco' | 'oncologyProfile';

interface ZcaseRow {
  id: string;
  mo_code: string;
  idcase: string;
  file_kind: string;
  period_year: number;
  period_month: number;
  usl_ok: number;
  vidpom: number;
  for_pom: number;
  npr_mo: string | null;
  npr_date: string | null;
  date_z_1: string;
  date_z_2: string;
  rslt: number | null;
  rslt_d: number | null;
  ishod: number | null;
  smo_code: string | null;
  sumv: string;
  onco: boolean;
}

interface SlRow {
  id: string;
  zcase_id: string;
  mo_code: string;
  sl_id: string;
  podr: string | null;
  profil: number;
  profil_k: number | null;
  nhistory: string;
  date_1: string;
  date_2: string;
  ds0: string | null;
  ds1: string;
  ds2: string[];
  ds3: string[];
  c_zab: number | null;
  ds_onk: number;
  dn: number | null;
  prvs: number;
  iddokt: string | null;
  sum_m: string;
  onco: boolean;
  zno: boolean;
  ds1_t: number | null;
  stad: number | null;
  onk_t: number | null;
  onk_n: number | null;
  onk_m: number | null;
  mtstz: number | null;
  sod: string | null;
  k_fr: number | null;
  wei: string | null;
  hei: number | null;
  bsa: string | null;
  napr: Napr[];
  cons: Cons[];
  b_diag: { DIAG_DATE: string; DIAG_TIP: string; DIAG_CODE: string; DIAG_RSLT?: string; REC_RSLT?: string }[];
  b_prot: { PROT: string; D_PROT: string }[];
  onk_usl: OnkUsl[];
  treatment_date: string | null;
}

interface UslRow {
  id: string;
  sl_ref: string;
  idserv: string;
  lpu: string;
  profil: number;
  vid_vme: string | null;
  date_in: string;
  date_out: string;
  ds: string | null;
  code_usl: string;
  kol_usl: string;
  sumv_usl: string;
  prvs: number | null;
  code_md: string | null;
}

const diagnosticTypeNames: Record<string, string> = {
  '1': 'Гистологический признак',
  '2': 'Маркёр (ИГХ)',
};

/** The person, if the caller may see them (row-level security of person.person). */
async function visiblePerson(tx: Tx, personId: string): Promise<OncoPersonBrief | null> {
  const [person] = await tx<OncoPersonBrief[]>`
    select p.id::text, p.enp, p.fam, p.im, p.ot, p.birth_date as "birthDate", p.sex
    from person.person p where p.id = ${personId}`;
  return person ?? null;
}

function serviceOf(book: NameBook, u: UslRow): TimelineService {
  return {
    id: u.id,
    slId: u.sl_ref,
    idserv: u.idserv,
    mo: book.org(u.lpu),
    profile: book.code('V002', u.profil, u.date_in),
    oncologyProfile: isOncologyProfile(u.profil),
    dateIn: u.date_in,
    dateOut: u.date_out,
    diagnosis: book.code('MKB10', u.ds, u.date_in),
    code: u.code_usl,
    vidVme: u.vid_vme,
    quantity: u.kol_usl,
    amount: u.sumv_usl,
    specialty: book.code('V021', u.prvs, u.date_in),
    doctor: u.code_md,
  };
}

function oncoBlockOf(book: NameBook, s: SlRow): TimelineOncoBlock | null {
  const has =
    s.ds1_t !== null || s.b_diag.length > 0 || s.b_prot.length > 0 || s.onk_usl.length > 0 || s.stad !== null;
  if (!has) return null;
  const day = s.date_1;
  return {
    reason: book.code('N018', s.ds1_t, day),
    stage: book.code('N002', s.stad, day),
    tnm: {
      t: book.code('N003', s.onk_t, day),
      n: book.code('N004', s.onk_n, day),
      m: book.code('N005', s.onk_m, day),
    },
    distantMetastases: s.mtstz === null ? null : s.mtstz === 1,
    totalDose: s.sod,
    fractions: s.k_fr,
    weight: s.wei,
    height: s.hei,
    bodySurface: s.bsa,
    diagnostics: s.b_diag.map((d) => {
      const histology = d.DIAG_TIP === '1' || Number(d.DIAG_TIP) === 1;
      return {
        date: d.DIAG_DATE,
        type: Number(d.DIAG_TIP),
        typeName: diagnosticTypeNames[String(Number(d.DIAG_TIP))] ?? 'Диагностический показатель',
        code: book.code(histology ? 'N007' : 'N010', d.DIAG_CODE, d.DIAG_DATE),
        result: book.code(histology ? 'N008' : 'N011', d.DIAG_RSLT, d.DIAG_DATE),
        resultReceived: d.REC_RSLT !== undefined && Number(d.REC_RSLT) === 1,
      };
    }),
    refusals: s.b_prot.map((p) => ({ reason: book.code('N001', p.PROT, p.D_PROT), date: p.D_PROT })),
    services: s.onk_usl.map((u) => ({
      type: book.code('N013', u.USL_TIP, day),
      surgery: book.code('N014', u.HIR_TIP, day),
      line: book.code('N015', u.LEK_TIP_L, day),
      cycle: book.code('N016', u.LEK_TIP_V, day),
      radiation: book.code('N017', u.LUCH_TIP, day),
      nauseaPrevention: u.PPTR !== undefined && Number(u.PPTR) === 1,
      drugs: (u.LEK_PR ?? []).map((drug) => {
        const first = [...drug.DATE_INJ].sort()[0] ?? day;
        return {
          drug: book.code('N020', drug.REGNUM, first),
          scheme: book.code('V024', drug.CODE_SH, first),
          dates: [...drug.DATE_INJ].sort(),
        };
      }),
    })),
  };
}

/**
 * A person's whole history in the region as a timeline: every case (ZAP) with its SL and services, in date
 * order, each onco field group with its НСИ names (codes kept beside them), the МО and СМО names, and the
 * timeliness of each step. Null when the person is outside the caller's scope (or does not exist). Audited.
 */
export async function oncoPersonTimeline(
  tx: Tx,
  personId: string,
  options: { today?: string; cases?: TimelineCases } = {},
): Promise<OncoTimeline | null> {
  const today = options.today ?? todayIso();
  const person = await visiblePerson(tx, personId);
  if (!person) return null;
  const [zcases, sls, usls, registerRows] = await Promise.all([
    tx<ZcaseRow[]>`
      select z.id::text, z.mo_code, z.idcase::text, z.file_kind, z.period_year, z.period_month, z.usl_ok, z.vidpom,
             z.for_pom, z.npr_mo, z.npr_date, z.date_z_1, z.date_z_2, z.rslt, z.rslt_d, z.ishod, z.smo_code,
             z.sumv::text, z.onco
      from registry.zcase z where z.person_id = ${personId} order by z.date_z_1, z.id`,
    tx<SlRow[]>`
      select s.id::text, s.zcase_id::text, s.mo_code, s.sl_id, s.podr, s.profil, s.profil_k, s.nhistory, s.date_1,
             s.date_2, s.ds0, s.ds1, s.ds2, s.ds3, s.c_zab, s.ds_onk, s.dn, s.prvs, s.iddokt, s.sum_m::text, s.onco,
             registry.is_zno(s.ds1) as zno, s.ds1_t, s.stad, s.onk_t, s.onk_n, s.onk_m, s.mtstz, s.sod::text,
             s.k_fr, s.wei::text, s.hei, s.bsa::text, s.napr, s.cons, s.b_diag, s.b_prot, s.onk_usl, s.treatment_date
      from registry.sl s where s.person_id = ${personId} order by s.date_1, s.zcase_id, s.seq`,
    tx<UslRow[]>`
      select u.id::text, u.sl_ref::text, u.idserv, u.lpu, u.profil, u.vid_vme, u.date_in, u.date_out, u.ds,
             u.code_usl, u.kol_usl::text, u.sumv_usl::text, u.prvs, u.code_md
      from registry.usl u where u.person_id = ${personId} order by u.date_in, u.sl_ref, u.seq`,
    tx<
      {
        suspicion_date: string | null;
        diagnosis_date: string | null;
        diagnosis: string | null;
        treatment_date: string | null;
        last_diagnosis: string | null;
        last_stage: number | null;
        first_detected: boolean;
        last_date: string;
        cases: number;
        mo_codes: string[];
      }[]
    >`
      select suspicion_date, diagnosis_date, diagnosis, treatment_date, last_diagnosis, last_stage, first_detected,
             last_date, cases, mo_codes
      from registry.onco_person where person_id = ${personId}`,
  ]);
  const book = new NameBook();

  // What the referrals and the diagnosis are timed by: the person's whole path, whatever the filter shows.
  const oncologyVisits = sls.filter((s) => isOncologyProfile(s.profil)).map((s) => s.date_1);
  const diagnosticDates = sls.flatMap((s) => s.b_diag.map((d) => d.DIAG_DATE));
  const dispensaryDates = sls.filter((s) => s.zno && (s.dn === 1 || s.dn === 2)).map((s) => s.date_1);

  const servicesBySl = new Map<string, TimelineService[]>();
  for (const u of usls) {
    const list = servicesBySl.get(u.sl_ref) ?? [];
    list.push(serviceOf(book, u));
    servicesBySl.set(u.sl_ref, list);
  }
  const slByCase = new Map<string, TimelineSl[]>();
  for (const s of sls) {
    const view: TimelineSl = {
      id: s.id,
      slId: s.sl_id,
      mo: book.org(s.mo_code),
      department: s.podr,
      profile: book.code('V002', s.profil, s.date_1),
      oncologyProfile: isOncologyProfile(s.profil),
      bedProfile: book.code('V020', s.profil_k, s.date_1),
      dateFrom: s.date_1,
      dateTo: s.date_2,
      history: s.nhistory,
      diagnosis: book.code('MKB10', s.ds1, s.date_1),
      preliminaryDiagnosis: book.code('MKB10', s.ds0, s.date_1),
      concomitant: s.ds2.map((d) => book.code('MKB10', d, s.date_1)),
      complications: s.ds3.map((d) => book.code('MKB10', d, s.date_1)),
      character: book.code('V027', s.c_zab, s.date_1),
      firstDetected: s.c_zab === 2,
      suspicion: s.ds_onk === 1,
      dispensary: s.dn,
      specialty: book.code('V021', s.prvs, s.date_1),
      doctor: s.iddokt,
      amount: s.sum_m,
      referrals: s.napr.map((n) => ({
        date: n.NAPR_DATE,
        mo: book.org(n.NAPR_MO),
        kind: book.code('V028', n.NAPR_V, n.NAPR_DATE),
        method: book.code('V029', n.MET_ISSL, n.NAPR_DATE),
        service: n.NAPR_USL ?? null,
        timeliness: referralTimeliness(
          { date: n.NAPR_DATE, kind: Number(n.NAPR_V) },
          { oncologyVisits, diagnosticDates },
          today,
        ),
      })),
      consilia: s.cons.map((c) => ({
        purpose: book.code('N019', c.PR_CONS, c.DT_CONS ?? s.date_1),
        date: c.DT_CONS ?? null,
      })),
      onco: oncoBlockOf(book, s),
      treatmentDate: s.treatment_date,
      services: servicesBySl.get(s.id) ?? [],
    };
    const list = slByCase.get(s.zcase_id) ?? [];
    list.push(view);
    slByCase.set(s.zcase_id, list);
  }
  const filter = options.cases ?? 'all';
  const cases: TimelineCase[] = [];
  for (const z of zcases) {
    const sl = slByCase.get(z.id) ?? [];
    if (filter === 'onco' && !z.onco) continue;
    if (filter === 'oncologyProfile' && !sl.some((s) => s.oncologyProfile)) continue;
    const prevention = z.rslt === null && z.rslt_d !== null;
    cases.push({
      id: z.id,
      mo: book.org(z.mo_code),
      idcase: z.idcase,
      fileKind: z.file_kind,
      period: `${z.period_year}-${String(z.period_month).padStart(2, '0')}`,
      conditions: book.code('V006', z.usl_ok, z.date_z_1),
      kind: book.code('V008', z.vidpom, z.date_z_1),
      form: book.code('V014', z.for_pom, z.date_z_1),
      referredBy: z.npr_mo || z.npr_date ? { mo: book.org(z.npr_mo), date: z.npr_date } : null,
      dateFrom: z.date_z_1,
      dateTo: z.date_z_2,
      result: prevention ? book.code('V017', z.rslt_d, z.date_z_2) : book.code('V009', z.rslt, z.date_z_2),
      outcome: book.code('V012', z.ishod, z.date_z_2),
      smo: book.org(z.smo_code),
      amount: z.sumv,
      onco: z.onco,
      sl,
    });
  }
  const r = registerRows[0];
  const register: OncoRegisterEntry | null = r
    ? {
        suspicionDate: r.suspicion_date,
        diagnosisDate: r.diagnosis_date,
        diagnosis: book.code('MKB10', r.diagnosis, r.diagnosis_date),
        treatmentDate: r.treatment_date,
        lastDiagnosis: book.code('MKB10', r.last_diagnosis, r.last_date),
        stage: book.code('N002', r.last_stage, r.last_date),
        firstDetected: r.first_detected,
        lastDate: r.last_date,
        cases: r.cases,
        organisations: r.mo_codes.map((code) => book.org(code)!),
      }
    : null;
  await book.resolve(tx);
  const dates = {
    suspicionDate: r?.suspicion_date ?? null,
    diagnosisDate: r?.diagnosis_date ?? null,
    treatmentDate: r?.treatment_date ?? null,
  };
  await audit(
    tx,
    'read',
    'onco.timeline',
    { records: cases.map((c) => c.id), persons: [person.id] },
    { cases: cases.length, filter },
  );
  return {
    person,
    register,
    timeliness: {
      ...personTimeliness(dates, today),
      dispensary: dispensaryTimeliness(dates.diagnosisDate, dispensaryDates, today),
    },
    cases,
  };
}

/**
 * Every service (USL) of a person in the region, newest first, a page at a time (one row more tells whether
 * another follows); `oncologyProfile` keeps those of the «Онкология» profiles. Null outside the caller's scope.
 */
export async function personServices(
  tx: Tx,
  personId: string,
  q: { page: number; pageSize: number; oncologyProfile?: boolean },
): Promise<OncoPage<TimelineService> | null> {
  const person = await visiblePerson(tx, personId);
  if (!person) return null;
  const profile = q.oncologyProfile ? tx`and u.profil = any(${oncologyProfiles}::smallint[])` : tx``;
  const rows = await tx<UslRow[]>`
    select u.id::text, u.sl_ref::text, u.idserv, u.lpu, u.profil, u.vid_vme, u.date_in, u.date_out, u.ds,
           u.code_usl, u.kol_usl::text, u.sumv_usl::text, u.prvs, u.code_md
    from registry.usl u where u.person_id = ${personId} ${profile}
    order by u.date_in desc, u.id desc
    limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}`;
  const book = new NameBook();
  const items = rows.slice(0, q.pageSize).map((u) => serviceOf(book, u));
  await book.resolve(tx);
  await audit(
    tx,
    'read',
    'onco.services',
    { persons: [person.id] },
    { services: items.length, oncologyProfile: q.oncologyProfile ?? false },
  );
  return { items, hasMore: rows.length > q.pageSize, page: q.page, pageSize: q.pageSize };
}
