import { randomUUID } from 'node:crypto';
import type {
  AdmissionRecord,
  FreeBedsRecord,
  ReferralRecord,
} from '../../shared/hospitalisation/domain/records';
import { type Role, roleOrganisationKind } from '../../shared/platform/access/roles';
import type { AccessContext } from '../../shared/platform/access/scoped';
import type { Sql } from '../../shared/platform/db/connection';

/** The demo region's facts a hospitalisation test needs, read with the owner's connection. */
export interface HospFixture {
  polyclinic: string;
  hospital: string;
  department: { code: string; profile: number; bedProfile: number; beds: number; conditions: number };
  otherDepartment: { code: string; profile: number; bedProfile: number };
  smo: string;
  doctorSnils: string;
  /** Persons attached to the polyclinic with a current policy of `smo`. */
  persons: { id: string; enp: string; fam: string; im: string; birthDate: string }[];
}

export async function hospFixture(owner: Sql): Promise<HospFixture> {
  const [mo] = await owner<
    { org_code: string }[]
  >`select org_code from auth.account where username = 'test_mo'`;
  const [hosp] = await owner<
    { org_code: string }[]
  >`select org_code from auth.account where username = 'test_hosp'`;
  const [smo] = await owner<
    { org_code: string }[]
  >`select org_code from auth.account where username = 'test_smo'`;
  const departments = await owner<
    { code: string; profile: number; conditions: number; bed: number; beds: number }[]
  >`
    select d.code, d.profile_v002 as profile, d.conditions_v006 as conditions, b.bed_profile_v020 as bed, b.beds
    from org.department d join org.department_bed b on b.department_id = d.id
    join hosp.bed_profile_rule r on r.bed_profile_v020 = b.bed_profile_v020 and r.profile_v002 = d.profile_v002
    where d.mo_code = ${hosp!.org_code} and d.kind = 'inpatient' and b.beds > 5
    order by d.code`;
  const [doctor] = await owner<
    { snils: string }[]
  >`select snils from org.doctor where mo_code = ${mo!.org_code} limit 1`;
  const persons = await owner<{ id: string; enp: string; fam: string; im: string; birthDate: string }[]>`
    select p.id::text, p.enp, p.fam, p.im, p.birth_date as "birthDate" from person.person p
    where exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo!.org_code}
                    and a.date_end is null)
      and exists (select 1 from person.policy po where po.person_id = p.id and po.smo_code = ${smo!.org_code}
                    and po.date_end is null and po.date_beg <= current_date - 100)
    order by p.id limit 40`;
  const [first, second] = departments;
  if (!first || !second) throw new Error('the first hospital needs two inpatient departments with beds');
  return {
    polyclinic: mo!.org_code,
    hospital: hosp!.org_code,
    department: {
      code: first.code,
      profile: first.profile,
      bedProfile: first.bed,
      beds: first.beds,
      conditions: first.conditions,
    },
    otherDepartment: { code: second.code, profile: second.profile, bedProfile: second.bed },
    smo: smo!.org_code,
    doctorSnils: doctor!.snils,
    persons,
  };
}

export function caller(
  username: string,
  role: Role,
  orgCode: string,
  channel: AccessContext['channel'] = 'soap',
): AccessContext {
  return { username, role, orgCode, orgKind: roleOrganisationKind[role], channel, requestId: randomUUID() };
}

export function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

let counter = 0;
/** A unique referral number in the NOM_NAP style: the МО code's last four digits + year + six digits. */
export function referralNumber(mo: string): string {
  counter += 1;
  return (
    `${mo.slice(-4)}${new Date().getUTCFullYear()}${String(Date.now() % 1_000_000).padStart(6, '0')}`.slice(
      0,
      10,
    ) + String(counter).padStart(6, '0')
  );
}

export function referral(
  f: HospFixture,
  person: HospFixture['persons'][number],
  over: Partial<ReferralRecord> = {},
): ReferralRecord {
  return {
    sourceId: randomUUID(),
    number: referralNumber(f.polyclinic),
    date: isoDaysAgo(3),
    form: 3,
    fromMoCode: f.polyclinic,
    toMoCode: f.hospital,
    toDepartmentCode: f.department.code,
    conditions: f.department.conditions,
    profile: f.department.profile,
    bedProfile: f.department.bedProfile,
    diagnosis: 'I20.8',
    doctorSnils: f.doctorSnils,
    plannedDate: isoDaysAgo(-5),
    kind: 'plain',
    patient: { enp: person.enp },
    ...over,
  };
}

export function admission(
  f: HospFixture,
  person: HospFixture['persons'][number],
  over: Partial<AdmissionRecord> = {},
): AdmissionRecord {
  return {
    sourceId: randomUUID(),
    kind: 'planned',
    form: 3,
    moCode: f.hospital,
    departmentCode: f.department.code,
    conditions: f.department.conditions,
    profile: f.department.profile,
    bedProfile: f.department.bedProfile,
    date: isoDaysAgo(1),
    time: '10:30',
    caseNumber: `И-${Math.floor(Math.random() * 1e6)}`,
    diagnosis: 'I20.8',
    patient: { enp: person.enp },
    ...over,
  };
}

export function freeBeds(f: HospFixture, over: Partial<FreeBedsRecord> = {}): FreeBedsRecord {
  return {
    sourceId: randomUUID(),
    date: isoDaysAgo(0),
    moCode: f.hospital,
    departmentCode: f.department.code,
    conditions: f.department.conditions,
    bedProfile: f.department.bedProfile,
    profile: f.department.profile,
    occupiedAtStart: 10,
    admitted: 2,
    discharged: 3,
    plannedToday: 1,
    freeTotal: 4,
    freeMale: 2,
    freeFemale: 2,
    freeAdult: 4,
    freeChild: 0,
    forecast: [{ date: isoDaysAgo(-1), free: 5 }],
    ...over,
  };
}

export function header(senderCode: string, packageId = randomUUID()) {
  return { packageId, senderCode };
}

/** A referral in canonical shape as the SOAP `Referral` element spells it (PascalCase, in the WSDL's order). */
export function referralAsSoap(
  r: ReferralRecord,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    SourceId: r.sourceId,
    Number: r.number,
    Date: r.date,
    Form: r.form,
    FromMoCode: r.fromMoCode,
    ToMoCode: r.toMoCode,
    ToDepartmentCode: r.toDepartmentCode,
    Conditions: r.conditions,
    Profile: r.profile,
    BedProfile: r.bedProfile,
    Diagnosis: r.diagnosis,
    DoctorSnils: r.doctorSnils,
    PlannedDate: r.plannedDate,
    Kind: r.kind,
    Patient: { Enp: r.patient.enp },
    ...over,
  };
}
