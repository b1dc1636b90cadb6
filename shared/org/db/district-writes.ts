import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { Refusal } from '../../platform/flk/refusal';
import { orgDuplicate } from '../domain/org-refusal';
import { doctorNotInMo, duplicate } from '../domain/organisation-flk';
import type { DistrictCreate, DistrictFields } from '../domain/organisation-input';
import { refuseDuplicate, requireMedicalOrganisation } from './organisation-writes';

async function requireDoctorOfMo(tx: Tx, moCode: string, doctorSnils: string): Promise<void> {
  const [doctor] = await tx`select 1 from org.doctor where mo_code = ${moCode} and snils = ${doctorSnils}`;
  if (!doctor) throw Refusal.invalid([doctorNotInMo(doctorSnils)]);
}

/** A district (участок) of an МО; its doctor must be a doctor of the same МО. */
export async function createDistrict(
  tx: Tx,
  moCode: string,
  input: DistrictCreate,
  doctorSnils: string,
): Promise<void> {
  await requireMedicalOrganisation(tx, moCode);
  await requireDoctorOfMo(tx, moCode, doctorSnils);
  const conflict = duplicate('district', 'code', input.code);
  const [existing] = await tx`select 1 from org.district where mo_code = ${moCode} and code = ${input.code}`;
  if (existing) throw orgDuplicate([conflict]);
  await refuseDuplicate(
    tx`insert into org.district (mo_code, code, kind, doctor_snils, date_end, remote)
       values (${moCode}, ${input.code}, ${input.kind}, ${doctorSnils}, ${input.dateEnd ?? null}, ${input.remote})`,
    conflict,
  );
  await audit(tx, 'create', 'district', { records: [`${moCode}/${input.code}`] });
}

export async function changeDistrict(
  tx: Tx,
  moCode: string,
  code: string,
  input: DistrictFields,
  doctorSnils: string,
): Promise<void> {
  await requireMedicalOrganisation(tx, moCode);
  await requireDoctorOfMo(tx, moCode, doctorSnils);
  const rows = await tx`
    update org.district set kind = ${input.kind}, doctor_snils = ${doctorSnils}, date_end = ${input.dateEnd ?? null},
                            remote = ${input.remote}
    where mo_code = ${moCode} and code = ${code}
    returning code`;
  if (rows.length === 0) throw Refusal.notFound(`Участок «${code}» в МО ${moCode} не найден.`);
  await audit(tx, 'update', 'district', { records: [`${moCode}/${code}`] });
}
