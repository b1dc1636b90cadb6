import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type AccessContext, setCallerContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import { copyRows } from '../../platform/db/copy';
import { type DirectorySpec, directoryCatalogue } from '../domain/catalogue';
import type { NsiPublication, NsiRecord } from '../domain/nsi-record';
import { readFfomsDirectory } from '../formats/ffoms-directory-reader';
import { readMinzdravDirectory } from '../formats/minzdrav-directory-reader';

/** The reference files shipped with the product (official publications, byte for byte). */
export const defaultNsiDataDir = fileURLToPath(new URL('../data', import.meta.url));

export interface DirectoryLoadResult {
  code: string;
  status: 'loaded' | 'unchanged';
  version: string | null;
  records: number;
  changed: number;
  ms: number;
}

/**
 * Loads one publication of a directory. A publication already loaded (same file hash) is skipped. Otherwise
 * the records are streamed into staging with COPY and merged in one transaction: new (code, DATEBEG) versions
 * are added, changed ones keep their previous state in `nsi.record_history`, nothing is deleted.
 */
export async function loadDirectory(
  sql: Sql,
  spec: DirectorySpec,
  filePath: string,
  /** Who loads it (an uploaded publication, as the application role); the start-up loader runs as owner. */
  who?: AccessContext,
): Promise<DirectoryLoadResult> {
  const started = performance.now();
  const sha256 = createHash('sha256')
    .update(await readFile(filePath))
    .digest('hex');
  const known = await sql`
    select 1 from nsi.directory_version where directory_code = ${spec.code} and file_sha256 = ${sha256}`;
  if (known.length > 0) {
    return { code: spec.code, status: 'unchanged', version: null, records: 0, changed: 0, ms: 0 };
  }
  return sql.begin(async (tx) => {
    if (who) await setCallerContext(tx, who);
    await tx`select pg_advisory_xact_lock(727002, hashtext(${spec.code}))`;
    await tx`
      insert into nsi.directory (code, title, source) values (${spec.code}, ${spec.title}, ${spec.source})
      on conflict (code) do update set title = excluded.title, updated_at = now()`;
    const [version] = await tx<{ id: string }[]>`
      insert into nsi.directory_version (directory_code, version, file_name, file_sha256, record_count)
      values (${spec.code}, 'loading', ${spec.file}, ${sha256}, 0) returning id`;
    const versionId = version!.id;
    let header: NsiPublication = { version: 'unknown', publishedAt: null };
    const records = readRecords(spec, filePath, (h) => {
      header = h;
    });
    let ordinal = 0;
    async function* rows() {
      for await (const r of records) {
        if (!r.code) continue;
        yield [versionId, ordinal++, r.code, r.dateBeg, r.dateEnd, r.name, r.parentCode, r.attrs] as const;
      }
    }
    const staged = await copyRows(
      tx,
      'nsi.record_stage',
      ['version_id', 'ordinal', 'code', 'date_beg', 'date_end', 'name', 'parent_code', 'attrs'],
      rows(),
    );
    // A publication may list the same (code, DATEBEG) twice: the last occurrence wins.
    const [counts] = (await tx`
      with latest as (
        select distinct on (code, date_beg) * from nsi.record_stage
        where version_id = ${versionId} order by code, date_beg, ordinal desc
      ), moved as (
        insert into nsi.record_history
          (directory_code, code, date_beg, date_end, name, parent_code, attrs, version_id, superseded_by_version)
        select r.directory_code, r.code, r.date_beg, r.date_end, r.name, r.parent_code, r.attrs, r.version_id,
               ${versionId}
        from nsi.record r join latest l on l.code = r.code and l.date_beg = r.date_beg
        where r.directory_code = ${spec.code}
          and (r.name, r.date_end, r.parent_code, r.attrs) is distinct from (l.name, l.date_end, l.parent_code, l.attrs)
        returning 1
      ), merged as (
        insert into nsi.record
          (directory_code, code, date_beg, date_end, name, parent_code, attrs, first_version_id, version_id)
        select ${spec.code}, code, date_beg, date_end, name, parent_code, attrs, ${versionId}, ${versionId}
        from latest
        on conflict (directory_code, code, date_beg) do update set
          date_end = excluded.date_end, name = excluded.name, parent_code = excluded.parent_code,
          attrs = excluded.attrs, version_id = excluded.version_id
        returning 1
      )
      select (select count(*) from moved)::int as changed, (select count(*) from merged)::int as merged`) as unknown as {
      changed: number;
    }[];
    const changed = counts?.changed ?? 0;
    await tx`delete from nsi.record_stage where version_id = ${versionId}`;
    const h = header as NsiPublication;
    await tx`
      update nsi.directory_version
      set version = ${h.version}, published_at = ${h.publishedAt}, record_count = ${staged},
          changed_count = ${changed}
      where id = ${versionId}`;
    return {
      code: spec.code,
      status: 'loaded' as const,
      version: h.version,
      records: staged,
      changed,
      ms: Math.round(performance.now() - started),
    };
  });
}

function readRecords(
  spec: DirectorySpec,
  filePath: string,
  onHeader: (h: NsiPublication) => void,
): AsyncGenerator<NsiRecord> {
  const chunks = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  return spec.source === 'ffoms'
    ? readFfomsDirectory(chunks, spec, onHeader)
    : readMinzdravDirectory(chunks, spec, onHeader);
}

/** Loads every directory of the catalogue from `dataDir` (default: the files shipped with the product). */
export async function loadAllDirectories(
  sql: Sql,
  dataDir = defaultNsiDataDir,
): Promise<DirectoryLoadResult[]> {
  const results: DirectoryLoadResult[] = [];
  for (const spec of directoryCatalogue) {
    results.push(await loadDirectory(sql, spec, `${dataDir}/${spec.source}/${spec.file}`));
  }
  return results;
}
