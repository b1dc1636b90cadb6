import type { Db } from '../../platform/db/connection';
import type { IdentityInput, PersonSex, Resolution, ResolutionMethod } from '../domain/identity-input';

/** A row of `person.resolve_identity` (ids as text). */
export interface ResolutionRow {
  person_id: string | null;
  method: ResolutionMethod | null;
  candidates: number;
  mismatch: boolean;
  policy_type: number | null;
  policy_number: string | null;
  smo_code: string | null;
  policy_date_beg: string | null;
  policy_date_end: string | null;
  sex: number | null;
}

/**
 * Resolves a person against the regional ЕРЗ: ЕНП → СНИЛС → ФИО + birth date + document (DOMAIN §4.4). Runs
 * across scopes on purpose (SECURITY DEFINER `person.resolve_identity`) and answers only the id, how it was
 * found, the person's sex and the policy on the date. ФИО compare on `person.norm_name` (case, «ё»/«е» and
 * spaces do not matter). `requireDocument: false` allows ФИО + birth date alone (the affiliation
 * query); inbound records need the document.
 */
export async function resolveIdentity(
  db: Db,
  input: IdentityInput,
  options: { requireDocument?: boolean } = {},
): Promise<Resolution> {
  const [row] = await db<ResolutionRow[]>`
    select person_id::text, method, candidates, mismatch, policy_type, policy_number, smo_code,
           policy_date_beg, policy_date_end, sex
    from person.resolve_identity(${input.enp ?? null}, ${input.snils ?? null}, ${input.fam ?? null},
                                 ${input.im ?? null}, ${input.ot ?? null}, ${input.birthDate ?? null}::date,
                                 ${input.docSer ?? null}, ${input.docNum ?? null}, ${input.onDate ?? null}::date,
                                 ${options.requireDocument ?? true})`;
  return toResolution(row!);
}

/** The outcome a row of `person.resolve_identity` means. */
export function toResolution(row: ResolutionRow): Resolution {
  const sex: PersonSex | null = row.sex === 1 || row.sex === 2 ? row.sex : null;
  if (!row.person_id || !row.method) {
    return row.candidates > 1
      ? { outcome: 'ambiguous', candidates: row.candidates }
      : { outcome: 'not_insured_in_region' };
  }
  if (!row.smo_code || row.policy_type === null || !row.policy_number || !row.policy_date_beg) {
    return {
      outcome: 'no_policy_on_date',
      personId: row.person_id,
      method: row.method,
      mismatch: row.mismatch,
      sex,
    };
  }
  return {
    outcome: 'identified',
    personId: row.person_id,
    method: row.method,
    mismatch: row.mismatch,
    sex,
    policy: {
      policyType: row.policy_type,
      number: row.policy_number,
      smoCode: row.smo_code,
      dateBeg: row.policy_date_beg,
      dateEnd: row.policy_date_end,
    },
  };
}
