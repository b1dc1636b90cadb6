import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPackageRecords } from '../../shared/hospitalisation/db/process-package';
import { runTFileImportJob } from '../../shared/hospitalisation/db/t-file-import-job';
import { registerTFile } from '../../shared/hospitalisation/db/t-file-journal';
import type { PatientRef, ReferralRecord } from '../../shared/hospitalisation/domain/records';
import { tFileXml } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import { withCaller } from '../../shared/platform/access/scoped';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { directoryBlobs } from '../../shared/platform/ports/directory-blobs';
import { zipOf, zipWithWrongCrc } from '../helpers/bad-input';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
  caller,
  type HospFixture,
  hospFixture,
  isoDaysAgo,
  referral,
} from '../helpers/hospitalisation-fixtures';

/**
 * A T-file of more records than one package holds, imported as the queue consumer runs it (issue 10): read as it
 * streams in, a package checked and written while the next is read, all of it in one transaction.
 */
let db: TestDatabase;
let f: HospFixture;
let dir: string;
const patients: PatientRef[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  f = await hospFixture(db.sql);
  dir = await mkdtemp('/var/tmp/omslink-t-file-import-');
  await chmod(dir, 0o755);
  const rows = await db.sql<{ enp: string; fam: string; im: string; sex: 1 | 2; birthDate: string }[]>`
    select enp, fam, im, sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate" from person.person
    where enp = any(${f.persons.map((p) => p.enp)}) order by enp`;
  patients.push(...rows);
});
afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `count` referrals of the polyclinic (the fixture's persons, each several times), numbers unique to the run. */
function referrals(count: number): ReferralRecord[] {
  const run = randomBytes(2).toString('hex');
  return Array.from({ length: count }, (_, i) =>
    referral(f, f.persons[0]!, {
      sourceId: `${run}-${i + 1}`,
      number: `${f.polyclinic.slice(-4)}${run}${String(i + 1).padStart(8, '0')}`,
      date: isoDaysAgo(3),
      plannedDate: isoDaysAgo(-5),
      patient: patients[i % patients.length]!,
    }),
  );
}

function xmlOf(records: ReferralRecord[]): string {
  return tFileXml(
    { type: 'T1', senderKind: 'M', senderCode: f.polyclinic, date: isoDaysAgo(0), sequence: null },
    records.map((record) => ({ record })),
    { encoding: 'utf-8' },
  );
}

/** Registers the bytes as test_mo's upload and runs the queue consumer's job on them (through `pool`). */
async function importFile(bytes: Uint8Array, pool: Sql = db.app) {
  const who = caller('test_mo', 'mo_registrar', f.polyclinic, 'web');
  const blobs = directoryBlobs(dir);
  const key = `t-files/${randomUUID()}.zip`;
  await blobs.put('inbox', key, bytes);
  const sha256 = randomBytes(32).toString('hex');
  const { file } = await withCaller(db.app, who, (tx) =>
    registerTFile(tx, { channel: 'web', fileName: 'T1.zip', fileSize: bytes.length, sha256, blobKey: key }),
  );
  const { username, role, orgCode } = who;
  const result = await runTFileImportJob(
    pool,
    blobs,
    {
      kind: 't-file',
      requestedBy: { username, role, orgCode, channel: 'web' },
      fileId: file.id,
      bucket: 'inbox',
      key,
    },
    randomUUID(),
  );
  const [journal] = await db.sql<
    {
      status: string;
      package_issues: { code: string }[] | null;
      protocol: { ordinal: number; status: string }[];
    }[]
  >`select status, package_issues, protocol from hosp.t_file where id = ${file.id}`;
  const packages = await db.sql<{ package_id: string; total: number }[]>`
    select package_id, total from hosp.package where package_id like ${`${sha256.slice(0, 56)}%`} order by id`;
  return { result, journal: journal!, packages, sha256 };
}

const stored = async (records: ReferralRecord[]) =>
  (
    await db.sql<{ n: number }[]>`
      select count(*)::int as n from hosp.referral where source_id = any(${records.map((r) => r.sourceId)})`
  )[0]!.n;

describe('T-files of several packages', () => {
  it('imports every record, the protocol in file order, by packages of at most 5,000 records', async () => {
    // Prepare: one readable record more than a package holds, and one with a format error among them (W = 3)
    const records = referrals(maxPackageRecords + 2);
    const xml = xmlOf(records).replace(
      new RegExp(`(<ID_ZAP>${records[9]!.sourceId}</ID_ZAP>[\\s\\S]*?<W>)\\d(</W>)`),
      '$13$2',
    );

    // Act
    const { result, journal, packages, sha256 } = await importFile(
      zipOf({ 'T1.xml': new TextEncoder().encode(xml) }),
    );

    // Assess
    expect(result).toMatchObject({
      status: 'done',
      counts: { total: records.length, accepted: records.length - 1, rejected: 1 },
    });
    expect(journal.protocol.map((r) => r.ordinal)).toEqual(records.map((_, i) => i + 1));
    expect(journal.protocol[9]).toMatchObject({ status: 'rejected', issues: [{ code: '904', field: 'W' }] });
    // The first package is small (the database starts early), the next ones hold up to 5,000 records
    expect(packages).toEqual([
      { package_id: sha256, total: 1_000 },
      { package_id: `${sha256.slice(0, 56)}-2`, total: maxPackageRecords - 1_000 + 1 },
    ]);
    expect(await stored(records)).toBe(records.length - 1);
  });

  it('checks a package that repeats an earlier package’s keys after that package is written', async () => {
    // Prepare: the second package (from record 1,001) repeats the first's referral number under another source id,
    // and sends one of its records again unchanged. Packages whose keys are new are checked ahead, on a connection of
    // their own, while the one before is written; these two must see what the first package wrote.
    const records = referrals(1_003);
    records[1_000] = { ...records[2]!, sourceId: `${records[2]!.sourceId}-again` };
    records[1_001] = records[4]!;

    // Act
    const { result, journal, packages } = await importFile(
      zipOf({ 'T1.xml': new TextEncoder().encode(xmlOf(records)) }),
    );

    // Assess: the answers a file sent record by record gets
    expect(packages.map((p) => p.total)).toEqual([1_000, 3]);
    expect(result).toMatchObject({ status: 'done', counts: { total: 1_003, accepted: 1_002, rejected: 1 } });
    const byOrdinal = (n: number) =>
      journal.protocol.find((r) => r.ordinal === n) as { status: string; id?: string; issues?: unknown[] };
    expect(byOrdinal(1_001)).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ rule: 'HOSP.REF.DUPLICATE', field: 'number' })],
    });
    expect(byOrdinal(1_002)).toMatchObject({ status: 'accepted', id: byOrdinal(5).id });
    expect(await stored(records)).toBe(1_000 + 1);
  });

  it('imports through a pool of one connection too, one package after another', async () => {
    // Prepare: a consumer whose pool holds one connection cannot check a package ahead on another one
    const records = referrals(1_002);
    const single = postgres(db.appUrl, baseOptions(1)) as unknown as Sql;
    try {
      // Act
      const { result, packages } = await importFile(
        zipOf({ 'T1.xml': new TextEncoder().encode(xmlOf(records)) }),
        single,
      );

      // Assess
      expect(result).toMatchObject({
        status: 'done',
        counts: { total: 1_002, accepted: 1_002, rejected: 0 },
      });
      expect(packages.map((p) => p.total)).toEqual([1_000, 2]);
      expect(await stored(records)).toBe(1_002);
    } finally {
      await single.end({ timeout: 5 });
    }
  });

  it('stores nothing of a file refused at its end, though it holds more than one package', async () => {
    // Prepare: the archive's data changed after its CRC-32 was written (found only once the entry has ended)
    const records = referrals(maxPackageRecords + 1);
    const xml = new TextEncoder().encode(xmlOf(records));
    const bytes = zipWithWrongCrc('T1.xml', xml, (x) => {
      const changed = new Uint8Array(x);
      const at = Buffer.from(x).lastIndexOf(Buffer.from('<DS>I20.8</DS>'));
      changed.set(new TextEncoder().encode('<DS>I20.9</DS>'), at);
      return changed;
    });

    // Act
    const { result, journal, packages } = await importFile(bytes);

    // Assess
    expect(result.status).toBe('rejected');
    expect(journal.status).toBe('rejected');
    expect(journal.package_issues?.[0]?.code).toBe('801');
    expect(packages).toEqual([]);
    expect(await stored(records)).toBe(0);
  });
});
