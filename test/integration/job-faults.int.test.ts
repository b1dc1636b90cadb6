import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { zipSync } from 'fflate';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConsumerProcess } from '../../infra/local/queue-consumer-process';
import { type QueueWorker, startQueueWorker } from '../../infra/local/queue-worker';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { registerTFile } from '../../shared/hospitalisation/db/t-file-journal';
import type { PatientRef } from '../../shared/hospitalisation/domain/records';
import { writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import { registerErzImport } from '../../shared/person/db/erz-import-journal';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { writeErzExtract } from '../../shared/person/formats/erz-extract-writer';
import { fileFailureMessages } from '../../shared/platform/bulk/file-run';
import type { Sql } from '../../shared/platform/db/connection';
import {
  createLocalQueues,
  extendLease,
  localQueueNames,
  otherQueueSessions,
  pgBossQueue,
  queueSessionPrefix,
  reclaimAbandonedJobs,
} from '../../shared/platform/ports/pgboss-queue';
import { getPorts } from '../../shared/platform/ports/ports';
import type { QueueMessage } from '../../shared/platform/queue-message';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { type HospFixture, hospFixture, isoDaysAgo, referral } from '../helpers/hospitalisation-fixtures';
import { type ApiAnswer, callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { startRuntimeProcess } from '../helpers/runtime-process';
import { zipBomb } from '../helpers/zip-bomb';
import { testDemo } from './global-setup';

/**
 * Faults around file imports and their queue jobs (issue 9): a consumer killed mid-file, a message delivered
 * again, a file gone from the inbox, the queue down at upload, a ZIP bomb, a windows-1251 declaration over
 * UTF-8 bytes. Each ends in a definite journal state with a Russian message, never an error class, and with
 * exactly the rows of a clean run.
 */

let rt: TestRuntime;
let fx: HospFixture;
const tokens: Record<string, string> = {};
const codes = erzRegionCodes(generateRegionStructure(testDemo.seed));
const header = { date: '2026-01-15', fileName: 'ERZ_99_FAULTS', okato: '99000' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  rt = await startTestRuntime();
  fx = await hospFixture(rt.db.sql);
  for (const user of ['test_admin', 'test_mo']) tokens[user] = await signInToken(rt.runtime.url, user);
});
afterAll(async () => {
  await rt?.stop();
});

function uploadTo(baseUrl: string, path: string, body: Uint8Array, token: string, fileName: string) {
  return callApi(baseUrl, path, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(body),
  });
}
const uploadErz = (
  body: Uint8Array,
  fileName: string,
  baseUrl = rt.runtime.url,
  token = tokens.test_admin!,
) => uploadTo(baseUrl, '/api/v1/erz/imports', body, token, fileName);
const uploadTFile = (body: Uint8Array, fileName: string) =>
  uploadTo(rt.runtime.url, '/api/v1/hospitalisation/files', body, tokens.test_mo!, fileName);

/** Follows a journal entry over REST until the queue consumer has finished it. */
async function finished(
  path: string,
  key: 'import' | 'file',
  token: string,
  seconds = 60,
): Promise<ApiAnswer> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const answer = await callApi(rt.runtime.url, path, { token });
    if (!['queued', 'processing'].includes(answer.body?.[key]?.status)) return answer;
    if (Date.now() > until) throw new Error(`${path} did not finish`);
    await sleep(100);
  }
}

/** Waits until `probe` answers something other than undefined. */
async function until<T>(probe: () => Promise<T | undefined>, seconds: number, what: string): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function erzEntry(sql: Sql, id: number) {
  const [row] = await sql<
    { status: string; attempts: number; error: string | null; finishedAt: Date | null; counts: unknown }[]
  >`select status, attempts, error, finished_at as "finishedAt", counts from ops.erz_import where id = ${id}`;
  return row;
}

async function jobsOf(sql: Sql, field: 'importId' | 'fileId', id: number) {
  return sql<{ id: string; name: string; state: string; retryCount: number }[]>`
    select id, name, state::text, retry_count as "retryCount" from pgboss.job
    where data->>${field} = ${String(id)} order by created_on`;
}

/** The file's jobs once none is waiting or running any more (the journal is finished a moment before). */
function settledJobs(sql: Sql, field: 'importId' | 'fileId', id: number) {
  return until(
    async () => {
      const jobs = await jobsOf(sql, field, id);
      return jobs.some((j) => ['created', 'retry', 'active'].includes(j.state)) ? undefined : jobs;
    },
    30,
    'the jobs to settle',
  );
}

/** What the register holds about these persons (by ЕНП): counts and a hash of their content. */
async function registerContent(sql: Sql, persons: readonly ErzPerson[]) {
  const enps = persons.map((p) => p.enp);
  const [row] = await sql<
    { persons: number; documents: number; policies: number; attachments: number; hash: string }[]
  >`
    with p as (select * from person.person where enp = any(${enps})),
    lines as (
      select 'P' as t, concat_ws(';', enp, snils, fam, im, ot, sex, birth_date, phone, doc_type, doc_ser, doc_num) as l
      from p
      union all
      select 'D', concat_ws(';', p.enp, d.doc_type, d.doc_ser, d.doc_num, d.doc_date)
      from person.document d join p on p.id = d.person_id
      union all
      select 'O', concat_ws(';', p.enp, o.policy_type, o.series, o.number, o.smo_code, o.date_beg, o.date_end,
                            o.close_reason)
      from person.policy o join p on p.id = o.person_id
      union all
      select 'A', concat_ws(';', p.enp, a.mo_code, a.district_code, a.doctor_snils, a.date_beg, a.date_end)
      from person.attachment a join p on p.id = a.person_id)
    select (count(*) filter (where t = 'P'))::int as persons, (count(*) filter (where t = 'D'))::int as documents,
           (count(*) filter (where t = 'O'))::int as policies, (count(*) filter (where t = 'A'))::int as attachments,
           coalesce(md5(string_agg(t || l, '|' order by t, l)), '') as hash
    from lines`;
  return row!;
}

const expectedCounts = (persons: ErzPerson[]) => ({
  persons: persons.length,
  documents: persons.reduce((n, p) => n + p.documents.length, 0),
  policies: persons.reduce((n, p) => n + p.policies.length, 0),
  attachments: persons.reduce((n, p) => n + p.attachments.length, 0),
});

describe('a queue consumer killed mid-file', () => {
  let other: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    other = await createTestDatabase();
    dataDir = await mkdtemp('/var/tmp/omslink-rt-');
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await other?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is reclaimed at once when the runtime starts again, and ends with exactly the rows of a clean run', {
    timeout: 240_000,
  }, async () => {
    // Prepare: an extract that takes a few seconds; a runtime in a child process on its own database
    const persons = Array.from({ length: 20_000 }, (_, i) => newErzPerson(100_000 + i, codes, 'faults'));
    const file = zipSync({ 'ERZ_99_FAULTS.xml': writeErzExtract(header, persons, 'windows-1251') });
    const options = {
      databaseUrl: other.url,
      appDbPassword: inject('appDbPassword'),
      dataDir,
      port: 0,
      demoFlows: false,
      demoSeed: testDemo.seed,
      demoPersons: testDemo.persons,
    };
    const first = await startRuntimeProcess(options);
    let second: Awaited<ReturnType<typeof startRuntimeProcess>> | undefined;
    try {
      const token = await signInToken(first.url, 'test_admin');
      const accepted = await uploadErz(file, 'big.zip', first.url, token);
      expect(accepted.status, accepted.text).toBe(202);
      const id = accepted.body.id as number;

      // Act: kill the process while the file is being imported
      await until(
        async () => ((await erzEntry(other.sql, id))?.status === 'processing' ? true : undefined),
        60,
        'processing',
      );
      await sleep(300);
      await first.kill();

      // Assess: the dead worker left the file processing, its job active, nothing of the file applied
      expect(await erzEntry(other.sql, id)).toMatchObject({ status: 'processing', attempts: 1 });
      expect((await jobsOf(other.sql, 'importId', id)).map((j) => j.state)).toEqual(['active']);
      expect((await registerContent(other.sql, persons)).persons).toBe(0);

      // Act: start again on the same database and data directory
      const restarted = performance.now();
      second = await startRuntimeProcess(options);
      const started = performance.now() - restarted;
      await until(
        async () => ((await erzEntry(other.sql, id))?.attempts === 2 ? true : undefined),
        120,
        'the second claim',
      );
      const reclaimed = performance.now() - restarted;
      const done = await until(
        async () => {
          const entry = await erzEntry(other.sql, id);
          return entry?.status === 'processing' ? undefined : entry;
        },
        120,
        'the import',
      );
      const completed = performance.now() - restarted;
      console.info(
        `killed import: runtime restarted in ${Math.round(started)} ms, file claimed again after ${Math.round(reclaimed)} ms, done after ${Math.round(completed)} ms`,
      );

      // Assess: reclaimed within seconds (well inside 2 minutes), done once, as a clean import of the same file
      expect(reclaimed).toBeLessThan(120_000);
      expect(done).toMatchObject({ status: 'done', attempts: 2, error: null });
      const jobs = await settledJobs(other.sql, 'importId', id);
      expect(jobs.map((j) => [j.name, j.state, j.retryCount])).toEqual([['import', 'completed', 1]]);
      const clean = await uploadErz(file, 'big-clean.zip');
      expect(clean.status, clean.text).toBe(202);
      const cleanDone = await finished(
        `/api/v1/erz/imports/${clean.body.id}`,
        'import',
        tokens.test_admin!,
        120,
      );
      expect(cleanDone.body.import).toMatchObject({ status: 'done', attempts: 1 });
      expect(done?.counts).toEqual(cleanDone.body.import.counts);
      const afterKill = await registerContent(other.sql, persons);
      expect(afterKill).toEqual(await registerContent(rt.db.sql, persons));
      expect(afterKill).toMatchObject(expectedCounts(persons));
    } finally {
      await first.kill();
      await second?.kill();
    }
  });
});

/** A local import queue of its own (pg-boss on a fresh database, session `<prefix>-<name>`), stopped after `fn`. */
async function withLocalQueue(
  name: string,
  fn: (boss: PgBoss, db: TestDatabase, session: string) => Promise<void>,
): Promise<void> {
  const db = await createTestDatabase();
  const session = `${queueSessionPrefix}-${name}`;
  const boss = new PgBoss({ connectionString: db.url, schema: 'pgboss', max: 2, application_name: session });
  boss.on('error', () => {});
  try {
    await boss.start();
    await createLocalQueues(boss);
    await fn(boss, db, session);
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await db.drop();
  }
}

/** A message of an ЕРЗ extract at `key` of the inbox, as the fund's administrator sent it. */
const erzMessage = (key: string) =>
  ({
    kind: 'erz-extract',
    requestedBy: { username: 'test_admin', role: 'fund_admin', orgCode: '99', channel: 'web' },
    importId: 1,
    bucket: 'inbox',
    key,
  }) as QueueMessage;

describe('the local lease of an import job (pg-boss)', () => {
  it('is renewed by the heartbeat, and a job whose lease ran out is handed out again at once', async () => {
    // Prepare: a queue of its own on a fresh database, and one active job
    await withLocalQueue('lease-test', async (boss, db, session) => {
      const queue = pgBossQueue(boss);
      const message = erzMessage('erz/lease.xml');
      const [live, dead] = [await queue.send(message), await queue.send(message)];
      expect((await boss.fetch(localQueueNames.import, { batchSize: 2 })).length).toBe(2);
      const lease = async (id: string) => {
        const [row] = await db.sql<{ left: number; state: string }[]>`
          select extract(epoch from started_on + expire_in - now())::int as left, state::text
          from pgboss.job where id = ${id}`;
        return row!;
      };
      expect((await lease(live)).left).toBeLessThanOrEqual(120);

      // Act: the live job's worker beats; the dead one's lease runs out (as after 10 silent minutes)
      await db.sql`update pgboss.job set started_on = now() - interval '10 minutes' where id in (${live}, ${dead})`;
      expect(await extendLease(boss, live)).toBe(true);
      const reclaimed = await reclaimAbandonedJobs(boss, { all: false });

      // Assess: only the silent job is handed out again, at once, as one more delivery
      expect(reclaimed).toEqual([dead]);
      expect(await lease(live)).toMatchObject({ state: 'active' });
      expect((await lease(live)).left).toBeGreaterThan(100);
      const [again] = await db.sql<{ state: string; retryCount: number; due: boolean }[]>`
        select state::text, retry_count as "retryCount", start_after <= now() as due from pgboss.job where id = ${dead}`;
      expect(again).toEqual({ state: 'retry', retryCount: 0, due: true });
      expect(await extendLease(boss, dead)).toBe(false);
      // Another runtime's queue connections are seen; this one's own are not
      expect(await otherQueueSessions(boss, session)).toBe(0);
      expect(await otherQueueSessions(boss, `${queueSessionPrefix}-someone-else`)).toBeGreaterThan(0);
    });
  });
});

describe('the local queue worker', () => {
  it('hands a message sent by its runtime to the consumer at once, not after its pause', async () => {
    // Prepare: a worker whose empty-queue pause (60 s) is longer than the test may wait, and a consumer that
    // records what it is given
    const given: string[] = [];
    let delivered: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    const consumer: ConsumerProcess = {
      async invoke(event) {
        given.push(...event.Records.map((r) => (JSON.parse(r.body) as { key: string }).key));
        delivered();
        return { batchItemFailures: [] };
      },
      pid: () => undefined,
      stop: async () => {},
    };
    await withLocalQueue('wake-test', async (boss, _db, session) => {
      const worker: QueueWorker = await startQueueWorker(boss, { session, consumer, pollSeconds: 60 });
      try {
        await new Promise((resolve) => setTimeout(resolve, 500)); // the first poll found the queue empty
        const queue = pgBossQueue(boss, () => worker.wake());

        // Act
        const sentAt = performance.now();
        await queue.send(erzMessage('erz/wake.xml'));
        await arrived;

        // Assess: delivered once, seconds before the pause would have ended
        expect(given).toEqual(['erz/wake.xml']);
        expect(performance.now() - sentAt).toBeLessThan(30_000);
      } finally {
        await worker.stop(1_000);
      }
    });
  });
});

describe('file jobs in the local runtime', () => {
  it('ignores a message delivered again after its file was imported: journal and register unchanged', async () => {
    // Prepare: an imported extract
    const persons = [newErzPerson(200_001, codes, 'redeliver'), newErzPerson(200_002, codes, 'redeliver')];
    const accepted = await uploadErz(writeErzExtract(header, persons), 'redeliver.xml');
    const done = await finished(`/api/v1/erz/imports/${accepted.body.id}`, 'import', tokens.test_admin!);
    expect(done.body.import.status).toBe('done');
    const id = accepted.body.id as number;
    const before = {
      entry: await erzEntry(rt.db.sql, id),
      register: await registerContent(rt.db.sql, persons),
    };
    const [row] = await rt.db.sql<{ blobKey: string }[]>`
      select blob_key as "blobKey" from ops.erz_import where id = ${id}`;

    // Act: the same message once more
    const message: QueueMessage = {
      kind: 'erz-extract',
      requestedBy: { username: 'test_admin', role: 'fund_admin', orgCode: '99', channel: 'web' },
      importId: id,
      bucket: 'inbox',
      key: row!.blobKey,
    } as QueueMessage;
    const jobId = await getPorts().queue.send(message);
    const job = await until(
      async () => {
        const [j] = await rt.db.sql<{ state: string; retryCount: number }[]>`
          select state::text, retry_count as "retryCount" from pgboss.job where id = ${jobId}`;
        return j && ['completed', 'failed'].includes(j.state) ? j : undefined;
      },
      30,
      'the job',
    );

    // Assess: acknowledged at once, nothing changed
    expect(job).toEqual({ state: 'completed', retryCount: 0 });
    expect(await erzEntry(rt.db.sql, id)).toEqual(before.entry);
    expect(await registerContent(rt.db.sql, persons)).toEqual(before.register);
    expect(before.register.persons).toBe(2);
  });

  it('ends a file whose bytes are gone from the inbox failed, with a Russian message, without retries', async () => {
    // Prepare: journal entries whose blobs were never stored (ЕРЗ and T-file)
    const erz = await rt.db.as(
      { username: 'test_admin', role: 'fund_admin', orgCode: '99', channel: 'web' },
      (tx) =>
        registerErzImport(tx, {
          channel: 'web',
          fileName: 'lost.xml',
          fileSize: 10,
          sha256: createHash('sha256').update('lost erz').digest('hex'),
          blobKey: 'erz/2026-01-01/lost.xml',
          status: 'queued',
        }),
    );
    const tFile = await rt.db.as(
      { username: 'test_mo', role: 'mo_registrar', orgCode: fx.polyclinic, channel: 'web' },
      (tx) =>
        registerTFile(tx, {
          channel: 'web',
          fileName: 'lost.xml',
          fileSize: 10,
          sha256: createHash('sha256').update('lost t-file').digest('hex'),
          blobKey: 't-files/2026-01-01/lost.xml',
        }),
    );

    // Act
    await getPorts().queue.send({
      kind: 'erz-extract',
      requestedBy: { username: 'test_admin', role: 'fund_admin', orgCode: '99', channel: 'web' },
      importId: erz.import.id,
      bucket: 'inbox',
      key: 'erz/2026-01-01/lost.xml',
    } as QueueMessage);
    await getPorts().queue.send({
      kind: 't-file',
      requestedBy: { username: 'test_mo', role: 'mo_registrar', orgCode: fx.polyclinic, channel: 'web' },
      fileId: tFile.file.id,
      bucket: 'inbox',
      key: 't-files/2026-01-01/lost.xml',
    } as QueueMessage);
    const erzDone = await finished(`/api/v1/erz/imports/${erz.import.id}`, 'import', tokens.test_admin!, 20);
    const tDone = await finished(
      `/api/v1/hospitalisation/files/${tFile.file.id}`,
      'file',
      tokens.test_mo!,
      20,
    );

    // Assess: failed once, a Russian message, the messages acknowledged (no retries, nothing dead-lettered)
    for (const entry of [erzDone.body.import, tDone.body.file]) {
      expect(entry).toMatchObject({ status: 'failed', attempts: 1, error: fileFailureMessages.gone });
    }
    await sleep(1500);
    const jobs = [
      ...(await settledJobs(rt.db.sql, 'importId', erz.import.id)),
      ...(await settledJobs(rt.db.sql, 'fileId', tFile.file.id)),
    ];
    expect(jobs.map((j) => [j.name, j.state, j.retryCount])).toEqual([
      ['import', 'completed', 0],
      ['import', 'completed', 0],
    ]);
  });

  it('answers 503 with a Russian message when the queue is down at upload, and leaves nothing queued', async () => {
    // Prepare: a queue that refuses every message
    const ports = getPorts();
    const queue = ports.queue;
    ports.queue = {
      send: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
      health: queue.health,
    };
    let erz: ApiAnswer;
    let tFile: ApiAnswer;
    try {
      // Act
      erz = await uploadErz(writeErzExtract(header, [newErzPerson(200_010, codes, 'down')]), 'down.xml');
      const rows = [{ record: referral(fx, fx.persons[0]!, { date: isoDaysAgo(3) }) }];
      const name = {
        type: 'T1' as const,
        senderKind: 'M' as const,
        senderCode: fx.polyclinic,
        date: isoDaysAgo(2),
        sequence: 9,
      };
      tFile = await uploadTFile(writeTFile(name, rows, { zip: false }).bytes, 'down.xml');
    } finally {
      ports.queue = queue;
    }

    // Assess: 503 problem+json in Russian; the journal rows are failed (not queued), with a Russian message
    for (const answer of [erz, tFile]) {
      expect(answer.status, answer.text).toBe(503);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.detail).toBe(
        'Файл не удалось поставить в очередь на загрузку. Повторите попытку позже.',
      );
      expect(answer.text).not.toMatch(/ECONNREFUSED|Error/);
    }
    const erzRows = await rt.db.sql<{ status: string; error: string }[]>`
      select status, error from ops.erz_import where file_name = 'down.xml'`;
    const tRows = await rt.db.sql<{ status: string; error: string }[]>`
      select status, error from hosp.t_file where file_name = 'down.xml'`;
    expect([...erzRows, ...tRows]).toEqual([
      { status: 'failed', error: fileFailureMessages.notQueued },
      { status: 'failed', error: fileFailureMessages.notQueued },
    ]);
    // Nothing anywhere is left queued without its message
    const [orphans] = await rt.db.sql<{ n: number }[]>`
      select ((select count(*) from ops.erz_import e where e.status = 'queued' and not exists (
                 select 1 from pgboss.job j where j.data->>'importId' = e.id::text))
            + (select count(*) from hosp.t_file f where f.status = 'queued' and not exists (
                 select 1 from pgboss.job j where j.data->>'fileId' = f.id::text)))::int as n`;
    expect(orphans!.n).toBe(0);
  });

  it('rejects a ZIP bomb (2 MB → 2 GiB) at once with 801, in one attempt, with little memory', async () => {
    for (const declareSizes of [false, true]) {
      // Prepare
      const bomb = zipBomb(2048, { declareSizes });
      expect(bomb.length).toBeLessThan(2.5 * 1024 ** 2);
      // The queue consumer runs in its own process (started by the first message): its memory is sampled.
      const consumerRss = async () => {
        const pid = rt.runtime.consumerPid();
        if (!pid) return null;
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
        return kib ? Number(kib) * 1024 : null;
      };
      // (When the bomb is its first message, its first sample is the baseline: the process's own start is no cost.)
      let rssBefore = await consumerRss();
      let rssPeak = rssBefore ?? 0;
      const samples: number[] = [];
      const sampler = setInterval(() => {
        void consumerRss().then((rss) => {
          if (rss === null) return;
          samples.push(rss);
          rssBefore ??= rss;
          rssPeak = Math.max(rssPeak, rss);
        });
      }, 20);

      // Act
      const started = performance.now();
      const accepted = await uploadErz(bomb, declareSizes ? 'bomb-declared.zip' : 'bomb.zip');
      expect(accepted.status, accepted.text).toBe(202);
      const done = await finished(
        `/api/v1/erz/imports/${accepted.body.id}`,
        'import',
        tokens.test_admin!,
        10,
      );
      const elapsed = performance.now() - started;
      clearInterval(sampler);
      console.info(
        `ZIP bomb (${declareSizes ? 'sizes declared' : 'sizes after the data'}): rejected in ${Math.round(elapsed)} ms, consumer RSS +${Math.round((rssPeak - (rssBefore ?? 0)) / 1024 ** 2)} MB`,
      );

      // Assess
      expect(done.body.import).toMatchObject({ status: 'rejected', attempts: 1, error: null });
      expect(done.body.packageFindings).toMatchObject([
        { code: '801', rule: 'ERZ.PACKAGE.FORMAT', field: 'ZIP' },
      ]);
      expect(elapsed).toBeLessThan(5_000);
      expect(samples.length).toBeGreaterThan(0);
      expect(rssPeak - (rssBefore ?? 0)).toBeLessThan(300 * 1024 ** 2);
      const jobs = await settledJobs(rt.db.sql, 'importId', accepted.body.id);
      expect(jobs.map((j) => [j.state, j.retryCount])).toEqual([['completed', 0]]);
    }
  });

  it('reads a file declared windows-1251 but written in UTF-8 as UTF-8, with a warning that does not reject it', async () => {
    // Prepare: an ЕРЗ extract and a T1 file, UTF-8 bytes under a windows-1251 declaration
    const persons = [
      newErzPerson(200_020, codes, 'mislabelled'),
      newErzPerson(200_021, codes, 'mislabelled'),
    ];
    const erzXml = new TextDecoder().decode(writeErzExtract(header, persons, 'utf-8'));
    const erzBytes = new TextEncoder().encode(erzXml.replace('encoding="utf-8"', 'encoding="windows-1251"'));
    expect(new TextDecoder().decode(erzBytes.subarray(0, 60))).toContain('windows-1251');
    const [p] = await rt.db.sql<(PatientRef & { enp: string })[]>`
      select enp, fam, im, ot, sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate" from person.person
      where id = ${fx.persons[1]!.id}`;
    const patient: PatientRef = { enp: p!.enp, fam: p!.fam, im: p!.im, sex: p!.sex, birthDate: p!.birthDate };
    if (p!.ot) patient.ot = p!.ot;
    const name = {
      type: 'T1' as const,
      senderKind: 'M' as const,
      senderCode: fx.polyclinic,
      date: isoDaysAgo(2),
      sequence: 7,
    };
    const rows = [{ record: referral(fx, fx.persons[1]!, { date: isoDaysAgo(3), patient }) }];
    const tXml = new TextDecoder().decode(writeTFile(name, rows, { zip: false, encoding: 'utf-8' }).bytes);
    const tBytes = new TextEncoder().encode(tXml.replace('encoding="utf-8"', 'encoding="windows-1251"'));
    expect(tBytes.includes(0xd0)).toBe(true); // Cyrillic in UTF-8 (two bytes, the first 0xD0/0xD1)

    // Act
    const erzAccepted = await uploadErz(erzBytes, 'mislabelled.xml');
    const tAccepted = await uploadTFile(tBytes, 'mislabelled.xml');
    const erzDone = await finished(
      `/api/v1/erz/imports/${erzAccepted.body.id}`,
      'import',
      tokens.test_admin!,
    );
    const tDone = await finished(
      `/api/v1/hospitalisation/files/${tAccepted.body.id}`,
      'file',
      tokens.test_mo!,
    );

    // Assess: ЕРЗ — done, names stored as written, the warning apart from the (empty) rejection findings
    const warning = {
      rule: expect.stringMatching(/^(ERZ|TFILE)\.PACKAGE\.FORMAT$/),
      severity: 'warning',
      code: '801',
      field: 'encoding',
      value: 'windows-1251',
      message: expect.stringMatching(/windows-1251.*UTF-8.*прочитан как UTF-8/),
    };
    expect(erzDone.body.import).toMatchObject({
      status: 'done',
      counts: { total: 2, accepted: 2, rejected: 0 },
    });
    expect(erzDone.body.packageFindings).toEqual([]);
    expect(erzDone.body.packageWarnings).toEqual([warning]);
    const stored = await rt.db.sql<{ fam: string; im: string }[]>`
      select fam, im from person.person where enp = any(${persons.map((x) => x.enp)}) order by enp`;
    expect(stored).toEqual(persons.map((x) => ({ fam: x.fam, im: x.im })));
    // T-file — done, its record accepted, the warning in the file's package issues
    expect(tDone.body.file).toMatchObject({
      status: 'done',
      result: 'accepted',
      counts: { total: 1, accepted: 1, rejected: 0 },
      packageIssues: [warning],
    });
  });
});
