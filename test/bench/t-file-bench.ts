// T1 file import (issue 10): a generated, zipped windows-1251 T1 file of 20,000 referrals from the demo region's
// first polyclinic (test_mo) to the hospitals' departments, for the region's insured persons, imported end to end
// as the queue consumer does (journal claim, read, package processor, protocol, journal finish) — four times: the
// consumer's first file, then three files of which the median is reported. Reported against the ceiling measured in the same run: COPY of the
// same number of rows into the indexed `hosp.referral` table.
// Also the statements of a single-record package through the package processor (counted with postgres.js
// `debug`, as the application role). Alone: `npx tsx test/bench/t-file-bench.ts`.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { processPackage } from '../../shared/hospitalisation/db/process-package';
import { runTFileImportJob } from '../../shared/hospitalisation/db/t-file-import-job';
import { registerTFile } from '../../shared/hospitalisation/db/t-file-journal';
import type { ReferralRecord } from '../../shared/hospitalisation/domain/records';
import { writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import { loadAllDirectories } from '../../shared/nsi/db/nsi-loader';
import { type AccessContext, withCaller } from '../../shared/platform/access/scoped';
import { appDatabaseUrl, enableAppLogin } from '../../shared/platform/db/app-role';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { copyRows } from '../../shared/platform/db/copy';
import { migrate } from '../../shared/platform/db/migrate';
import { directoryBlobs } from '../../shared/platform/ports/directory-blobs';
import { withBenchDatabase } from './bench-database';
import { report, writeReport } from './report';

interface Target {
  moCode: string;
  code: string;
  profile: number;
  conditions: number;
  bedProfile: number;
}

interface Patient {
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  sex: 1 | 2;
  birthDate: string;
}

interface BenchFacts {
  today: string;
  sender: { username: string; role: 'mo_registrar'; orgCode: string };
  doctorSnils: string;
  targets: Target[];
  patients: Patient[];
}

const daysBefore = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

/** What the generated referrals need from the demo region: the sender, departments with beds, insured persons. */
export async function benchFacts(owner: Sql, count: number): Promise<BenchFacts> {
  const [{ today }] = (await owner`
    select (now() at time zone 'Europe/Moscow')::date::text as today`) as unknown as [{ today: string }];
  const [account] = await owner<{ orgCode: string }[]>`
    select org_code as "orgCode" from auth.account where username = 'test_mo'`;
  const [doctor] = await owner<{ snils: string }[]>`
    select snils from org.doctor where mo_code = ${account!.orgCode} order by snils limit 1`;
  const valid = (directory: string, code: unknown) => owner`
    exists (select 1 from nsi.record n where n.directory_code = ${directory} and n.code = ${code as string}
              and n.date_beg <= ${daysBefore(today, 30)}::date and (n.date_end is null or n.date_end >= current_date))`;
  // Sex-neutral adult bed profiles, consistent with the department's profile where a rule exists.
  const targets = await owner<Target[]>`
    select d.mo_code as "moCode", d.code, d.profile_v002 as profile, d.conditions_v006::int as conditions,
           b.bed_profile_v020 as "bedProfile"
    from org.department d join org.department_bed b on b.department_id = d.id
    where d.kind = 'inpatient' and b.beds >= 1 and (d.date_end is null or d.date_end >= current_date)
      and b.bed_profile_v020 not in (1, 2, 3, 4, 5, 6, 7, 8, 21, 45, 46, 77)
      and not exists (select 1 from nsi.sex_specific_bed_profile s where s.bed_profile_v020 = b.bed_profile_v020)
      and nsi.name_on('V020', b.bed_profile_v020::text, current_date) !~* 'дет|новорожд|беремен|акуш|гинек'
      and (not exists (select 1 from hosp.bed_profile_rule r where r.bed_profile_v020 = b.bed_profile_v020)
           or exists (select 1 from hosp.bed_profile_rule r
                      where r.bed_profile_v020 = b.bed_profile_v020 and r.profile_v002 = d.profile_v002))
      and ${valid('V002', owner`d.profile_v002::text`)} and ${valid('V020', owner`b.bed_profile_v020::text`)}
      and ${valid('V006', owner`d.conditions_v006::text`)}
    order by d.mo_code, d.code, b.bed_profile_v020`;
  // Persons insured for the last 60 days (one open policy), in id order.
  const patients = await owner<Patient[]>`
    select p.enp, p.fam, p.im, p.ot, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate"
    from person.person p
    where exists (select 1 from person.policy po where po.person_id = p.id and po.date_end is null
                    and po.date_beg <= current_date - 60)
      and p.birth_date < current_date - interval '18 years'
    order by p.id limit ${count}`;
  if (targets.length === 0 || patients.length < count || !doctor) {
    throw new Error(`the demo region lacks departments, a doctor or ${count} insured persons`);
  }
  return {
    today,
    sender: { username: 'test_mo', role: 'mo_registrar', orgCode: account!.orgCode },
    doctorSnils: doctor.snils,
    targets,
    patients,
  };
}

/** `count` referrals of the polyclinic, one per person, spread over the departments. */
export function* referrals(f: BenchFacts, count: number, run: string): Generator<ReferralRecord> {
  for (let i = 0; i < count; i++) {
    const t = f.targets[i % f.targets.length]!;
    const p = f.patients[i]!;
    yield {
      sourceId: `${run}-${i + 1}`,
      number: `${f.sender.orgCode.slice(-4)}${run.slice(0, 4)}${String(i + 1).padStart(8, '0')}`,
      date: daysBefore(f.today, 3 + (i % 20)),
      form: 3,
      fromMoCode: f.sender.orgCode,
      toMoCode: t.moCode,
      toDepartmentCode: t.code,
      conditions: t.conditions,
      profile: t.profile,
      bedProfile: t.bedProfile,
      diagnosis: 'I20.8',
      doctorSnils: f.doctorSnils,
      plannedDate: daysBefore(f.today, -5),
      kind: 'plain',
      patient: {
        enp: p.enp,
        fam: p.fam,
        im: p.im,
        ...(p.ot ? { ot: p.ot } : {}),
        sex: p.sex,
        birthDate: p.birthDate,
      },
    };
  }
}

/**
 * COPY of `count` referral rows (the T1 file's values) into the indexed `hosp.referral` with its foreign keys,
 * rolled back.
 */
async function copyCeiling(owner: Sql, f: BenchFacts, count: number, personIds: string[]): Promise<number> {
  const rows = [...referrals(f, count, 'copy')].map((r, i) => [
    f.sender.orgCode,
    r.sourceId,
    r.number,
    r.date,
    r.form,
    r.fromMoCode,
    r.toMoCode,
    r.toDepartmentCode ?? null,
    r.conditions,
    r.profile,
    r.bedProfile,
    r.diagnosis,
    r.doctorSnils,
    r.plannedDate,
    daysBefore(r.date, -30),
    r.kind,
    personIds[i % personIds.length]!,
    null,
  ]);
  let ms = 0;
  await owner
    .begin(async (tx) => {
      // The table's own work only: the audit trigger stays quiet, as it does for the import.
      await tx`select set_config('omslink.audit_bulk', 'on', true)`;
      const started = performance.now();
      await copyRows(
        tx,
        'hosp.referral',
        // biome-ignore format: one line per group reads better
        ['sender_code', 'source_id', 'number', 'referral_date', 'form_v014', 'from_mo_code', 'to_mo_code',
         'to_department_code', 'conditions_v006', 'profile_v002', 'bed_profile_v020', 'diagnosis', 'doctor_snils',
         'planned_date', 'valid_until', 'kind', 'person_id', 'phone'],
        rows,
      );
      ms = performance.now() - started;
      throw new Error('rollback');
    })
    .catch((error: Error) => {
      if (error.message !== 'rollback') throw error;
    });
  return ms;
}

/**
 * Statements of one single-record referral package (as the application role, counted by postgres.js `debug`):
 * the package processor's, and those of the transaction around it (begin, the caller context, commit), which
 * the edge owns.
 */
async function singleRecordStatements(
  appUrl: string,
  f: BenchFacts,
): Promise<{ processor: number; edge: number; texts: string[] }> {
  let texts: string[] = [];
  const counted = postgres(appUrl, {
    ...baseOptions(1),
    debug: (_connection: number, query: string) => {
      texts.push(query.replace(/\s+/g, ' ').trim().slice(0, 90));
    },
  }) as unknown as Sql;
  try {
    const who: AccessContext = {
      username: 'soap_mo',
      role: 'mo_system',
      orgCode: f.sender.orgCode,
      orgKind: 'MO',
      channel: 'soap',
      requestId: randomUUID(),
    };
    const send = (record: ReferralRecord) =>
      processPackage(counted, who, 'referral', { packageId: randomUUID(), senderCode: who.orgCode }, [
        record,
      ]);
    const [warm, measured] = [...referrals(f, 2, randomBytes(2).toString('hex'))].map((r, i) => ({
      ...r,
      patient: { enp: f.patients[f.patients.length - 1 - i]!.enp },
    }));
    await send(warm!); // warms the per-process caches (FLK rules, sex-specific codes) as a running function has them
    texts = [];
    const protocol = await send(measured!);
    if (protocol.status !== 'accepted') throw new Error(`single record: ${JSON.stringify(protocol.records)}`);
    const edge = texts.filter(
      (q) => /^(begin|commit)\b/i.test(q) || q.includes("set_config('omslink.username'"),
    );
    return { processor: texts.length - edge.length, edge: edge.length, texts };
  } finally {
    await counted.end({ timeout: 5 });
  }
}

/**
 * Runs the case against a database that holds the demo region (at least `count` insured adults): the T1 file, its
 * import, the COPY ceiling and the single-record statement count. Rows go to the report (`report()`).
 */
export async function benchTFile(
  owner: Sql,
  ownerUrl: string,
  options: { count?: number } = {},
): Promise<void> {
  const count = options.count ?? 20_000;
  const dir = await mkdtemp('/var/tmp/omslink-t-file-bench-');
  const password = randomBytes(18).toString('base64url');
  await enableAppLogin(owner, password);
  const appUrl = appDatabaseUrl(ownerUrl, password);
  const app = postgres(appUrl, baseOptions(2)) as unknown as Sql;
  try {
    const f = await benchFacts(owner, count);
    const blobs = directoryBlobs(dir);
    const requestedBy = { ...f.sender, channel: 'web' as const };
    /** A T1 file of `count` referrals, uploaded and imported as the queue consumer does: seconds and its run. */
    const importOnce = async () => {
      const run = randomBytes(2).toString('hex');
      let t = performance.now();
      const file = writeTFile(
        { type: 'T1', senderKind: 'M', senderCode: f.sender.orgCode, date: f.today, sequence: null },
        [...referrals(f, count, run)].map((record) => ({ record })),
      );
      console.log(
        `T1 file generated: ${count} referrals, ZIP ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB, ${(performance.now() - t).toFixed(0)} ms`,
      );
      const key = `t-files/${run}.zip`;
      await blobs.put('inbox', key, file.bytes);
      const who: AccessContext = { ...requestedBy, orgKind: 'MO', requestId: randomUUID() };
      const { file: entry } = await withCaller(app, who, (tx) =>
        registerTFile(tx, {
          channel: 'web',
          fileName: file.fileName,
          fileSize: file.bytes.length,
          sha256: randomBytes(32).toString('hex'),
          blobKey: key,
        }),
      );
      t = performance.now();
      const result = await runTFileImportJob(
        app,
        blobs,
        { kind: 't-file', requestedBy, fileId: entry.id, bucket: 'inbox', key },
        randomUUID(),
      );
      const seconds = (performance.now() - t) / 1000;
      if (result.status !== 'done' || result.counts?.accepted !== count) {
        throw new Error(`T1 import: ${JSON.stringify(result)}`);
      }
      return { seconds, run };
    };
    // The consumer's first file pays for its start (node compiling the reader and the checks, new database
    // connections planning their statements); the row is a file of a running consumer, the first in the detail.
    // The row is the median of three files (the machine's neighbours move a single file by ±10 %), each listed.
    const first = await importOnce();
    const files = [await importOnce(), await importOnce(), await importOnce()];
    const { seconds, run } = [...files].sort((a, b) => a.seconds - b.seconds)[1]!;
    const personIds = (
      await owner<{ id: string }[]>`
        select person_id::text as id from hosp.referral where source_id like ${`${run}-%`} order by id limit 1000`
    ).map((r) => r.id);
    const copyMs = await copyCeiling(owner, f, count, personIds);
    const copyRate = count / (copyMs / 1000);
    report({
      path: `T1 file import, ${count.toLocaleString('en-US')} referrals, end to end`,
      value: seconds,
      unit: 's',
      better: 'lower',
      detail: `median of 3 files of a running consumer (${files.map((r) => r.seconds.toFixed(2)).join(', ')} s); the consumer's first file ${first.seconds.toFixed(2)} s`,
      goal: 5,
    });
    report({
      path: `T1 file import, ${count.toLocaleString('en-US')} referrals, throughput`,
      value: count / seconds,
      unit: 'records/s',
      better: 'higher',
      ceiling: {
        value: copyRate,
        unit: 'records/s',
        label: `COPY of ${count.toLocaleString('en-US')} rows into the indexed hosp.referral, ${(copyMs / 1000).toFixed(2)} s`,
      },
      goal: copyRate * 0.25,
    });
    const statements = await singleRecordStatements(appUrl, f);
    if (process.env.BENCH_VERBOSE) console.log(statements.texts.join('\n'));
    report({
      path: 'Package processor, single-record SendReferrals, statements',
      value: statements.processor,
      unit: 'statements',
      better: 'lower',
      detail: `the transaction around it adds ${statements.edge} (begin, caller context, commit); the SOAP edge adds authentication and rate counting`,
      goal: 8,
    });
  } finally {
    await app.end({ timeout: 5 });
    await rm(dir, { recursive: true, force: true });
  }
}

// Alone: a throw-away embedded PostgreSQL with НСИ and a demo region of 100,000 persons.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await withBenchDatabase(async (sql, url) => {
    await migrate(sql);
    await loadAllDirectories(sql);
    await ensureDemoRegion(sql, { seed: 'bench-100k', persons: 100_000 });
    await benchTFile(sql, url);
    await writeReport(process.cwd());
  });
}
