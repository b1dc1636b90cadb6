import { Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../shared/platform/flk/refusal';
import { readFlatXml } from '../../shared/platform/formats/package/flat-xml-records';
import { packageRules } from '../../shared/platform/formats/package/package-refusal';
import { readXmlElements, type XmlLimits } from '../../shared/platform/formats/package/xml-elements';
import {
  openXmlDocuments,
  openXmlText,
  type XmlPackageOptions,
} from '../../shared/platform/formats/package/xml-package';
import { cp1251 } from '../helpers/cp1251';

const rules = packageRules('TEST');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function* chunked(bytes: Uint8Array, size = 16 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function text(bytes: Uint8Array | AsyncIterable<Uint8Array>, options: Partial<XmlPackageOptions> = {}) {
  let out = '';
  // Tiny chunks (boundaries everywhere) for small files, 64 KB for big ones.
  const source = bytes instanceof Uint8Array ? chunked(bytes, bytes.length > 100_000 ? 65_536 : 7) : bytes;
  for await (const t of openXmlText(source, { rules, ...options })) out += t;
  return out;
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

/** Names of the elements, as the element reader sees them. */
async function elements(xml: string, limits: Partial<XmlLimits> = {}) {
  const names: string[] = [];
  for await (const name of readXmlElements<string>(
    openXmlText(chunked(utf8(xml), 5), { rules }),
    (sink) => ({ open: (n) => sink.emit(n), close: () => {} }),
    { rules, limits },
  )) {
    names.push(name);
  }
  return names;
}

/** A ZIP of one entry of `mb` MB of zeros, written as a stream (never held whole). */
async function zeroBomb(mb: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  const entry = new ZipDeflate('bomb.xml', { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  entry.push(utf8('<?xml version="1.0"?><R>'));
  for (let i = 0; i < mb; i++) entry.push(zeros);
  entry.push(utf8('</R>'), true);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('platform package reader: ZIP', () => {
  it('refuses a ZIP bomb at its first slices (801, too large), having read almost none of it', async () => {
    const bomb = await zeroBomb(64); // ≈64 KB inflating to 64 MB
    let consumed = 0;
    async function* counted() {
      for await (const chunk of chunked(bomb)) {
        consumed += chunk.length;
        yield chunk;
      }
    }
    const refusal = await refusalOf(text(counted()));

    expect(refusal).toMatchObject({ reason: 'too_large', code: '801' });
    expect(refusal.issues).toMatchObject([{ rule: 'TEST.PACKAGE.FORMAT', code: '801', field: 'ZIP' }]);
    expect(refusal.detail).toMatch(/сжатие больше 1:200/);
    expect(consumed).toBeLessThan(bomb.length);
    expect(consumed).toBeLessThanOrEqual(32 * 1024);
  }, 30_000);

  it('refuses an archive whose file inflates beyond the cap (declared or actual), and a plain XML beyond it', async () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `<A>${(i * 7919) % 100_003}-значение</A>`);
    const big = utf8(`<?xml version="1.0"?><R>${values.join('')}</R>`);
    const declared = zipSync({ 'a.xml': big }); // sizes in the local header
    expect(await refusalOf(text(declared, { maxXmlBytes: 100_000 }))).toMatchObject({
      reason: 'too_large',
      detail: expect.stringMatching(/Размер XML превышает допустимый/),
    });
    expect(await refusalOf(text(big, { maxXmlBytes: 100_000 }))).toMatchObject({ reason: 'too_large' });
    expect(await refusalOf(text(declared, { maxFileBytes: 1000 }))).toMatchObject({ reason: 'too_large' });
    expect(await text(declared, { maxXmlBytes: 2 * big.length })).toHaveLength(
      new TextDecoder().decode(big).length,
    );
  });

  it('reads the one XML of an archive; refuses two files, another file, none, a damaged one', async () => {
    const xml = utf8('<?xml version="1.0"?><R/>');
    expect(await text(zipSync({ 'x.XML': xml }))).toBe('<?xml version="1.0"?><R/>');
    const issue = async (bytes: Uint8Array) => (await refusalOf(text(bytes))).issues[0];
    expect(await issue(zipSync({ 'a.xml': xml, 'b.xml': xml }))).toMatchObject({
      code: '801',
      message: 'Архив должен содержать ровно один XML-файл',
      value: 'b.xml',
    });
    expect(await issue(zipSync({ 'a.txt': xml }))).toMatchObject({ code: '801', value: 'a.txt' });
    expect(await issue(zipSync({ 'folder/': new Uint8Array(0) }))).toMatchObject({
      message: 'Архив не содержит XML-файла',
    });
    const zipped = zipSync({ 'a.xml': utf8(`<R>${'<A>1</A>'.repeat(1000)}</R>`) });
    expect(await issue(zipped.subarray(0, zipped.length / 2))).toMatchObject({ code: '801' });
  });

  it('gives the named XML entries of an archive one after the other, within the entry cap', async () => {
    const zip = zipSync({
      'HM1.xml': utf8('<H>1</H>'),
      'readme.txt': utf8('x'),
      'LM1.xml': cp1251('<?xml version="1.0" encoding="windows-1251"?><L>Иванов</L>'),
    });
    const docs: [string | null, string][] = [];
    for await (const doc of openXmlDocuments(chunked(zip, 5), { rules })) {
      let body = '';
      for await (const t of doc.text) body += t;
      docs.push([doc.name, body]);
    }
    expect(docs).toEqual([
      ['HM1.xml', '<H>1</H>'],
      ['LM1.xml', '<?xml version="1.0" encoding="windows-1251"?><L>Иванов</L>'],
    ]);

    const names: string[] = [];
    const tooMany = async () => {
      for await (const doc of openXmlDocuments(chunked(zip, 5), { rules, maxEntries: 2 })) {
        names.push(doc.name ?? '');
        for await (const _ of doc.text);
      }
    };
    expect((await refusalOf(tooMany())).issues[0]).toMatchObject({ code: '801', value: 'LM1.xml' });
    expect(names).toEqual(['HM1.xml']);

    const plain: (string | null)[] = [];
    for await (const doc of openXmlDocuments(chunked(utf8('<H/>')), { rules })) plain.push(doc.name);
    expect(plain).toEqual([null]);
  });
});

describe('platform package reader: encodings', () => {
  it('decodes as the prolog declares, whatever the chunk boundaries; UTF-8 by default or by its BOM', async () => {
    const cyrillic = '<?xml version="1.0" encoding="windows-1251"?><R>Съешь ещё этих мягких булок</R>';
    expect(await text(cp1251(cyrillic))).toBe(cyrillic);
    expect(await text(cp1251(cyrillic.replace('windows-1251', 'CP1251')))).toContain('мягких');
    expect(await text(utf8('<R>ёжик</R>'))).toBe('<R>ёжик</R>');
    expect(await text(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<R>ёж</R>')]))).toBe('<R>ёж</R>');
    expect(await text(cp1251('<R>ёж</R>'), { defaultEncoding: 'windows-1251' })).toBe('<R>ёж</R>');
  });

  it('refuses another encoding, UTF-16, content not in the declared encoding, an empty or non-XML file', async () => {
    const issue = async (bytes: Uint8Array) => (await refusalOf(text(bytes))).issues[0];
    expect(await issue(utf8('<?xml version="1.0" encoding="koi8-r"?><R/>'))).toMatchObject({
      code: '801',
      field: 'encoding',
      value: 'koi8-r',
    });
    expect(await issue(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]))).toMatchObject({ message: /UTF-16/ });
    expect(await issue(new Uint8Array([...utf8('<R>'), 0xc0, 0x3c]))).toMatchObject({
      message: 'Содержимое файла не соответствует кодировке utf-8',
    });
    expect(await issue(new Uint8Array(0))).toMatchObject({ message: 'Файл пуст' });
    expect(await issue(utf8('ENP;FAM'))).toMatchObject({ message: /ни ZIP-архивом, ни XML-документом/ });
  });

  it('warns when a file declared windows-1251 is UTF-8 (and not when it is what it says)', async () => {
    const warnings: unknown[] = [];
    const onIssue = (issue: unknown) => warnings.push(issue);
    const declared = '<?xml version="1.0" encoding="windows-1251"?><R>Иванов</R>';
    await text(utf8(declared), { onIssue });
    await text(cp1251(declared), { onIssue });
    await text(utf8('<?xml version="1.0" encoding="windows-1251"?><R>ASCII</R>'), { onIssue });

    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: '801', field: 'encoding', value: 'windows-1251' }),
    ]);
  });
});

describe('platform package reader: XML', () => {
  it('reads elements in order and refuses a DOCTYPE (no entity is ever expanded)', async () => {
    expect(await elements('<R><A>1</A><B/></R>')).toEqual(['R', 'A', 'B']);
    const bomb = '<?xml version="1.0"?><!DOCTYPE R [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><R>&b;</R>';
    expect(await refusalOf(elements(bomb))).toMatchObject({
      code: '901',
      detail: 'Объявление DOCTYPE в файле не допускается',
    });
  });

  it('refuses malformed or truncated XML, nesting beyond the cap and an endless text run', async () => {
    expect((await refusalOf(elements('<R><A></R>'))).issues[0]).toMatchObject({ code: '901' });
    expect(await refusalOf(elements('<R><A>1</A>'))).toMatchObject({ detail: /обрезан/ });
    expect(
      await refusalOf(elements(`${'<A>'.repeat(10)}${'</A>'.repeat(10)}`, { maxDepth: 5 })),
    ).toMatchObject({
      detail: /глубже 5/,
    });
    const long = `<R>${'x'.repeat(300_000)}</R>`;
    expect(await refusalOf(elements(long, { maxTextChars: 100_000 }))).toMatchObject({
      detail: /Текст без разметки/,
    });
    expect(await elements(long)).toEqual(['R']);
  });

  it('reads a header and records of leaves and groups, with the structure issues of each record', async () => {
    const xml = `<L><H><V>1</V></H>
      <Z><ID>1</ID><G><X>a</X></G><G><X>b</X></G></Z>
      <Z><ID>2</ID><ID>3</ID><Q>?</Q><ID2><N/></ID2><G><X>c</X><Y/></G></Z></L>`;
    const items = [];
    for await (const item of readFlatXml(openXmlText(chunked(utf8(xml), 3), { rules }), {
      root: 'L',
      header: 'H',
      headerLeaves: new Set(['V']),
      record: 'Z',
      maxRecords: 10,
      rules,
      recordRule: 'TEST.XML.TAG',
      readHeader: (fields) => ({
        header: fields,
        schema: {
          leaves: new Set(['ID', 'ID2']),
          groups: new Map([['G', { leaves: new Set(['X']), max: 1 }]]),
        },
      }),
    })) {
      items.push(item);
    }

    expect(items).toEqual([
      { kind: 'header', header: { V: '1' } },
      {
        kind: 'record',
        ordinal: 1,
        fields: { ID: '1' },
        groups: { G: [{ X: 'a' }] },
        issues: [
          expect.objectContaining({
            code: '901',
            field: 'G',
            message: 'Элементов G в записи не может быть больше 1',
          }),
        ],
      },
      {
        kind: 'record',
        ordinal: 2,
        fields: { ID: '2', ID2: '' },
        groups: { G: [{ X: 'c' }] },
        issues: [
          expect.objectContaining({
            rule: 'TEST.XML.TAG',
            field: 'ID',
            message: 'Элемент ID указан более одного раза',
          }),
          expect.objectContaining({ field: 'Q', message: 'Неизвестный элемент Q в Z' }),
          expect.objectContaining({
            field: 'ID2.N',
            message: 'Элемент ID2 не может содержать вложенных элементов',
          }),
          expect.objectContaining({ field: 'G.Y', message: 'Неизвестный элемент Y в G' }),
        ],
      },
    ]);
  });
});
