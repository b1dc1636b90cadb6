import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNsiDataDir, loadAllDirectories, loadDirectory } from '../../shared/nsi/db/nsi-loader';
import { searchRecords } from '../../shared/nsi/db/nsi-repository';
import { findDirectory } from '../../shared/nsi/domain/catalogue';
import { cp1251 } from '../helpers/cp1251';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'omslink-nsi-'));
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('reference directory loader', () => {
  it('has loaded every catalogue directory once; loading again changes nothing', async () => {
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from nsi.directory`;
    expect(row?.n).toBe(56);
    const before = await db.sql`select count(*)::int as n from nsi.directory_version`;
    const again = await loadAllDirectories(db.sql);
    expect(again.every((r) => r.status === 'unchanged')).toBe(true);
    expect(await db.sql`select count(*)::int as n from nsi.directory_version`).toEqual(before);
  });

  it('finds МКБ-10 C50.4 under C50, and V014 codes valid on a date', async () => {
    const found = await searchRecords(db.sql, {
      code: 'MKB10',
      q: 'C50.4',
      page: 1,
      pageSize: 10,
      sort: 'code',
    });
    expect(found.items[0]).toMatchObject({ code: 'C50.4' });
    expect(found.items[0]!.name).toContain('молочной железы');
    const [parent] =
      await db.sql`select parent_code from nsi.record where directory_code = 'MKB10' and code = 'C50.4'`;
    expect(parent!.parent_code).toBe('C50');
    const forms = await searchRecords(db.sql, {
      code: 'V014',
      validOn: '2020-06-01',
      page: 1,
      pageSize: 10,
      sort: 'code',
    });
    expect(forms.items.map((r) => r.name)).toEqual(['Экстренная', 'Неотложная', 'Плановая']);
    const before2013 = await searchRecords(db.sql, {
      code: 'V014',
      validOn: '2012-06-01',
      page: 1,
      pageSize: 10,
      sort: 'code',
    });
    expect(before2013.total).toBe(0);
  });

  it('keeps every dated version: a newer publication closes a record and the old state goes to history', async () => {
    // Prepare: a new V014 publication where «Неотложная» ends on 31.12.2025 and a fourth form appears.
    const original = new TextDecoder('windows-1251').decode(
      await readFile(path.join(defaultNsiDataDir, 'ffoms/V014.xml')),
    );
    const changed = original
      .replace('<version>2.0</version>', '<version>2.1</version>')
      .replace(/(<IDFRMMP>2<\/IDFRMMP>[\s\S]*?)<DATEEND\/>/, '$1<DATEEND>31.12.2025</DATEEND>')
      .replace(
        '</packet>',
        '<zap><IDFRMMP>4</IDFRMMP><FRMMPNAME>Test form</FRMMPNAME><DATEBEG>01.01.2026</DATEBEG><DATEEND/></zap></packet>',
      );
    const file = path.join(dir, 'V014.xml');
    await writeFile(file, cp1251(changed));

    // Act
    const result = await loadDirectory(db.sql, findDirectory('V014')!, file);

    // Assess
    expect(result).toMatchObject({ status: 'loaded', version: '2.1', records: 4, changed: 1 });
    const versions =
      await db.sql`select version from nsi.directory_version where directory_code = 'V014' order by id`;
    expect(versions.map((v) => v.version)).toEqual(['2.0', '2.1']);
    const history = await db.sql`select code, date_end from nsi.record_history where directory_code = 'V014'`;
    expect(history).toEqual([{ code: '2', date_end: null }]);
    const in2026 = await searchRecords(db.sql, {
      code: 'V014',
      validOn: '2026-03-01',
      page: 1,
      pageSize: 10,
      sort: 'code',
    });
    expect(in2026.items.map((r) => r.code)).toEqual(['1', '3', '4']);
  });
});
