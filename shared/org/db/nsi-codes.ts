import type { Db } from '../../platform/db/connection';
import { type NsiReference, nsiKey } from '../domain/organisation-flk';

/**
 * Which of the referenced directory codes НСИ holds in a version valid on `date` (one query for all of them).
 * Answers `directory:code` keys, as `nsiErrors` expects.
 */
export async function knownNsiCodes(
  db: Db,
  refs: readonly NsiReference[],
  date: string,
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const directories = refs.map((r) => r.directory);
  const codes = refs.map((r) => r.code);
  const rows = await db<{ directory: string; code: string }[]>`
    select distinct r.directory_code as directory, r.code
    from unnest(${directories}::text[], ${codes}::text[]) as ref (directory, code)
    join nsi.record r on r.directory_code = ref.directory and r.code = ref.code
    where r.date_beg <= ${date} and (r.date_end is null or r.date_end >= ${date})`;
  return new Set(rows.map((r) => nsiKey(r.directory, r.code)));
}

/**
 * Names of directory codes for display (`directory:code` → name): the version valid today, else the latest one,
 * so a card still names a code that has since been closed.
 */
export async function nsiNames(
  db: Db,
  refs: readonly { directory: string; code: string }[],
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db<{ directory: string; code: string; name: string }[]>`
    select distinct on (r.directory_code, r.code) r.directory_code as directory, r.code, r.name
    from unnest(${refs.map((r) => r.directory)}::text[], ${refs.map((r) => r.code)}::text[]) as ref (directory, code)
    join nsi.record r on r.directory_code = ref.directory and r.code = ref.code
    order by r.directory_code, r.code,
             (r.date_beg <= current_date and (r.date_end is null or r.date_end >= current_date)) desc,
             r.date_beg desc`;
  return new Map(rows.map((r) => [nsiKey(r.directory, r.code), r.name]));
}
