import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tFileJournal } from '../../shared/hospitalisation/db/t-file-journal';
import { erzImportJournal, erzProtocol } from '../../shared/person/db/erz-import-journal';
import { FileOwnerError } from '../../shared/platform/bulk/file-journal';
import { jsonProtocolPage } from '../../shared/platform/bulk/file-protocol';
import { flkError } from '../../shared/platform/flk/issue';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/database';

/**
 * The platform file journal (shared/platform/bulk) on both tables that use it: `ops.erz_import` (the same
 * content is a duplicate anywhere) and `hosp.t_file` (within the uploader's organisation).
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const fundAdmin: TestCaller = { username: 'test_admin', role: 'fund_admin', orgCode: '99', channel: 'web' };
const moA: TestCaller = { username: 'test_mo', role: 'mo_registrar', orgCode: '990001', channel: 'web' };
const moB: TestCaller = { username: 'test_mo2', role: 'mo_registrar', orgCode: '990002', channel: 'web' };
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const tFile = (content: string) => ({
  channel: 'web' as const,
  fileName: 'T1-M-990001-2026-11-28.xml',
  fileSize: content.length,
  sha256: sha(content),
  blobKey: `t-files/${sha(content).slice(0, 8)}.xml`,
});

describe('platform file journal', () => {
  it('registers with duplicate detection per organisation (hosp.t_file), lists with filters', async () => {
    const first = await db.as(moA, (tx) => tFileJournal.register(tx, tFile('a')));
    const again = await db.as(moA, (tx) => tFileJournal.register(tx, tFile('a')));
    const otherOrg = await db.as(moB, (tx) => tFileJournal.register(tx, tFile('a')));

    expect(first).toMatchObject({
      duplicate: false,
      entry: { status: 'queued', orgCode: '990001', attempts: 0 },
    });
    expect(typeof first.entry.id).toBe('number');
    expect(typeof first.entry.fileSize).toBe('number');
    expect(again).toMatchObject({
      duplicate: true,
      entry: { status: 'duplicate', duplicateOf: first.entry.id },
    });
    expect(otherOrg).toMatchObject({ duplicate: false, entry: { status: 'queued', orgCode: '990002' } });

    const mine = await db.as(moA, (tx) => tFileJournal.list(tx, { page: 1, pageSize: 10 }));
    expect(mine.items.map((f) => f.id)).toEqual([again.entry.id, first.entry.id]);
    const dup = await db.as(moA, (tx) =>
      tFileJournal.list(tx, { page: 1, pageSize: 10, status: 'duplicate', where: { file_type: undefined } }),
    );
    expect(dup).toMatchObject({ total: 1, items: [{ id: again.entry.id }] });
  });

  it('claims (attempts counted), finishes with its own columns, fails only what is in flight', async () => {
    const { entry } = await db.as(moA, (tx) => tFileJournal.register(tx, tFile('b')));
    const claim = await db.as(moA, (tx) => tFileJournal.claim(tx, entry.id));
    expect(claim).toMatchObject({
      outcome: 'claimed',
      sha256: sha('b'),
      entry: { status: 'processing', attempts: 1 },
    });

    await db.as(moA, (tx) => tFileJournal.fail(tx, entry.id, 'TypeError: and a long story'.repeat(10)));
    const failed = await db.as(moA, (tx) => tFileJournal.find(tx, entry.id));
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.error).toHaveLength(100);

    const retry = await db.as(moA, (tx) => tFileJournal.claim(tx, entry.id));
    expect(retry).toMatchObject({
      outcome: 'claimed',
      entry: { attempts: 2, error: null, finishedAt: null },
    });
    const protocol = [
      { ordinal: 2, status: 'rejected', issues: [flkError('R', '903', 'плохо', 'DR', '1')] },
      { ordinal: 1, status: 'accepted', issues: [] },
    ];
    await db.as(moA, (tx) =>
      tFileJournal.finish(tx, entry.id, {
        status: 'done',
        values: {
          file_type: 'T1',
          counts: { total: 2, accepted: 1, rejected: 1 },
          result: 'partially_accepted',
          protocol,
        },
      }),
    );
    await db.as(moA, (tx) => tFileJournal.fail(tx, entry.id, 'Error'));

    expect(await db.as(moA, (tx) => tFileJournal.find(tx, entry.id))).toMatchObject({
      status: 'done',
      fileType: 'T1',
      result: 'partially_accepted',
      counts: { total: 2 },
    });
    expect(await db.as(moA, (tx) => tFileJournal.claim(tx, entry.id))).toMatchObject({ outcome: 'finished' });
    expect(await db.as(moA, (tx) => tFileJournal.claim(tx, 9_999_999))).toEqual({ outcome: 'missing' });
    const page = await db.as(moA, (tx) =>
      jsonProtocolPage(tx, { table: 'hosp.t_file', column: 'protocol' }, entry.id, { page: 1, pageSize: 1 }),
    );
    expect(page).toMatchObject({ total: 2, items: [{ ordinal: 1 }] });
    const rejected = await db.as(moA, (tx) =>
      jsonProtocolPage(tx, { table: 'hosp.t_file', column: 'protocol' }, entry.id, {
        page: 1,
        pageSize: 10,
        only: 'rejected',
      }),
    );
    expect(rejected.items).toEqual([protocol[0]]);
  });

  it('hands a failed file over to a new upload of the same content, and claims only for its uploader', async () => {
    const input = { ...tFile('c'), fileName: 'erz.xml', blobKey: null, values: { package_id: null } };
    const { entry } = await db.as(fundAdmin, (tx) => erzImportJournal.register(tx, input));
    await db.as(fundAdmin, (tx) => erzImportJournal.fail(tx, entry.id, 'Error'));
    const second = await db.as(fundAdmin, (tx) => erzImportJournal.register(tx, input));
    expect(second.duplicate).toBe(false);

    const owner = { username: 'test_admin', role: 'fund_admin' as const, orgCode: '99' };
    const retried = await db.as(fundAdmin, (tx) => erzImportJournal.claim(tx, entry.id, owner));
    await expect(
      db.as(fundAdmin, (tx) =>
        erzImportJournal.claim(tx, second.entry.id, { ...owner, username: 'soap_tfoms' }),
      ),
    ).rejects.toThrow(FileOwnerError);

    expect(retried).toMatchObject({
      outcome: 'finished',
      entry: { status: 'duplicate', duplicateOf: second.entry.id, packageId: null },
    });
  });

  it('keeps package issues in the issue table and reads them with absent properties for null columns', async () => {
    const { entry } = await db.as(fundAdmin, (tx) =>
      erzImportJournal.register(tx, { ...tFile('d'), blobKey: null, values: { package_id: 'p-1' } }),
    );
    const issues = [flkError('ERZ.PACKAGE.XML', '901', 'Файл не является корректным XML-документом')];
    await db.as(fundAdmin, async (tx) => {
      await erzProtocol.recordPackageIssues(tx, entry.id, issues);
      await erzImportJournal.finish(tx, entry.id, { status: 'rejected' });
    });

    expect(await db.as(fundAdmin, (tx) => erzProtocol.packageIssues(tx, entry.id))).toEqual(issues);
    expect(await db.as(fundAdmin, (tx) => erzImportJournal.find(tx, entry.id))).toMatchObject({
      status: 'rejected',
      packageId: 'p-1',
    });
  });
});
