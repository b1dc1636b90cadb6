import type { Tx } from '../../platform/db/connection';
import type { PatientRef } from '../domain/records';
import type { TFileType } from '../formats/t-family/t-file-name';
import type { TFileRow } from '../formats/t-family/t-file-writer';
import type { TRecordOf } from '../formats/t-family/t-record-mapping';

/**
 * The records of a T-file export (docs/formats/t-family.md §5), read in the caller's scoped transaction:
 * row-level security decides what is in it (an МО: what it sent or what was addressed to it, and its own free beds;
 * an СМО: its insured persons and the region's free beds; the fund: the region). The period is on the record's own date:
 * the referral date (T1), the admission date (T2, T3), the cancellation date (T4), the discharge date (T5), the
 * report date (T6). Rows come back as canonical records plus what the file writes beyond them.
 */

export interface TFileExportQuery {
  type: TFileType;
  /** `YYYY-MM-DD`, inclusive */
  from: string;
  to: string;
  /** Stop after this many records (the caller refuses a bigger export). */
  limit: number;
}

export interface TFileExport<T extends TFileType> {
  rows: TFileRow<T>[];
  /** Record ids (referral or stay ids) and person ids, for the audit entry. */
  recordIds: string[];
  personIds: string[];
}

interface PersonColumns {
  personId: string;
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  sex: 1 | 2;
  birthDate: string;
}

function patientOf(p: PersonColumns, phone?: string | null): PatientRef {
  return {
    enp: p.enp.trim(),
    fam: p.fam,
    im: p.im,
    ...(p.ot ? { ot: p.ot } : {}),
    sex: p.sex,
    birthDate: p.birthDate,
    ...(phone ? { phone } : {}),
  };
}

/** Drops keys whose value is null (the canonical records have optional fields, never nulls). */
function compact<T>(value: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export async function readTFileExport<T extends TFileType>(
  tx: Tx,
  query: TFileExportQuery & { type: T },
): Promise<TFileExport<T>> {
  const rows = await readRows(tx, query);
  return rows as unknown as TFileExport<T>;
}

async function readRows(tx: Tx, q: TFileExportQuery): Promise<TFileExport<TFileType>> {
  switch (q.type) {
    case 'T1':
      return referrals(tx, q);
    case 'T2':
    case 'T3':
      return stays(tx, q);
    case 'T4':
      return cancellations(tx, q);
    case 'T5':
      return discharges(tx, q);
    case 'T6':
      return freeBeds(tx, q);
  }
}

type Referral = PersonColumns & {
  id: string;
  sourceId: string;
  number: string;
  date: string;
  form: number;
  fromMoCode: string;
  fromDepartmentCode: string | null;
  toMoCode: string;
  toDepartmentCode: string | null;
  conditions: number;
  profile: number;
  bedProfile: number;
  diagnosis: string;
  doctorSnils: string;
  plannedDate: string;
  kind: 'plain' | 'vmp';
  vmp: Record<string, unknown> | null;
  smoCode: string | null;
  phone: string | null;
};

async function referrals(tx: Tx, q: TFileExportQuery): Promise<TFileExport<'T1'>> {
  const rows = await tx<Referral[]>`
    select r.id::text, r.source_id as "sourceId", r.number, to_char(r.referral_date, 'YYYY-MM-DD') as date,
           r.form_v014 as form, r.from_mo_code as "fromMoCode", r.from_department_code as "fromDepartmentCode",
           r.to_mo_code as "toMoCode", r.to_department_code as "toDepartmentCode", r.conditions_v006 as conditions,
           r.profile_v002 as profile, r.bed_profile_v020 as "bedProfile", r.diagnosis, r.doctor_snils as "doctorSnils",
           to_char(r.planned_date, 'YYYY-MM-DD') as "plannedDate", r.kind, r.vmp, r.smo_code as "smoCode", r.phone,
           p.id::text as "personId", p.enp, p.fam, p.im, p.ot, p.sex,
           to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate"
    from hosp.referral r join person.person p on p.id = r.person_id
    where r.referral_date between ${q.from} and ${q.to}
    order by r.referral_date, r.id
    limit ${q.limit}`;
  return {
    rows: rows.map((r) => ({
      record: compact({
        sourceId: r.sourceId,
        number: r.number,
        date: r.date,
        form: r.form,
        fromMoCode: r.fromMoCode,
        fromDepartmentCode: r.fromDepartmentCode,
        toMoCode: r.toMoCode,
        toDepartmentCode: r.toDepartmentCode,
        conditions: r.conditions,
        profile: r.profile,
        bedProfile: r.bedProfile,
        diagnosis: r.diagnosis,
        doctorSnils: r.doctorSnils,
        plannedDate: r.plannedDate,
        kind: r.kind,
        vmp: r.vmp,
        patient: patientOf(r, r.phone),
      }),
      context: compact({ smo: r.smoCode }),
    })),
    recordIds: rows.map((r) => r.id),
    personIds: [...new Set(rows.map((r) => r.personId))],
  };
}

type Stay = PersonColumns & {
  id: string;
  sourceId: string;
  kind: 'planned' | 'emergency';
  referralNumber: string | null;
  referralDate: string | null;
  form: number;
  moCode: string;
  departmentCode: string;
  conditions: number;
  profile: number;
  bedProfile: number;
  date: string;
  time: string | null;
  caseNumber: string;
  diagnosis: string;
  smoCode: string | null;
  referringMoCode: string | null;
  dischargeSourceId: string | null;
  dischargeDate: string | null;
  outcome: number | null;
};

function selectStays(tx: Tx, where: ReturnType<Tx>, order: ReturnType<Tx>, limit: number) {
  return tx<Stay[]>`
    select s.id::text, s.source_id as "sourceId", s.kind, s.referral_number as "referralNumber",
           to_char(s.referral_date, 'YYYY-MM-DD') as "referralDate", s.form_v014 as form, s.mo_code as "moCode",
           s.department_code as "departmentCode", s.conditions_v006 as conditions, s.profile_v002 as profile,
           s.bed_profile_v020 as "bedProfile", to_char(s.admitted_on, 'YYYY-MM-DD') as date, s.admitted_time as time,
           s.case_number as "caseNumber", s.diagnosis, s.smo_code as "smoCode", s.referring_mo_code as "referringMoCode",
           s.discharge_source_id as "dischargeSourceId", to_char(s.discharged_on, 'YYYY-MM-DD') as "dischargeDate",
           s.outcome, p.id::text as "personId", p.enp, p.fam, p.im, p.ot, p.sex,
           to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate"
    from hosp.stay s join person.person p on p.id = s.person_id
    where ${where}
    order by ${order}
    limit ${limit}`;
}

async function stays(tx: Tx, q: TFileExportQuery): Promise<TFileExport<'T2' | 'T3'>> {
  const kind = q.type === 'T2' ? 'planned' : 'emergency';
  const rows = await selectStays(
    tx,
    tx`s.kind = ${kind} and s.admitted_on between ${q.from} and ${q.to}`,
    tx`s.admitted_on, s.id`,
    q.limit,
  );
  return {
    rows: rows.map((s) => ({
      record: compact({
        sourceId: s.sourceId,
        kind: s.kind,
        referralNumber: s.referralNumber,
        referralDate: s.referralDate,
        form: s.form,
        moCode: s.moCode,
        departmentCode: s.departmentCode,
        conditions: s.conditions,
        profile: s.profile,
        bedProfile: s.bedProfile,
        date: s.date,
        time: s.time,
        caseNumber: s.caseNumber,
        diagnosis: s.diagnosis,
        patient: patientOf(s),
      }),
      context: compact({ smo: s.smoCode, referringMo: s.referringMoCode }),
    })),
    recordIds: rows.map((s) => s.id),
    personIds: [...new Set(rows.map((s) => s.personId))],
  };
}

async function discharges(tx: Tx, q: TFileExportQuery): Promise<TFileExport<'T5'>> {
  const rows = await selectStays(
    tx,
    tx`s.discharged_on between ${q.from} and ${q.to}`,
    tx`s.discharged_on, s.id`,
    q.limit,
  );
  return {
    rows: rows.map((s) => ({
      record: {
        sourceId: s.dischargeSourceId ?? s.sourceId,
        admissionSourceId: s.sourceId,
        date: s.dischargeDate!,
        outcome: s.outcome!,
      },
      context: compact({
        referralNumber: s.referralNumber,
        referralDate: s.referralDate,
        form: s.form,
        moCode: s.moCode,
        departmentCode: s.departmentCode,
        admissionDate: s.date,
        fam: s.fam,
        im: s.im,
        ot: s.ot,
        sex: s.sex,
        birthDate: s.birthDate,
        bedProfile: s.bedProfile,
        profile: s.profile,
        caseNumber: s.caseNumber,
      }),
    })),
    recordIds: rows.map((s) => s.id),
    personIds: [...new Set(rows.map((s) => s.personId))],
  };
}

async function cancellations(tx: Tx, q: TFileExportQuery): Promise<TFileExport<'T4'>> {
  const rows = await tx<
    {
      id: string;
      personId: string;
      sourceId: string;
      number: string;
      referralDate: string;
      source: number;
      orgCode: string;
      reason: number;
      date: string;
      comment: string | null;
    }[]
  >`
    select r.id::text, r.person_id::text as "personId", coalesce(r.cancel_source_id, r.number) as "sourceId", r.number,
           to_char(r.referral_date, 'YYYY-MM-DD') as "referralDate", r.cancel_source as source,
           r.cancel_org_code as "orgCode", r.cancel_reason as reason, to_char(r.cancel_date, 'YYYY-MM-DD') as date,
           r.cancel_comment as comment
    from hosp.referral r
    where r.cancel_date between ${q.from} and ${q.to}
    order by r.cancel_date, r.id
    limit ${q.limit}`;
  return {
    rows: rows.map((r) => ({
      record: compact({
        sourceId: r.sourceId,
        referralNumber: r.number,
        referralDate: r.referralDate,
        reason: r.reason,
        date: r.date,
        comment: r.comment,
      }),
      context: compact({ source: r.source, sourceCode: r.orgCode }),
    })),
    recordIds: rows.map((r) => r.id),
    personIds: [...new Set(rows.map((r) => r.personId))],
  };
}

async function freeBeds(tx: Tx, q: TFileExportQuery): Promise<TFileExport<'T6'>> {
  const rows = await tx<(TRecordOf['T6'] & { profile: number | null })[]>`
    select source_id as "sourceId", to_char(report_date, 'YYYY-MM-DD') as date, mo_code as "moCode",
           department_code as "departmentCode", conditions_v006 as conditions, bed_profile_v020 as "bedProfile",
           profile_v002 as profile, occupied_at_start as "occupiedAtStart", admitted, discharged,
           planned_today as "plannedToday", free_total as "freeTotal", free_male as "freeMale",
           free_female as "freeFemale", free_adult as "freeAdult", free_child as "freeChild", forecast
    from hosp.free_beds
    where report_date between ${q.from} and ${q.to} and (app.org_kind() <> 'MO' or mo_code = app.org_code())
    order by report_date, mo_code, department_code, bed_profile_v020, conditions_v006
    limit ${q.limit}`;
  return {
    rows: rows.map((r) => ({ record: compact<TRecordOf['T6']>({ ...r }) })),
    recordIds: [],
    personIds: [],
  };
}
