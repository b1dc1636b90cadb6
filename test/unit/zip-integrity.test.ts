import { Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTFileAll } from '../../shared/hospitalisation/formats/t-family/t-file-reader';
import { organisationFromDirectory } from '../../shared/org/domain/directory-organisation';
import {
  type DirectoryOrganisation,
  readOrganisationDirectory,
} from '../../shared/org/formats/ffoms-organisation-reader';
import { readErzExtract } from '../../shared/person/formats/erz-extract-reader';
import type { FlkIssue } from '../../shared/platform/flk/issue';
import { Refusal } from '../../shared/platform/flk/refusal';
import { crc32 } from '../../shared/platform/formats/package/crc32';
import { packageRules } from '../../shared/platform/formats/package/package-refusal';
import { openXmlText } from '../../shared/platform/formats/package/xml-package';
import { unsafeEntryName, zipEntries } from '../../shared/platform/formats/package/zip-entries';
import { directoryFile } from '../helpers/organisation-directory';

const rules = packageRules('TEST');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function* chunked(bytes: Uint8Array, size = 7) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function refusalOf(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The text of the one XML of a file (ZIP or XML); `seen` gets what was handed on before any refusal. */
async function text(bytes: Uint8Array, seen: string[] = [], size = 7) {
  for await (const t of openXmlText(chunked(bytes, size), { rules })) seen.push(t);
  return seen.join('');
}

/** Names and sizes of the entries of an archive, each read whole. */
async function entries(bytes: Uint8Array, size = 7) {
  const out: string[] = [];
  for await (const entry of zipEntries(chunked(bytes, size), { rules })) {
    let n = 0;
    for await (const c of entry.chunks) n += c.length;
    out.push(`${entry.name}:${n}`);
  }
  return out;
}

/** An archive written as a stream: sizes and CRC in data descriptors after the data (flag bit 3). */
function streamed(files: [string, Uint8Array, 'deflate' | 'store'][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, data, method] of files) {
    const entry = method === 'deflate' ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  return Uint8Array.from(Buffer.concat(parts));
}

const signature = (bytes: Uint8Array, sig: number, from = 0) => {
  for (let at = from; at + 4 <= bytes.length; at++) {
    if (Buffer.from(bytes.buffer, bytes.byteOffset + at, 4).readUInt32LE(0) === sig) return at;
  }
  return -1;
};
const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** A copy of `xml` zipped as stored, then its bytes changed by `change` (same length): the CRC no longer fits. */
function storedWithChangedData(name: string, xml: Uint8Array, change: (xml: string) => string): Uint8Array {
  const zip = Uint8Array.from(zipSync({ [name]: [xml, { level: 0 }] }));
  const at = view(zip).indexOf(Buffer.from(xml));
  const changed = utf8(change(new TextDecoder().decode(xml)));
  if (at < 0 || changed.length !== xml.length) throw new Error('the stored entry was not found');
  zip.set(changed, at);
  return zip;
}

/** A deflated archive whose CRC-32 fields (local header and central directory) are off by one bit. */
function deflatedWithWrongCrc(name: string, xml: Uint8Array): Uint8Array {
  const zip = Uint8Array.from(zipSync({ [name]: xml }));
  const b = view(zip);
  b.writeUInt32LE((b.readUInt32LE(14) ^ 1) >>> 0, 14);
  const central = signature(zip, 0x02014b50);
  b.writeUInt32LE((b.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
  return zip;
}

/** The same archive ended by a ZIP64 end-of-central-directory record and locator, as large-file writers do. */
function withZip64End(zip: Uint8Array): Uint8Array {
  const eocd = signature(zip, 0x06054b50);
  const old = view(zip);
  const count = old.readUInt16LE(eocd + 10);
  const size = old.readUInt32LE(eocd + 12);
  const offset = old.readUInt32LE(eocd + 16);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(eocd), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(zip.subarray(eocd));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Uint8Array.from(Buffer.concat([zip.subarray(0, eocd), record, locator, end]));
}

/** The same archive with a comment after its end-of-central-directory record. */
function withComment(zip: Uint8Array, comment: string): Uint8Array {
  const bytes = utf8(comment);
  const out = Buffer.concat([zip, bytes]);
  out.writeUInt16LE(bytes.length, signature(zip, 0x06054b50) + 20);
  return Uint8Array.from(out);
}

const xml = utf8(`<?xml version="1.0" encoding="utf-8"?><R>${'<A>Иванов 12345</A>'.repeat(2000)}</R>`);

describe('ZIP entry names', () => {
  it('accepts plain relative names and refuses absolute, parent, backslash, drive and control names', () => {
    for (const name of ['ERZ.xml', 'folder/T1.xml', 'ok/./b.xml', '..x.xml', 'Отчёт.xml', 'a..b/c.xml']) {
      expect(unsafeEntryName(name), name).toBeNull();
    }
    for (const name of [
      '../x.xml',
      'a/../../x.xml',
      'a/..',
      '/etc/x.xml',
      'a\\x.xml',
      '..\\x.xml',
      'C:x.xml',
      'c:/x.xml',
      'a\u0000.xml',
      'a\u001f.xml',
      'a\u007f.xml',
      '',
    ]) {
      expect(unsafeEntryName(name), JSON.stringify(name)).not.toBeNull();
    }
  });

  it('refuses the whole archive (801, Russian, nothing handed on) for a path traversal, in every reader', async () => {
    const seen: string[] = [];
    const refusal = await refusalOf(text(zipSync({ '../x.xml': xml }), seen));
    expect(refusal).toMatchObject({ reason: 'invalid', code: '801' });
    expect(refusal.issues).toEqual([
      expect.objectContaining({
        rule: 'TEST.PACKAGE.FORMAT',
        code: '801',
        field: 'ZIP',
        value: '../x.xml',
        message: 'Недопустимое имя файла в архиве: ../x.xml',
      }),
    ]);
    expect(seen).toEqual([]);
    // A folder entry that climbs out, a name with NUL (shown spelled out, storable as text), zipEntries too.
    expect((await refusalOf(entries(zipSync({ '../': new Uint8Array(0), 'a.xml': xml })))).detail).toBe(
      'Недопустимое имя файла в архиве: ../',
    );
    const nul = await refusalOf(entries(zipSync({ 'a\u0000.xml': xml })));
    expect(nul.issues[0]).toMatchObject({ value: 'a\\x00.xml' });
    expect(nul.detail).not.toContain('\u0000');
    expect(await entries(zipSync({ 'dir/': new Uint8Array(0), 'dir/a.xml': xml }))).toEqual([
      `dir/a.xml:${xml.length}`,
    ]);
  });
});

describe('ZIP integrity (CRC-32 and the central directory)', () => {
  it('computes the IEEE CRC-32', () => {
    expect(crc32(utf8('123456789')).toString(16)).toBe('cbf43926');
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('reads archives of every writer: sizes in the headers, data descriptors, stored, ZIP64 end, a comment', async () => {
    const zips = [
      zipSync({ 'a.xml': xml }),
      zipSync({ 'a.xml': [xml, { level: 0 }] }),
      streamed([['a.xml', xml, 'deflate']]),
      streamed([['a.xml', xml, 'store']]),
      withZip64End(zipSync({ 'a.xml': xml })),
      withComment(
        zipSync({ 'a.xml': xml, 'dir/': new Uint8Array(0) }),
        'архив PK\u0005\u0006 и ещё немного текста после подписи',
      ),
    ];
    const whole = new TextDecoder().decode(xml);
    for (const zip of zips) {
      for (const size of [1, 7, 4096, zip.length]) expect(await text(zip, [], size)).toBe(whole);
    }
    expect(
      await entries(
        streamed([
          ['a.xml', xml, 'deflate'],
          ['b.txt', utf8('x'), 'store'],
        ]),
      ),
    ).toEqual([`a.xml:${xml.length}`, 'b.txt:1']);
  });

  it('refuses an archive whose data does not match its CRC-32 (stored or deflated), after its data', async () => {
    const stored = storedWithChangedData('a.xml', xml, (t) => t.replace('12345', '12346'));
    for (const size of [7, 65_536]) {
      const seen: string[] = [];
      const refusal = await refusalOf(text(stored, seen, size));
      expect(refusal).toMatchObject({ reason: 'invalid', code: '801' });
      expect(refusal.issues).toEqual([
        expect.objectContaining({
          code: '801',
          field: 'ZIP',
          value: 'a.xml',
          message: 'Архив повреждён: контрольная сумма не совпадает',
        }),
      ]);
      // The check comes at the end of the archive: the data was handed on already (the caller must not apply it).
      expect(seen.join('')).toContain('12346');
    }
    const deflated = await refusalOf(text(deflatedWithWrongCrc('a.xml', xml)));
    expect(deflated.detail).toBe('Архив повреждён: контрольная сумма не совпадает');
    const pair = Uint8Array.from(zipSync({ 'a.xml': xml, 'b.xml': [xml, { level: 0 }] }));
    pair[signature(pair, 0x02014b50) - 1]! ^= 1; // the last byte of the stored b.xml, before the directory
    const second = await refusalOf(entries(pair));
    expect(second.issues[0]).toMatchObject({ value: 'b.xml' });
  });

  it('refuses an archive cut anywhere (also in its central directory), or whose directory contradicts it', async () => {
    const zip = zipSync({ 'a.xml': xml });
    for (const cut of [0.3, 0.9]) {
      expect((await refusalOf(text(zip.subarray(0, Math.floor(zip.length * cut))))).code).toBe('801');
    }
    expect((await refusalOf(text(zip.subarray(0, zip.length - 10)))).detail).toBe(
      'Архив повреждён или обрезан',
    );
    const renamed = Uint8Array.from(zip);
    renamed[signature(renamed, 0x02014b50) + 46] = 'b'.charCodeAt(0);
    expect((await refusalOf(text(renamed))).detail).toBe(
      'Архив повреждён: оглавление архива не совпадает с его содержимым',
    );
    const resized = Uint8Array.from(zip);
    const central = signature(resized, 0x02014b50);
    view(resized).writeUInt32LE(xml.length + 1, central + 24);
    expect((await refusalOf(text(resized))).detail).toMatch(/^Архив повреждён: размер файла/);
  });

  it('fails every family reader on a damaged archive, at the end of its records', async () => {
    // 300 records (≈90 KB): beyond the 16 KB the decoder looks at first, so records come out before the end.
    const pers = (n: number) =>
      `<PERS><ID>R${n}</ID><ENP>9900000000000012</ENP><FAM>Иванов</FAM><IM>Иван</IM><W>1</W>` +
      `<DR>1980-02-03</DR><DOC><DOCTYPE>14</DOCTYPE><DOCNUM>${100000 + n}</DOCNUM></DOC><POLIS><VPOLIS>3</VPOLIS>` +
      '<NPOLIS>9900000000000012</NPOLIS><SMO>99001</SMO><DBEG>2020-01-01</DBEG></POLIS></PERS>';
    const erz = utf8(
      '<?xml version="1.0" encoding="utf-8"?><ERZ_LIST><ZGLV><VERSION>1.0</VERSION><DATA>2026-01-15</DATA>' +
        `<FILENAME>F</FILENAME><OKATO>99000</OKATO></ZGLV>${Array.from({ length: 300 }, (_, n) => pers(n)).join('')}</ERZ_LIST>`,
    );
    const items: string[] = [];
    const erzRefusal = await refusalOf(
      (async () => {
        const damaged = storedWithChangedData('ERZ.xml', erz, (t) => t.replace('100299', '200299'));
        for await (const item of readErzExtract(chunked(damaged, 64))) items.push(item.kind);
      })(),
    );
    expect(erzRefusal.detail).toBe('Архив повреждён: контрольная сумма не совпадает');
    expect(erzRefusal.issues[0]).toMatchObject({ rule: 'ERZ.PACKAGE.FORMAT', code: '801' });
    expect(items[0]).toBe('header');
    expect(items.length).toBeGreaterThan(100); // handed on before the end: the import must stage, not apply

    const t1 = utf8(
      '<?xml version="1.0" encoding="UTF-8"?><ZL_LIST><ZGLV><VERSION>1.0</VERSION><DATA>2026-11-28</DATA>' +
        '<FILENAME>T1-M-990101-2026-11-28</FILENAME></ZGLV></ZL_LIST>',
    );
    const tRefusal = await refusalOf(
      readTFileAll(
        chunked(storedWithChangedData('T1.xml', t1, (t) => t.replace('2026-11-28<', '2026-11-29<'))),
      ),
    );
    expect(tRefusal.issues[0]).toMatchObject({
      rule: 'TFILE.PACKAGE.FORMAT',
      message: 'Архив повреждён: контрольная сумма не совпадает',
    });

    const f003 = directoryFile('F003', [{ code: '990101' }], 'utf-8');
    const orgRefusal = await refusalOf(
      (async () => {
        const damaged = storedWithChangedData('F003.xml', f003, (t) => t.replace('990101', '990102'));
        for await (const _ of readOrganisationDirectory(chunked(damaged))) {
        }
      })(),
    );
    expect(orgRefusal.issues[0]).toMatchObject({ rule: 'ORG.PACKAGE.FORMAT', code: '801' });
    const traversal = await refusalOf(
      (async () => {
        for await (const _ of readOrganisationDirectory(chunked(zipSync({ '../x.xml': f003 })))) {
        }
      })(),
    );
    expect(traversal.detail).toBe('Недопустимое имя файла в архиве: ../x.xml');
  });
});

describe('F003/F002: repeated elements and file warnings', () => {
  const region = { regionCode: '99', okato: '99000' };
  async function read(bytes: Uint8Array, onIssue?: (issue: FlkIssue) => void) {
    const out: DirectoryOrganisation[] = [];
    for await (const r of readOrganisationDirectory(chunked(bytes), onIssue ? { onIssue } : {})) out.push(r);
    return out;
  }
  const f003 = (edit: (text: string) => string) =>
    utf8(edit(new TextDecoder().decode(directoryFile('F003', [{ code: '990101' }], 'utf-8'))));

  it('rejects a record that gives mcod (or another element the import reads) twice in one place (904)', async () => {
    const [twice] = await read(
      f003((t) => t.replace('<mcod>990101</mcod>', '<mcod>990101</mcod><mcod>990102</mcod>')),
    );
    expect(twice?.repeated).toEqual(['mcod']);
    const verdict = organisationFromDirectory(twice!, region);
    expect(verdict).toMatchObject({ status: 'invalid', code: '990101' });
    expect(verdict.status === 'invalid' && verdict.errors[0]).toMatchObject({
      code: '904',
      field: 'mcod',
      message: 'Элемент mcod указан более одного раза',
    });
    // Even when the first code names another region: the record's region is not certain.
    const [foreign] = await read(
      f003((t) => t.replace('<mcod>990101</mcod>', '<mcod>010101</mcod><mcod>990102</mcod>')),
    );
    expect(organisationFromDirectory(foreign!, region).status).toBe('invalid');
    const [period] = await read(
      f003((t) =>
        t.replace(
          '<d_begin>01.01.2020</d_begin>',
          '<d_begin>01.01.2020</d_begin><d_begin>01.01.2021</d_begin>',
        ),
      ),
    );
    expect(organisationFromDirectory(period!, region)).toMatchObject({ status: 'invalid' });
  });

  it('keeps records whose repeated elements are not read, or repeat in different places', async () => {
    const [phones] = await read(
      f003((t) => t.replace('</medCompany>', '<phone>1</phone><phone>2</phone></medCompany>')),
    );
    expect(phones?.repeated).toEqual(['phone']);
    expect(organisationFromDirectory(phones!, region).status).toBe('valid');
    const [periods] = await read(
      f003((t) =>
        t.replace(
          '</medCompany>',
          '<mo_includ><d_begin>01.01.2010</d_begin><d_end>01.01.2011</d_end></mo_includ></medCompany>',
        ),
      ),
    );
    expect(periods?.repeated).toEqual([]);
    expect(organisationFromDirectory(periods!, region).status).toBe('valid');
  });

  it('hands the warning about a UTF-8 file declared windows-1251 to the caller', async () => {
    const warnings: FlkIssue[] = [];
    const records = await read(
      f003((t) => t.replace('encoding="UTF-8"', 'encoding="Windows-1251"')),
      (issue) => warnings.push(issue),
    );
    expect(records[0]?.fields.nam_mop).toEqual(['Организация 990101']);
    expect(warnings).toEqual([
      expect.objectContaining({
        rule: 'ORG.PACKAGE.FORMAT',
        severity: 'warning',
        message: expect.stringMatching(/кодировке/),
      }),
    ]);
  });
});
