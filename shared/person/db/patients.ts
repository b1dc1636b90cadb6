import type { Tx } from '../../platform/db/connection';
import { normaliseIdentity, type Resolution } from '../domain/identity-input';
import type { PersonRef } from '../domain/patient-ref';
import { type ResolutionRow, toResolution } from './identity-resolution';

/**
 * The register's answer for each record's patient in one statement (`person.resolve_identities`, across scopes on
 * purpose: it answers only the id, how it was found and the policy on the date), keyed by the record's source id.
 * ФИО + birth date suffice without a document.
 */
export async function resolvePatients(
  tx: Tx,
  records: readonly { sourceId: string; patient: PersonRef; onDate?: string | undefined }[],
): Promise<Map<string, Resolution>> {
  const identities = records.map((r) => normaliseIdentity(r.patient));
  const column = (key: 'enp' | 'snils' | 'fam' | 'im' | 'ot' | 'birthDate' | 'docSer' | 'docNum') =>
    identities.map((i) => i[key] ?? null);
  const rows = await tx<{ key: string; row: ResolutionRow }[]>`
    select r.key, json_build_object(
             'person_id', r.person_id::text, 'method', r.method, 'candidates', r.candidates,
             'mismatch', r.mismatch, 'policy_type', r.policy_type, 'policy_number', r.policy_number,
             'smo_code', r.smo_code, 'policy_date_beg', r.policy_date_beg,
             'policy_date_end', r.policy_date_end, 'sex', r.sex) as row
    from person.resolve_identities(
           ${records.map((r) => r.sourceId)}::text[], ${column('enp')}::text[], ${column('snils')}::text[],
           ${column('fam')}::text[], ${column('im')}::text[], ${column('ot')}::text[],
           ${column('birthDate')}::date[], ${column('docSer')}::text[], ${column('docNum')}::text[],
           ${records.map((r) => r.onDate ?? null)}::date[], false) r`;
  return new Map(rows.map(({ key, row }) => [key, toResolution(row)]));
}

/** The person ids a set of answers found (insured on the date or not). */
export function foundPersons(resolutions: ReadonlyMap<string, Resolution>): string[] {
  return [
    ...new Set(
      [...resolutions.values()].flatMap((r) =>
        r.outcome === 'identified' || r.outcome === 'no_policy_on_date' ? [r.personId] : [],
      ),
    ),
  ];
}
