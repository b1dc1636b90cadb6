import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { Refusal } from '../../platform/flk/refusal';
import { orgDuplicate } from '../domain/org-refusal';
import { doctorNsiReferences, duplicate } from '../domain/organisation-flk';
import type { DoctorFields } from '../domain/organisation-input';
import { refuseDuplicate, requireMedicalOrganisation, requireNsiCodes } from './organisation-writes';

/** A doctor of an МО (`snils` already checked and in the canonical `XXX-XXX-XXX YY` form). */
export async function createDoctor(
  tx: Tx,
  moCode: string,
  snils: string,
  input: DoctorFields,
): Promise<void> {
  await requireMedicalOrganisation(tx, moCode);
  await requireNsiCodes(tx, doctorNsiReferences(input));
  const conflict = duplicate('doctor', 'snils', snils);
  const [existing] = await tx`select 1 from org.doctor where mo_code = ${moCode} and snils = ${snils}`;
  if (existing) throw orgDuplicate([conflict]);
  await refuseDuplicate(
    tx`insert into org.doctor (mo_code, snils, fam, im, ot, specialty_v021)
       values (${moCode}, ${snils}, ${input.fam}, ${input.im}, ${input.ot}, ${input.specialtyV021})`,
    conflict,
  );
  await audit(tx, 'create', 'doctor', { records: [`${moCode}/${snils}`] });
}

export async function changeDoctor(
  tx: Tx,
  moCode: string,
  snils: string,
  input: DoctorFields,
): Promise<void> {
  await requireMedicalOrganisation(tx, moCode);
  await requireNsiCodes(tx, doctorNsiReferences(input));
  const rows = await tx`
    update org.doctor set fam = ${input.fam}, im = ${input.im}, ot = ${input.ot},
           specialty_v021 = ${input.specialtyV021}
    where mo_code = ${moCode} and snils = ${snils}
    returning snils`;
  if (rows.length === 0) throw Refusal.notFound(`Врач с СНИЛС ${snils} в МО ${moCode} не найден.`);
  await audit(tx, 'update', 'doctor', { records: [`${moCode}/${snils}`] });
}
