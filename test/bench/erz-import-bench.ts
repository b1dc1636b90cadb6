// ЕРЗ extract import: a generated, zipped windows-1251 extract of 100,000 persons (half of them registered,
// half new; 1–3 policies, 1–2 attachments, 1–2 documents each, the demo region's СМО/МО/district codes)
// imported as the application role with a fund administrator's context, as the queue consumer does.
// Part of `npm run bench`; alone: `npx tsx test/bench/erz-import-bench.ts`.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Zip, ZipDeflate } from 'fflate';
import postgres from 'postgres';
import { ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure, type RegionStructure } from '../../shared/demo/region-structure';
import { loadAllDirectories } from '../../shared/nsi/db/nsi-loader';
import { importErzExtract } from '../../shared/person/db/erz-import';
import { registerErzImport } from '../../shared/person/db/erz-import-journal';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { erzExtractChunks } from '../../shared/person/formats/erz-extract-writer';
import { type AccessContext, withCaller } from '../../shared/platform/access/scoped';
import { appDatabaseUrl, enableAppLogin } from '../../shared/platform/db/app-role';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { type CopyValue, copyRows } from '../../shared/platform/db/copy';
import { migrate } from '../../shared/platform/db/migrate';
import { erzPersonFromDemo, erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { withBenchDatabase } from './bench-database';
import { report } from './report';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function* extractPersons(seed: string, region: RegionStructure, total: number, registered: number) {
  const codes = erzRegionCodes(region);
  let n = 0;
  for (const g of generatePersons(seed, registered, region)) {
    const p = erzPersonFromDemo(g, region);
    n++;
    // The ЕРЗ knows more than the demo register: a second document for some, a changed phone for others.
    const person: ErzPerson =
      n % 3 === 0
        ? {
            ...p,
            documents: [
              ...p.documents,
              { docType: 3, docSer: 'I-ДМ', docNum: String(100_000 + n), docDate: null },
            ],
          }
        : { ...p, phone: n % 3 === 1 ? `+7999${String(n).padStart(7, '0')}` : p.phone };
    yield person;
  }
  for (let i = 1; n < total; i++, n++) yield newErzPerson(i, codes, seed);
}

/** Writes the extract as a ZIP holding one windows-1251 XML, streamed (the generator never holds it all). */
async function writeZippedExtract(file: string, persons: Iterable<ErzPerson>, count: number): Promise<void> {
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const zip = new Zip((error, data, final) => {
    if (error) throw error;
    out.write(data);
    if (final) out.end();
  });
  const entry = new ZipDeflate('ERZ_99_BENCH.xml', { level: 6 });
  zip.add(entry);
  const header = { date: '2026-01-15', fileName: 'ERZ_99_BENCH', okato: '99000', count };
  for (const chunk of erzExtractChunks(header, persons, 'windows-1251')) {
    entry.push(chunk);
    if (out.writableNeedDrain) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  entry.push(new Uint8Array(0), true);
  zip.end();
  await done;
}

/**
 * The ceiling of a register import: COPY FROM STDIN (through postgres.js, as the imports write) of the `persons` newest persons' rows — person, policies,
 * attachments, documents — into copies of those tables with the same indexes and constraints (no foreign keys),
 * the data read out beforehand. Answers the COPY time in ms.
 */
async function indexedCopyMs(owner: Sql, persons: number): Promise<number> {
  const tables = ['person', 'policy', 'attachment', 'document'];
  const data = new Map<string, { columns: string[]; rows: CopyValue[][] }>();
  await owner`drop schema if exists bench_copy cascade`;
  await owner`create schema bench_copy`;
  for (const table of tables) {
    await owner.unsafe(
      `create table bench_copy.${table} (like person.${table} including indexes including constraints)`,
    );
    const key = table === 'person' ? 'id' : 'person_id';
    const result = await owner
      .unsafe(
        `select * from person.${table} where ${key} in (select id from person.person order by id desc limit ${persons})`,
      )
      .values();
    data.set(table, {
      columns: result.columns.map((c) => c.name),
      rows: result as unknown as CopyValue[][],
    });
  }
  const t = performance.now();
  for (const table of tables) {
    const { columns, rows } = data.get(table)!;
    await copyRows(owner, `bench_copy.${table}`, columns, rows);
  }
  const ms = performance.now() - t;
  await owner`drop schema bench_copy cascade`;
  return ms;
}

/**
 * Runs the case against a database that holds the demo region generated from `seed` with at least
 * `registered` persons. Prints time, throughput and peak RSS of the import alone.
 */
export async function benchErzImport(
  owner: Sql,
  ownerUrl: string,
  seed: string,
  options: { total?: number; registered?: number } = {},
): Promise<void> {
  const total = options.total ?? 100_000;
  const registered = options.registered ?? total / 2;
  const dir = await mkdtemp('/var/tmp/omslink-erz-bench-');
  const password = randomBytes(18).toString('base64url');
  await enableAppLogin(owner, password);
  const app = postgres(appDatabaseUrl(ownerUrl, password), baseOptions(2)) as unknown as Sql;
  try {
    const file = path.join(dir, 'ERZ_99_BENCH.zip');
    const region = generateRegionStructure(seed);
    let t = performance.now();
    await writeZippedExtract(file, extractPersons(seed, region, total, registered), total);
    const size = (await stat(file)).size;
    console.log(
      `ЕРЗ extract generated: ${total} persons (${registered} registered, ${total - registered} new), ZIP ${mb(size)}, ${(performance.now() - t).toFixed(0)} ms`,
    );

    const who: AccessContext = {
      username: 'test_admin',
      role: 'fund_admin',
      orgCode: '99',
      orgKind: 'TFOMS',
      channel: 'file',
      requestId: 'bench',
    };
    const registration = await withCaller(app, { ...who, channel: 'web' }, (tx) =>
      registerErzImport(tx, {
        channel: 'web',
        fileName: 'ERZ_99_BENCH.zip',
        fileSize: size,
        sha256: randomBytes(32).toString('hex'),
        blobKey: null,
        status: 'queued',
      }),
    );
    const [before] = await owner<
      { max: string }[]
    >`select coalesce(max(id), 0)::text as max from person.person`;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const phases: string[] = [];
    t = performance.now();
    const result = await importErzExtract(
      app,
      createReadStream(file, { highWaterMark: 256 * 1024 }),
      registration.import.id,
      who,
      { protocolLimit: 100, onPhase: (name, ms) => phases.push(`${name} ${ms.toFixed(0)}`) },
    );
    const ms = performance.now() - t;
    clearInterval(sampler);
    const c = result.counts!;
    console.log(
      `ЕРЗ import: ${c.total} persons (${c.created} created, ${c.updated} updated, ${c.rejected} rejected) in ${ms.toFixed(0)} ms ` +
        `(${Math.round(c.total / (ms / 1000))} persons/s), peak RSS ${mb(peak)} (${mb(baseline)} before)`,
    );
    console.log(`ЕРЗ import phases (ms): ${phases.join(', ')}`);
    const ceilingMs = await indexedCopyMs(owner, c.total);
    report({
      path: `ЕРЗ extract import, ${c.total.toLocaleString('en-US')} persons`,
      value: ms / 1000,
      unit: 's',
      better: 'lower',
      detail: `${Math.round(c.total / (ms / 1000)).toLocaleString('en-US')} persons/s, peak RSS ${mb(peak)}`,
      ceiling: {
        label: `COPY of the same persons with policies, attachments, documents into tables with the register's indexes`,
        value: ceilingMs / 1000,
        unit: 's',
      },
    });
    // Leave the register as the other benchmarks expect it: without the persons this one added.
    await owner.begin(async (tx) => {
      for (const table of ['person.document', 'person.policy', 'person.attachment']) {
        await tx`delete from ${tx(table)} where person_id > ${before!.max}`;
      }
      await tx`delete from person.person where id > ${before!.max}`;
    });
  } finally {
    await app.end({ timeout: 5 });
    await rm(dir, { recursive: true, force: true });
  }
}

// Alone: a throw-away embedded PostgreSQL with НСИ and a demo region of 100,000 persons.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seed = 'bench-100k';
  await withBenchDatabase(async (sql, url) => {
    await migrate(sql);
    await loadAllDirectories(sql);
    await ensureDemoRegion(sql, { seed, persons: 100_000 });
    await benchErzImport(sql, url, seed);
  });
}
