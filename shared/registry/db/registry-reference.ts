import type { Db } from '../../platform/db/connection';
import {
  type DirectoryBook,
  type DirectoryRow,
  directoryBook,
  registryDirectoryAttrs,
} from '../domain/directories';

/**
 * Reference data the registry FLK reads, loaded once per process and kept five minutes (a package of 200,000
 * cases checks every code in memory): the dated versions of the directories the checks name, with only the
 * fields they need from `attrs`, and the region's organisations by code (F003 МО, F002 СМО, the fund).
 */

const ttlMs = 5 * 60_000;
let cached: { book: DirectoryBook; organisations: ReadonlyMap<string, string>; until: number } | undefined;

export async function registryReference(db: Db, now = Date.now()) {
  if (cached && cached.until > now) return cached;
  const wanted = Object.entries(registryDirectoryAttrs);
  const rows = await db<
    {
      directory: string;
      code: string;
      dateBeg: string;
      dateEnd: string | null;
      attrs: Record<string, string> | null;
    }[]
  >`
    select r.directory_code as directory, r.code, r.date_beg::text as "dateBeg", r.date_end::text as "dateEnd",
           case when cardinality(w.attrs) = 0 then null
                else (select jsonb_object_agg(k, r.attrs->>k) from unnest(w.attrs) k where r.attrs ? k) end as attrs
    from nsi.record r
    join (select * from jsonb_to_recordset(${db.json(wanted.map(([directory, attrs]) => ({ directory, attrs: [...attrs] })))})
            as x(directory text, attrs text[])) w on w.directory = r.directory_code`;
  const organisations = await db<{ code: string; kind: string }[]>`select code, kind from org.organisation`;
  cached = {
    book: directoryBook(rows as DirectoryRow[]),
    organisations: new Map(organisations.map((o) => [o.code, o.kind])),
    until: now + ttlMs,
  };
  return cached;
}

/** Forgets the cached reference data (tests; a directory loaded in this process). */
export function forgetRegistryReference(): void {
  cached = undefined;
}
