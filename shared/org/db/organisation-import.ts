import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import {
  type DirectoryRecord,
  type ImportRegion,
  organisationFromDirectory,
} from '../domain/directory-organisation';
import { orgIssue } from '../domain/organisation-flk';
import type { OrganisationCreate } from '../domain/organisation-input';

export interface ImportRecordError {
  ordinal: number;
  code: string;
  errors: FlkIssue[];
}

export interface DirectoryImportResult {
  /** Which publications the file held: F003 (МО), F002 (СМО). */
  directories: ('F003' | 'F002')[];
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Organisations of other regions. */
  skipped: number;
  rejected: number;
  errors: ImportRecordError[];
  /**
   * Warnings about the file as a whole (severity `warning`), e.g. a file declared windows-1251 but written in
   * UTF-8, read as UTF-8.
   */
  warnings: FlkIssue[];
}

const batchSize = 500;
/** Per-record errors kept in the answer; the counts stay exact beyond it. */
const maxReportedErrors = 1_000;

/**
 * Upserts the organisations of this region from an F003/F002 publication, keyed by code, in the caller's
 * transaction: new codes are created, changed requisites updated (an existing МО keeps its kind), identical
 * records left alone. Other regions' records are skipped; records failing FLK are reported and not stored.
 * Written in multi-row batches (COPY is refused on tables with row-level security); one audit entry.
 */
export async function importOrganisationDirectory(
  tx: Tx,
  records: AsyncIterable<DirectoryRecord>,
  region: ImportRegion,
  details: {
    fileName?: string | undefined;
    size: number;
    /** Filled by the reader while it reads (its `onIssue`): taken once the records are read. */
    warnings?: readonly FlkIssue[];
  },
): Promise<DirectoryImportResult> {
  const result: DirectoryImportResult = {
    directories: [],
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    rejected: 0,
    errors: [],
    warnings: [],
  };
  const changed: string[] = [];
  const seen = new Set<string>();
  const reject = (error: ImportRecordError) => {
    result.rejected++;
    if (result.errors.length < maxReportedErrors) result.errors.push(error);
  };
  let batch: { ordinal: number; organisation: OrganisationCreate }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const written = await upsertBatch(tx, batch, region.regionCode);
    for (const item of batch) {
      const outcome = written.get(item.organisation.code);
      if (outcome === 'kind') {
        reject({
          ordinal: item.ordinal,
          code: item.organisation.code,
          errors: [
            orgIssue({
              code: '905',
              field: item.organisation.kind === 'MO' ? 'mcod' : 'smocod',
              value: item.organisation.code,
              message: 'Код уже занят организацией другого вида',
            }),
          ],
        });
      } else if (outcome === 'created' || outcome === 'updated') {
        result[outcome]++;
        changed.push(item.organisation.code);
      } else {
        result.unchanged++;
      }
    }
    batch = [];
  };

  for await (const record of records) {
    result.total++;
    const directory = record.kind === 'MO' ? 'F003' : 'F002';
    if (!result.directories.includes(directory)) result.directories.push(directory);
    const verdict = organisationFromDirectory(record, region);
    if (verdict.status === 'skipped') {
      result.skipped++;
    } else if (verdict.status === 'invalid') {
      reject({ ordinal: verdict.ordinal, code: verdict.code, errors: verdict.errors });
    } else if (seen.has(verdict.organisation.code)) {
      const field = record.kind === 'MO' ? 'mcod' : 'smocod';
      reject({
        ordinal: verdict.ordinal,
        code: verdict.organisation.code,
        errors: [
          orgIssue({
            code: '905',
            field,
            value: verdict.organisation.code,
            message: 'Код организации повторяется в файле',
          }),
        ],
      });
    } else {
      seen.add(verdict.organisation.code);
      batch.push(verdict);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  result.warnings = [...(details.warnings ?? [])];

  const { errors: _, warnings: __, ...counts } = result;
  const { warnings: ___, ...file } = details;
  await audit(tx, 'import', 'organisation', { records: changed }, { ...counts, ...file });
  return result;
}

type Outcome = 'created' | 'updated' | 'kind';

async function upsertBatch(
  tx: Tx,
  batch: readonly { organisation: OrganisationCreate }[],
  regionCode: string,
): Promise<Map<string, Outcome>> {
  const orgs = batch.map((b) => b.organisation);
  const outcomes = new Map<string, Outcome>();
  const kinds = await tx<{ code: string; kind: string }[]>`
    select code, kind from org.organisation where code = any(${orgs.map((o) => o.code)}::text[])`;
  const clash = new Set(
    kinds.filter((k) => k.kind !== orgs.find((o) => o.code === k.code)?.kind).map((k) => k.code),
  );
  for (const code of clash) outcomes.set(code, 'kind');
  const rows = orgs
    .filter((o) => !clash.has(o.code))
    .map((o) => ({
      code: o.code,
      kind: o.kind,
      name: o.name,
      short_name: o.shortName,
      mo_kind: o.moKind ?? null,
      region_code: regionCode,
      okato: o.okato,
      inn: o.inn,
      ogrn: o.ogrn,
      kpp: o.kpp,
      address: o.address,
      phone: o.phone,
      date_beg: o.dateBeg,
      date_end: o.dateEnd ?? null,
    }));
  if (rows.length === 0) return outcomes;
  const written = await tx<{ code: string; inserted: boolean }[]>`
    insert into org.organisation ${tx(rows)}
    on conflict (code) do update set
      name = excluded.name, short_name = excluded.short_name, okato = excluded.okato, inn = excluded.inn,
      ogrn = excluded.ogrn, kpp = excluded.kpp, address = excluded.address, phone = excluded.phone,
      date_beg = excluded.date_beg, date_end = excluded.date_end, updated_at = now()
    where (organisation.name, organisation.short_name, organisation.okato, organisation.inn, organisation.ogrn,
           organisation.kpp, organisation.address, organisation.phone, organisation.date_beg,
           organisation.date_end)
          is distinct from
          (excluded.name, excluded.short_name, excluded.okato, excluded.inn, excluded.ogrn, excluded.kpp,
           excluded.address, excluded.phone, excluded.date_beg, excluded.date_end)
    returning code, (xmax = 0) as inserted`;
  for (const w of written) outcomes.set(w.code, w.inserted ? 'created' : 'updated');
  return outcomes;
}
