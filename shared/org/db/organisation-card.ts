import type { Db } from '../../platform/db/connection';
import { nsiKey } from '../domain/organisation-flk';
import { nsiNames } from './nsi-codes';
import { findOrganisationRecord, type OrganisationRecord } from './organisation-repository';

export interface CardBed {
  bedProfileV020: number;
  bedProfileName: string | null;
  beds: number;
  bedsMale: number;
  bedsFemale: number;
  bedsChild: number;
}

export interface CardDepartment {
  code: string;
  name: string;
  kind: 'polyclinic' | 'inpatient' | 'day_hospital';
  profileV002: number;
  profileName: string | null;
  conditionsV006: number;
  conditionsName: string | null;
  dateEnd: string | null;
  beds: CardBed[];
}

export interface CardDoctor {
  snils: string;
  fam: string;
  im: string;
  ot: string | null;
  specialtyV021: number;
  specialtyName: string | null;
}

export interface CardDistrict {
  code: string;
  kind: 'therapeutic' | 'pediatric' | 'general_practice';
  doctorSnils: string;
  doctorName: string | null;
  dateEnd: string | null;
  remote: boolean;
}

export interface OrganisationCard {
  organisation: OrganisationRecord;
  departments: CardDepartment[];
  /** Bed stock of the whole organisation by V020 profile. */
  bedsByProfile: CardBed[];
  districts: CardDistrict[];
  doctors: CardDoctor[];
}

/**
 * An organisation with its departments (bed stock by V020 profile), districts (with their doctors' names) and
 * doctors; directory codes carry their НСИ names. Doctors' СНИЛС are personal data: the caller audits the read.
 */
export async function readOrganisationCard(db: Db, code: string): Promise<OrganisationCard | null> {
  const organisation = await findOrganisationRecord(db, code);
  if (!organisation) return null;
  const [departments, beds, doctors, districts] = await Promise.all([
    db<Omit<CardDepartment, 'beds' | 'profileName' | 'conditionsName'>[]>`
      select code, name, kind, profile_v002 as "profileV002", conditions_v006 as "conditionsV006",
             date_end as "dateEnd"
      from org.department where mo_code = ${code} order by code`,
    db<(Omit<CardBed, 'bedProfileName'> & { departmentCode: string })[]>`
      select d.code as "departmentCode", b.bed_profile_v020 as "bedProfileV020", b.beds,
             b.beds_male as "bedsMale", b.beds_female as "bedsFemale", b.beds_child as "bedsChild"
      from org.department_bed b join org.department d on d.id = b.department_id
      where d.mo_code = ${code} order by d.code, b.bed_profile_v020`,
    db<Omit<CardDoctor, 'specialtyName'>[]>`
      select snils, fam, im, ot, specialty_v021 as "specialtyV021"
      from org.doctor where mo_code = ${code} order by fam, im, snils`,
    db<Omit<CardDistrict, 'doctorName'>[]>`
      select code, kind, doctor_snils as "doctorSnils", date_end as "dateEnd", remote
      from org.district where mo_code = ${code} order by code`,
  ]);
  const names = await nsiNames(db, [
    ...departments.flatMap((d) => [
      { directory: 'V002', code: String(d.profileV002) },
      { directory: 'V006', code: String(d.conditionsV006) },
    ]),
    ...beds.map((b) => ({ directory: 'V020', code: String(b.bedProfileV020) })),
    ...doctors.map((d) => ({ directory: 'V021', code: String(d.specialtyV021) })),
  ]);
  const name = (directory: string, value: number) => names.get(nsiKey(directory, String(value))) ?? null;
  const withName = ({ departmentCode: _, ...b }: (typeof beds)[number]): CardBed => ({
    ...b,
    bedProfileName: name('V020', b.bedProfileV020),
  });
  const doctorNames = new Map(doctors.map((d) => [d.snils, [d.fam, d.im, d.ot].filter(Boolean).join(' ')]));

  const byProfile = new Map<number, CardBed>();
  for (const b of beds) {
    const sum = byProfile.get(b.bedProfileV020) ?? {
      ...withName(b),
      beds: 0,
      bedsMale: 0,
      bedsFemale: 0,
      bedsChild: 0,
    };
    sum.beds += b.beds;
    sum.bedsMale += b.bedsMale;
    sum.bedsFemale += b.bedsFemale;
    sum.bedsChild += b.bedsChild;
    byProfile.set(b.bedProfileV020, sum);
  }

  return {
    organisation,
    departments: departments.map((d) => ({
      ...d,
      profileName: name('V002', d.profileV002),
      conditionsName: name('V006', d.conditionsV006),
      beds: beds.filter((b) => b.departmentCode === d.code).map(withName),
    })),
    bedsByProfile: [...byProfile.values()].sort((a, b) => a.bedProfileV020 - b.bedProfileV020),
    districts: districts.map((d) => ({ ...d, doctorName: doctorNames.get(d.doctorSnils) ?? null })),
    doctors: doctors.map((d) => ({ ...d, specialtyName: name('V021', d.specialtyV021) })),
  };
}
