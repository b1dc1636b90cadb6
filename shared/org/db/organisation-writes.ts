import { audit } from '../../platform/access/scoped';
import type { Db, Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';
import { orgDuplicate } from '../domain/org-refusal';
import { duplicate, type NsiReference, nsiErrors, orgIssue } from '../domain/organisation-flk';
import type { OrganisationCreate, OrganisationFields } from '../domain/organisation-input';
import { knownNsiCodes } from './nsi-codes';
import {
  findOrganisationRecord,
  homeRegion,
  insertOrganisation,
  type OrganisationRecord,
  updateOrganisation,
} from './organisation-repository';

/** Today as `YYYY-MM-DD`: the date НСИ codes of a directory change must be valid on. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Refuses (904) every reference НСИ does not hold on the date. */
export async function requireNsiCodes(db: Db, refs: readonly NsiReference[], date = today()): Promise<void> {
  const errors = nsiErrors(refs, await knownNsiCodes(db, refs, date), date);
  if (errors.length > 0) throw Refusal.invalid(errors);
}

/** Runs a write; a unique-key violation becomes a 905 duplicate refusal. */
export async function refuseDuplicate<T>(write: Promise<T>, error: FlkIssue): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw orgDuplicate([error]);
    throw e;
  }
}

export async function requireOrganisation(db: Db, code: string): Promise<OrganisationRecord> {
  const org = await findOrganisationRecord(db, code);
  if (!org) throw Refusal.notFound(`Организация с кодом «${code}» не найдена.`);
  return org;
}

/** Departments, beds, doctors and districts belong to medical organisations only. */
export async function requireMedicalOrganisation(db: Db, code: string): Promise<OrganisationRecord> {
  const org = await requireOrganisation(db, code);
  if (org.kind !== 'MO') {
    throw Refusal.invalid([
      orgIssue({
        code: '904',
        field: 'code',
        value: code,
        message: 'Отделения, коечный фонд, врачи и участки ведутся только у медицинских организаций',
      }),
    ]);
  }
  return org;
}

export async function createOrganisation(tx: Tx, input: OrganisationCreate): Promise<void> {
  if (await findOrganisationRecord(tx, input.code)) {
    throw orgDuplicate([duplicate('organisation', 'code', input.code)]);
  }
  const region = await homeRegion(tx);
  await refuseDuplicate(
    insertOrganisation(tx, input, region?.regionCode ?? input.code.slice(0, 2)),
    duplicate('organisation', 'code', input.code),
  );
  await audit(tx, 'create', 'organisation', { records: [input.code] }, { kind: input.kind });
}

export async function changeOrganisation(tx: Tx, code: string, input: OrganisationFields): Promise<void> {
  await requireOrganisation(tx, code);
  if (!(await updateOrganisation(tx, code, input))) {
    throw Refusal.notFound(`Организация с кодом «${code}» не найдена.`);
  }
  await audit(tx, 'update', 'organisation', { records: [code] });
}
