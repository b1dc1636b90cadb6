import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { Refusal } from '../../platform/flk/refusal';
import { orgDuplicate } from '../domain/org-refusal';
import { departmentNsiReferences, duplicate } from '../domain/organisation-flk';
import type { BedInput, DepartmentCreate, DepartmentFields } from '../domain/organisation-input';
import { refuseDuplicate, requireMedicalOrganisation, requireNsiCodes } from './organisation-writes';

async function writeBeds(tx: Tx, departmentId: string, beds: readonly BedInput[]): Promise<void> {
  await tx`delete from org.department_bed where department_id = ${departmentId}`;
  if (beds.length === 0) return;
  const rows = beds.map((b) => ({
    department_id: departmentId,
    bed_profile_v020: b.bedProfileV020,
    beds: b.beds,
    beds_male: b.bedsMale,
    beds_female: b.bedsFemale,
    beds_child: b.bedsChild,
  }));
  await tx`insert into org.department_bed ${tx(rows)}`;
}

/** A new department of an МО with its bed stock (codes checked against V002/V006/V020 valid today). */
export async function createDepartment(tx: Tx, moCode: string, input: DepartmentCreate): Promise<void> {
  await requireMedicalOrganisation(tx, moCode);
  await requireNsiCodes(tx, departmentNsiReferences(input));
  const conflict = duplicate('department', 'code', input.code);
  const [existing] =
    await tx`select 1 from org.department where mo_code = ${moCode} and code = ${input.code}`;
  if (existing) throw orgDuplicate([conflict]);
  const [row] = await refuseDuplicate(
    tx<{ id: string }[]>`
      insert into org.department (mo_code, code, name, kind, profile_v002, conditions_v006, date_end)
      values (${moCode}, ${input.code}, ${input.name}, ${input.kind}, ${input.profileV002},
              ${input.conditionsV006}, ${input.dateEnd ?? null})
      returning id`,
    conflict,
  );
  await writeBeds(tx, row!.id, input.beds);
  await audit(
    tx,
    'create',
    'department',
    { records: [`${moCode}/${input.code}`] },
    { beds: input.beds.length },
  );
}

/** Changes a department and replaces its bed list. */
export async function changeDepartment(
  tx: Tx,
  moCode: string,
  code: string,
  input: DepartmentFields,
): Promise<void> {
  await requireMedicalOrganisation(tx, moCode);
  await requireNsiCodes(tx, departmentNsiReferences(input));
  const [row] = await tx<{ id: string }[]>`
    update org.department set name = ${input.name}, kind = ${input.kind}, profile_v002 = ${input.profileV002},
           conditions_v006 = ${input.conditionsV006}, date_end = ${input.dateEnd ?? null}
    where mo_code = ${moCode} and code = ${code}
    returning id`;
  if (!row) throw Refusal.notFound(`Отделение «${code}» в МО ${moCode} не найдено.`);
  await writeBeds(tx, row.id, input.beds);
  await audit(tx, 'update', 'department', { records: [`${moCode}/${code}`] }, { beds: input.beds.length });
}
