import type { Db } from '../../platform/db/connection';

export interface DirectorySummary {
  code: string;
  title: string;
  versionCount: number;
  currentVersion: string | null;
  publishedAt: string | null;
  recordCount: number;
}

export async function listDirectories(db: Db): Promise<DirectorySummary[]> {
  return db<DirectorySummary[]>`
    select d.code, d.title,
           (select count(*) from nsi.directory_version v where v.directory_code = d.code)::int as "versionCount",
           cur.version as "currentVersion", cur.published_at as "publishedAt",
           (select count(*) from nsi.record r where r.directory_code = d.code)::int as "recordCount"
    from nsi.directory d
    left join lateral (
      select version, published_at from nsi.directory_version v
      where v.directory_code = d.code order by v.loaded_at desc, v.id desc limit 1
    ) cur on true
    order by d.code`;
}

export async function directoryExists(db: Db, code: string): Promise<boolean> {
  return (await db`select 1 from nsi.directory where code = ${code}`).length > 0;
}

export async function listVersions(db: Db, code: string) {
  return db<
    { version: string; publishedAt: string | null; loadedAt: Date; recordCount: number; fileName: string }[]
  >`
    select version, published_at as "publishedAt", loaded_at as "loadedAt", record_count as "recordCount",
           file_name as "fileName"
    from nsi.directory_version where directory_code = ${code} order by loaded_at desc, id desc`;
}

export type RecordSort = 'code' | '-code' | 'name' | '-name';

export interface RecordQuery {
  code: string;
  q?: string | undefined;
  validOn?: string | undefined;
  page: number;
  pageSize: number;
  sort: RecordSort;
}

/**
 * Records of a directory: search by code prefix or by words of the name (trigram index), optionally only
 * the versions valid on a date; server-side paging and sorting.
 */
export async function searchRecords(db: Db, query: RecordQuery) {
  const { code, q, validOn, page, pageSize, sort } = query;
  const text = q?.trim() ?? '';
  const filter = db`
    r.directory_code = ${code}
    ${text ? db`and (r.code ilike ${`${escapeLike(text)}%`} or r.name ilike ${`%${escapeLike(text)}%`})` : db``}
    ${validOn ? db`and r.date_beg <= ${validOn} and (r.date_end is null or r.date_end >= ${validOn})` : db``}`;
  const order = {
    code: db`r.code asc, r.date_beg asc`,
    '-code': db`r.code desc, r.date_beg desc`,
    name: db`r.name asc, r.code asc`,
    '-name': db`r.name desc, r.code desc`,
  }[sort];
  const [items, total] = await Promise.all([
    db<
      { code: string; name: string; dateBeg: string; dateEnd: string | null; attrs: Record<string, string> }[]
    >`
      select r.code, r.name, r.date_beg as "dateBeg", r.date_end as "dateEnd", r.attrs
      from nsi.record r where ${filter}
      order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`,
    db<{ n: number }[]>`select count(*)::int as n from nsi.record r where ${filter}`,
  ]);
  return { items: [...items], total: total[0]?.n ?? 0, page, pageSize };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
