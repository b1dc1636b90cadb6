import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { makeEnp } from '../../shared/person/domain/enp';
import type { AccessContext } from '../../shared/platform/access/scoped';
import { importRegistryPackage, type RegistryImportOptions } from '../../shared/registry/db/registry-import';
import { registerPackage } from '../../shared/registry/db/registry-submit';
import {
  type GeneratedRegistryPackage,
  generateRegistryPackage,
  type PackageGeneratorInput,
  registryPersonFromDemo,
} from '../../shared/registry/demo/package-generator';
import { registryName } from '../../shared/registry/formats/package-name';
import { writeRegistryPackage } from '../../shared/registry/formats/registry-package-writer';
import { startChild } from '../helpers/child-server';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

let db: TestDatabase;
const structure = generateRegionStructure(testDemo.seed);
const persons = [...generatePersons(testDemo.seed, testDemo.persons, structure)].map(registryPersonFromDemo);
const smoCodes = structure.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code);
let moCode = '';
let mo: TestCaller;
let who: AccessContext;

async function* chunks(bytes: Uint8Array, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function makePackage(input: Partial<PackageGeneratorInput> = {}): GeneratedRegistryPackage {
  return generateRegistryPackage({
    seed: 'registry-import',
    persons,
    smoCodes,
    moCode,
    year: 2026,
    month: 3,
    count: 60,
    doctors: structure.doctors.filter((d) => d.moCode === moCode).map((d) => d.snils),
    ...input,
  });
}

/** What REST/SOAP do (register the content) and what the queue consumer does (import as the uploader). */
async function send(
  pkg: { fileName: string; bytes(): Uint8Array },
  database: TestDatabase = db,
  options: RegistryImportOptions = {},
) {
  const db = database;
  const bytes = pkg.bytes();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const registered = await db.as(mo, (tx) =>
    registerPackage(tx, {
      channel: 'rest',
      fileName: pkg.fileName,
      size: bytes.length,
      sha256,
      blobKey: `test/${sha256}.zip`,
    }),
  );
  if (registered.duplicate) return { registered, result: null };
  const result = await importRegistryPackage(db.app, chunks(bytes), registered.import.id, who, options);
  return { registered, result };
}

/** The same cases under another packet number, marked as new (PR_NOV=0) or corrected (PR_NOV=1). */
function resent(pkg: GeneratedRegistryPackage, packet: number, prNov: '0' | '1') {
  const name = registryName({ ...pkg.name, packet: String(packet).padStart(2, '0') });
  const cases = [...pkg.cases].map((c) => ('xml' in c ? c : { ...c, PR_NOV: prNov }));
  const written = writeRegistryPackage({ ...pkg.input, name, cases, caseCount: cases.length });
  return { fileName: written.fileName, bytes: () => written.bytes };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const [account] = await db.sql<{ org_code: string }[]>`
    select org_code from auth.account where username = 'test_mo'`;
  moCode = account!.org_code;
  mo = { username: 'test_mo', role: 'mo_registrar', orgCode: moCode, channel: 'web' };
  who = { ...mo, orgKind: 'MO', channel: 'file', requestId: 'registry-int' } as AccessContext;
});
afterAll(async () => {
  await db?.drop();
});

/** The stored register of one МО's cases, without ids and times: what two imports must agree on. */
async function registerDigest(sql: TestDatabase['sql'], mo: string) {
  const [digest] = await sql<{ cases: number; sl: number; usl: number; digest: string }[]>`
    select (select count(*)::int from registry.zcase where mo_code = ${mo}) as cases,
           (select count(*)::int from registry.sl where mo_code = ${mo}) as sl,
           (select count(*)::int from registry.usl where mo_code = ${mo}) as usl,
           md5(coalesce((select string_agg(concat_ws('|', z.idcase, z.person_id, z.date_z_1, z.date_z_2, z.sumv,
                 z.onco, z.data::text, s.seq, s.ds1, s.stad, s.onk_usl::text, s.usl_tips::text,
                 (select string_agg(concat_ws('|', u.seq, u.code_usl, u.date_in), ',' order by u.seq)
                  from registry.usl u where u.sl_ref = s.id)), ';' order by z.idcase, s.seq)
             from registry.zcase z join registry.sl s on s.zcase_id = z.id where z.mo_code = ${mo}), '')
               || coalesce((select string_agg(concat_ws('|', person_id, diagnosis, diagnosis_date, treatment_date),
                 ';' order by person_id) from registry.onco_person), '')) as digest`;
  return digest!;
}

describe('registry-invoice import', () => {
  it('imports a valid C-file package: every case, SL and service stored, the onco register filled, one audit entry', async () => {
    const pkg = makePackage({ packet: 1 });
    const { result } = await send(pkg);
    expect(result?.status).toBe('done');
    expect(result?.counts).toMatchObject({ cases: pkg.caseCount, accepted: pkg.caseCount, rejected: 0 });
    const [stored] = await db.sql<{ cases: number; sl: number; onco: number; persons: number }[]>`
      select (select count(*)::int from registry.zcase where import_id = ${result!.importId}) as cases,
             (select count(*)::int from registry.sl s join registry.zcase z on z.id = s.zcase_id
               where z.import_id = ${result!.importId}) as sl,
             (select count(*)::int from registry.zcase where import_id = ${result!.importId} and onco) as onco,
             (select count(*)::int from registry.onco_person) as persons`;
    expect(stored!.cases).toBe(pkg.caseCount);
    expect(stored!.sl).toBe(result!.counts!.sl);
    expect(stored!.onco).toBe(pkg.oncoCount);
    expect(stored!.persons).toBeGreaterThan(0);
    // zcase.data: what no column holds, at the whole case's paths; nothing a column holds again.
    const [kept] = await db.sql<{ specs: number; columns: number }[]>`
      select count(*) filter (where data #>> '{Z_SL,SL,0,VERS_SPEC}' = 'V021')::int as specs,
             count(*) filter (where d ? 'N_ZAP' or d #> '{Z_SL}' ? 'IDCASE' or d #> '{Z_SL,SL,0}' ? 'ONK_SL'
                              or d #> '{PACIENT}' ? 'ID_PAC')::int as columns
      from registry.zcase, jsonb(data) d where import_id = ${result!.importId}`;
    expect(kept).toEqual({ specs: pkg.caseCount, columns: 0 });
    const audits = await db.sql<{ persons: number }[]>`
      select cardinality(person_ids)::int as persons from audit.entry
      where entity = 'registry.package' and action = 'import'`;
    expect(audits).toHaveLength(1);
    expect(audits[0]!.persons).toBe(result!.counts!.persons);
    const [staged] = await db.sql<{ n: number }[]>`
      select (select count(*) from registry.stage_case) + (select count(*) from registry.stage_case_data)
             + (select count(*) from registry.stage_sl) + (select count(*) from registry.stage_usl) as n`;
    expect(Number(staged!.n)).toBe(0);
  });

  it('vacuums its staging tables once its transaction has ended, so the next import reads no dead rows', async () => {
    const vacuums = () => db.sql<{ relname: string; n: number }[]>`
      select relname, vacuum_count::int as n from pg_stat_user_tables
      where schemaname = 'registry' and relname like 'stage%' order by relname`;
    const before = new Map((await vacuums()).map((r) => [r.relname, r.n]));
    const { result } = await send(makePackage({ packet: 41, count: 5 }));
    expect(result?.status).toBe('done');
    const after = await vacuums();
    expect(after.map((r) => r.relname)).toEqual([
      'stage_case',
      'stage_case_data',
      'stage_finding',
      'stage_person',
      'stage_sl',
      'stage_usl',
    ]);
    for (const { relname, n } of after) expect(n, relname).toBe((before.get(relname) ?? 0) + 1);
  });
});

describe('never lose, never duplicate', () => {
  it('answers the same content again as a duplicate, and a finished import run again applies nothing', async () => {
    const pkg = makePackage({ packet: 2, count: 10 });
    const first = await send(pkg);
    expect(first.result?.status).toBe('done');
    const again = await send(pkg);
    expect(again.registered.duplicate).toBe(true);
    expect(again.registered.import.status).toBe('duplicate');
    const rerun = await importRegistryPackage(db.app, chunks(pkg.bytes()), first.result!.importId, who);
    expect(rerun).toMatchObject({ status: 'done', alreadyProcessed: true });
    const [n] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from registry.zcase where import_id = ${first.result!.importId}`;
    expect(n!.n).toBe(10);
  });

  it('deletes the staged rows of a consumer that died after its commit when the message comes again', async () => {
    // Prepare: an import done, and rows of it in staging as a process killed between commit and clean-up leaves
    const pkg = makePackage({ packet: 42, count: 3 });
    const { result } = await send(pkg);
    expect(result?.status).toBe('done');
    const id = result!.importId;
    await db.sql`insert into registry.stage_case_data (import_id, ordinal, data)
                 select ${id}, n, '{}' from generate_series(1, 3) n`;

    // Act: the message delivered again
    const rerun = await importRegistryPackage(db.app, chunks(pkg.bytes()), id, who);

    // Assess: nothing applied again, nothing left staged
    expect(rerun).toMatchObject({ status: 'done', alreadyProcessed: true });
    const [left] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from registry.stage_case_data where import_id = ${id}`;
    expect(left!.n).toBe(0);
  });

  it('refuses a package whose name was applied before (805) and stores nothing of it', async () => {
    const applied = makePackage({ packet: 3, count: 5 });
    expect((await send(applied)).result?.status).toBe('done');
    const sameName = makePackage({ packet: 3, count: 6, seed: 'another-content' });
    const { result } = await send(sameName);
    expect(result?.status).toBe('rejected');
    const findings = await db.sql<{ code: string; file: string }[]>`
      select code, file from registry.import_error where import_id = ${result!.importId}`;
    expect(findings).toEqual([{ code: '805', file: 'package' }]);
    const [n] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from registry.zcase where import_id = ${result!.importId}`;
    expect(n!.n).toBe(0);
  });

  it('names every injected fault in the protocol with its code and field, and loads the valid cases', async () => {
    const pkg = makePackage({
      packet: 4,
      count: 40,
      seed: 'faults',
      faults: {
        'empty-required': 1,
        'renamed-tag': 1,
        'moved-tag': 1,
        'swapped-values': 1,
        'broken-date': 1,
        'unknown-code': 1,
        'duplicate-idcase': 1,
        'missing-person': 1,
      },
    });
    const { result } = await send(pkg);
    expect(result?.status).toBe('done');
    const findings = await db.sql<
      { ordinal: number; code: string; field: string | null; n_zap: string | null }[]
    >`
      select ordinal, code, field, n_zap from registry.import_error
      where import_id = ${result!.importId} and file = 'case' and severity = 'error'`;
    for (const fault of pkg.faults) {
      const own = fault.expected[0]!;
      const found = findings.filter((f) => f.ordinal === fault.ordinal);
      expect(found, `${fault.kind}: ${fault.description}`).toContainEqual(
        expect.objectContaining({ code: own.code, field: own.field }),
      );
    }
    const faulty = new Set<number>();
    for (const f of findings) faulty.add(f.ordinal);
    expect(result!.counts!.rejected).toBe(faulty.size);
    expect(result!.counts!.accepted).toBe(pkg.caseCount - faulty.size);
    const [n] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from registry.zcase where import_id = ${result!.importId}`;
    expect(n!.n).toBe(pkg.caseCount - faulty.size);
  });

  it('a case sent again with PR_NOV=0 is a repeat (905); with PR_NOV=1 it replaces the stored one', async () => {
    const original = makePackage({ packet: 5, count: 3, seed: 'corrections' });
    const first = await send(original);
    expect(first.result?.counts?.accepted).toBe(3);
    const repeated = resent(original, 6, '0');
    const second = await send(repeated);
    expect(second.result?.counts).toMatchObject({ accepted: 0, rejected: 3 });
    const codes = await db.sql<{ code: string; field: string }[]>`
      select distinct code, field from registry.import_error
      where import_id = ${second.result!.importId} and severity = 'error'`;
    expect(codes).toEqual([{ code: '905', field: 'IDCASE' }]);
    const corrected = resent(original, 7, '1');
    const third = await send(corrected);
    expect(third.result?.counts).toMatchObject({ accepted: 3, replaced: 3 });
    const [rows] = await db.sql<{ n: number; imports: string[] }[]>`
      select count(*)::int as n, array_agg(distinct import_id::text) as imports from registry.zcase z
      where z.idcase in (select idcase from registry.zcase where import_id = ${third.result!.importId})`;
    expect(rows).toEqual({ n: 3, imports: [String(third.result!.importId)] });
  });
});

describe('a consumer killed mid-import', () => {
  it('is restarted by the redelivered message and ends with exactly the rows of a clean run', async () => {
    const pkg = makePackage({ packet: 8, count: 6_000, seed: 'killed', level: 1 });
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'registry-kill-')), pkg.fileName);
    await writeFile(file, pkg.bytes());
    const bytes = await readFile(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const killedDb = await createTestDatabase();
    const cleanDb = await createTestDatabase();
    try {
      const registered = await killedDb.as(mo, (tx) =>
        registerPackage(tx, {
          channel: 'rest',
          fileName: pkg.fileName,
          size: bytes.length,
          sha256,
          blobKey: 'k',
        }),
      );
      const id = registered.import.id;
      const child = await startChild('test/helpers/registry-import-child.ts', {
        REGISTRY_DB_URL: killedDb.appUrl,
        REGISTRY_IMPORT_ID: String(id),
        REGISTRY_FILE: file,
        REGISTRY_USER: mo.username,
        REGISTRY_ORG: moCode,
      });
      // Kill it once it has read a part of the file (its progress says so) and before it commits.
      const until = Date.now() + 60_000;
      for (;;) {
        const [p] = await killedDb.sql<{ cases: number }[]>`
          select cases_read as cases from registry.import_progress where import_id = ${id}`;
        if ((p?.cases ?? 0) >= 1_000) break;
        if (Date.now() > until) throw new Error('the consumer did not start reading');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await child.stop('SIGKILL');
      const [left] = await killedDb.sql<{ status: string; cases: number }[]>`
        select status, (select count(*)::int from registry.zcase where import_id = ${id}) as cases
        from registry.import where id = ${id}`;
      expect(left).toEqual({ status: 'processing', cases: 0 });

      // The queue delivers the message again: the consumer claims the import and starts over.
      const rerun = await importRegistryPackage(killedDb.app, chunks(bytes), id, who);
      expect(rerun.status).toBe('done');
      const [attempts] = await killedDb.sql<{ attempts: number }[]>`
        select attempts from registry.import where id = ${id}`;
      expect(attempts!.attempts).toBe(2);

      const clean = await send({ fileName: pkg.fileName, bytes: () => bytes }, cleanDb);
      expect(clean.result?.status).toBe('done');
      expect(rerun.counts).toEqual(clean.result!.counts);
      const [afterKill, cleanRun] = [
        await registerDigest(killedDb.sql, moCode),
        await registerDigest(cleanDb.sql, moCode),
      ];
      expect(afterKill.cases).toBe(pkg.caseCount);
      expect(afterKill).toEqual(cleanRun);
    } finally {
      await killedDb.drop();
      await cleanDb.drop();
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  }, 120_000);
});

describe('merging while reading', () => {
  /** The protocol of an import: each finding's case, code and field. */
  async function protocolOf(sql: TestDatabase['sql'], importId: number) {
    return sql<{ ordinal: number; code: string; field: string | null; rule: string }[]>`
      select ordinal, code, field, rule from registry.import_error
      where import_id = ${importId} order by file, ordinal, code, field, rule`;
  }

  it('ends with the rows and protocol of a one-batch import, whichever batch a rejected or repeated case is in', async () => {
    // Batches of 4: a case merged from its batch and rejected at the end (its patient not in the L-file, its
    // IDCASE repeated in a later batch) is deleted again; a repeat and a correction wait for the end.
    const pkg = makePackage({
      packet: 11,
      count: 40,
      seed: 'merge-while-reading',
      faults: { 'duplicate-idcase': 2, 'missing-person': 2, 'unknown-code': 1 },
    });
    const small = await createTestDatabase();
    const whole = await createTestDatabase();
    try {
      const outcomes = [];
      for (const [database, batchSize] of [
        [small, 4],
        [whole, 10_000],
      ] as const) {
        const first = await send(pkg, database, { batchSize });
        const [rows] = await database.sql<{ sl: number; services: number }[]>`
          select count(distinct s.id)::int as sl, count(u.id)::int as services
          from registry.zcase z join registry.sl s on s.zcase_id = z.id left join registry.usl u on u.sl_ref = s.id
          where z.import_id = ${first.result!.importId}`;
        expect(first.result!.counts).toMatchObject(rows!);
        const corrected = await send(resent(pkg, 12, '1'), database, { batchSize });
        const repeated = await send(resent(pkg, 13, '0'), database, { batchSize });
        outcomes.push({
          counts: [first, corrected, repeated].map((r) => r.result!.counts),
          protocols: await Promise.all(
            [first, corrected, repeated].map((r) => protocolOf(database.sql, r.result!.importId)),
          ),
          register: await registerDigest(database.sql, moCode),
        });
      }
      const [inBatches, inOne] = outcomes;
      expect(inBatches!.counts[0]!.rejected).toBeGreaterThanOrEqual(5);
      expect(inBatches!.counts[1]!.replaced).toBe(inBatches!.counts[0]!.accepted);
      expect(inBatches!.counts[2]!.accepted).toBe(0);
      expect(inBatches!.register.cases).toBe(inBatches!.counts[0]!.accepted);
      expect(inBatches).toEqual(inOne);
    } finally {
      await small.drop();
      await whole.drop();
    }
  }, 60_000);
});

describe('cases left to the end of the file', () => {
  it('resolves a case whose ЕНП the register lacks by its L-file record, and stores it with the others', async () => {
    const pkg = makePackage({ packet: 16, count: 30, seed: 'left-to-the-end' });
    const cases = [...pkg.cases];
    const target = cases.findIndex((c) => !('xml' in c) && c.PACIENT.VPOLIS === '3');
    expect(target).toBeGreaterThanOrEqual(0);
    const original = cases[target] as Exclude<(typeof cases)[number], { xml: string }>;
    const unknownEnp = makeEnp('990000000000001');
    const changed = cases.map((c, i) =>
      i === target && !('xml' in c) ? { ...c, PACIENT: { ...c.PACIENT, NPOLIS: unknownEnp } } : c,
    );
    const written = writeRegistryPackage({ ...pkg.input, cases: changed, caseCount: changed.length });
    const { result } = await send({ fileName: written.fileName, bytes: () => written.bytes });
    expect(result?.counts).toMatchObject({ cases: 30, accepted: 30, rejected: 0 });
    const [stored] = await db.sql<{ person: string; expected: string; sl: number }[]>`
      select z.person_id::text as person,
             (select p.id::text from person.person p where p.enp = ${original.PACIENT.NPOLIS!}) as expected,
             (select count(*)::int from registry.sl s where s.zcase_id = z.id) as sl
      from registry.zcase z
      where z.import_id = ${result!.importId} and z.idcase = ${original.Z_SL.IDCASE}`;
    expect(stored).toEqual({
      person: stored!.expected,
      expected: stored!.expected,
      sl: original.Z_SL.SL.length,
    });
    expect(stored!.expected).not.toBeNull();
  });
});

describe('the journal', () => {
  it('dates the end of an import when it ended, not when its transaction began', async () => {
    const pkg = makePackage({ packet: 9, count: 400, seed: 'timing' });
    const { result } = await send(pkg);
    const [entry] = await db.sql<{ took: number }[]>`
      select extract(epoch from finished_at - started_at) * 1000 as took
      from registry.import where id = ${result!.importId}`;
    expect(Number(entry!.took)).toBeGreaterThan(20);
  });
});

describe('rules that need the patient’s age', () => {
  /** Imports `cases` with the main file first and then last (packets `packets`): each import's findings of `rule`. */
  async function findingsWhicheverFirst(
    pkg: GeneratedRegistryPackage,
    cases: GeneratedRegistryPackage['input']['cases'],
    packets: readonly [number, number],
    rule: string,
  ) {
    const found: { ordinal: number; field: string; value: string | null }[][] = [];
    for (const [packet, order] of [
      [packets[0], 'cases-first'],
      [packets[1], 'persons-first'],
    ] as const) {
      const name = registryName({ ...pkg.name, packet: String(packet) });
      const list = [...cases];
      const written = writeRegistryPackage({
        ...pkg.input,
        name,
        cases: list,
        caseCount: list.length,
        order,
      });
      const { result } = await send({ fileName: written.fileName, bytes: () => written.bytes });
      expect(result?.status, order).toBe('done');
      found.push(
        await db.sql<{ ordinal: number; field: string; value: string | null }[]>`
          select ordinal, field, value from registry.import_error
          where import_id = ${result!.importId} and rule = ${rule}`,
      );
    }
    return found;
  }

  it('find a missing TNM at an adult’s first treatment whichever file comes first in the ZIP', async () => {
    const pkg = makePackage({ packet: 10, count: 120, seed: 'age-rules' });
    const cases = [...pkg.cases];
    const target = cases.findIndex(
      (c) =>
        !('xml' in c) && c.Z_SL.SL.some((sl) => sl.ONK_SL?.DS1_T === '0' && sl.ONK_SL.ONK_T !== undefined),
    );
    expect(target).toBeGreaterThanOrEqual(0);
    const broken = cases.map((c, i) => {
      if (i !== target || 'xml' in c) return c;
      const copy = structuredClone(c);
      for (const sl of copy.Z_SL.SL) if (sl.ONK_SL?.DS1_T === '0') delete sl.ONK_SL.ONK_T;
      return copy;
    });
    const expected = [{ ordinal: target + 1, field: 'ONK_T', value: null }];
    expect(await findingsWhicheverFirst(pkg, broken, [11, 12], 'REG.ONK_SL.TNM.REQUIRED')).toEqual([
      expected,
      expected,
    ]);
  });

  it('find the scheme «нет» given to an adult whichever file comes first in the ZIP', async () => {
    const pkg = makePackage({ packet: 13, count: 120, seed: 'age-rules-scheme' });
    const born = new Map([...pkg.persons].map((p) => [p.ID_PAC, p.DR]));
    const adult = (id: string, day: string) => {
      const dr = born.get(id);
      return dr !== undefined && Number(day.slice(0, 4)) - Number(dr.slice(0, 4)) > 19;
    };
    const cases = [...pkg.cases];
    const target = cases.findIndex(
      (c) =>
        !('xml' in c) &&
        c.PACIENT.NOVOR === '0' &&
        c.Z_SL.SL.some(
          (sl) =>
            adult(c.PACIENT.ID_PAC, sl.DATE_1) &&
            sl.ONK_SL?.ONK_USL.some((u) => u.LEK_PR.length > 0 && u.LEK_PR.every((d) => d.CODE_SH !== 'нет')),
        ),
    );
    expect(target).toBeGreaterThanOrEqual(0);
    const broken = cases.map((c, i) => {
      if (i !== target || 'xml' in c) return c;
      const copy = structuredClone(c);
      const sl = copy.Z_SL.SL.find((s) => s.ONK_SL?.ONK_USL.some((u) => u.LEK_PR.length > 0))!;
      sl.ONK_SL!.ONK_USL.find((u) => u.LEK_PR.length > 0)!.LEK_PR[0]!.CODE_SH = 'нет';
      return copy;
    });
    const expected = [{ ordinal: target + 1, field: 'CODE_SH', value: 'нет' }];
    expect(await findingsWhicheverFirst(pkg, broken, [14, 15], 'REG.NSI.V024')).toEqual([expected, expected]);
  });
});

describe('the register is written only by the import', () => {
  it('refuses a write to its tables outside the import, which audits every person it writes', async () => {
    const write = db.as(mo, (tx) => tx`delete from registry.zcase where mo_code = ${moCode}`);
    await expect(write).rejects.toMatchObject({ code: '42501' });
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from registry.zcase`;
    expect(n!.n).toBeGreaterThan(0);
  });
});
