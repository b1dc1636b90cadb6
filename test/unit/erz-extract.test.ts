import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { ErzPerson } from '../../shared/person/domain/erz-person';
import { type ErzExtractItem, readErzExtract } from '../../shared/person/formats/erz-extract-reader';
import { encodeXmlText, writeErzExtract } from '../../shared/person/formats/erz-extract-writer';
import { Refusal } from '../../shared/platform/flk/refusal';
import { erzPersonArbitrary, erzRegionCodes, newErzPerson } from '../helpers/erz-persons';

async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(bytes: Uint8Array, size = 65_536): Promise<ErzExtractItem[]> {
  const out: ErzExtractItem[] = [];
  for await (const item of readErzExtract(chunked(bytes, size))) out.push(item);
  return out;
}

async function packageFindings(bytes: Uint8Array) {
  try {
    await read(bytes);
  } catch (error) {
    if (error instanceof Refusal) return error.issues;
    throw error;
  }
  throw new Error('expected a package error');
}

const codes = erzRegionCodes(generateRegionStructure('unit'));
const persons = [1, 2, 3].map((n) => newErzPerson(n, codes));
const header = { date: '2026-01-15', fileName: 'ERZ_99_20260115', okato: '99000' };

const wrap = (
  body: string,
  zglv = '<ZGLV><VERSION>1.0</VERSION><DATA>2026-01-15</DATA><FILENAME>F</FILENAME><OKATO>99000</OKATO></ZGLV>',
) => new TextEncoder().encode(`<?xml version="1.0" encoding="utf-8"?><ERZ_LIST>${zglv}${body}</ERZ_LIST>`);

const minimalPers = (inner: string) =>
  `<PERS><ID>R1</ID><ENP>9900000000000012</ENP><FAM>Иванов</FAM><IM>Иван</IM><W>1</W><DR>1980-02-03</DR>${inner}</PERS>`;
const polis =
  '<POLIS><VPOLIS>3</VPOLIS><NPOLIS>9900000000000012</NPOLIS><SMO>99001</SMO><DBEG>2020-01-01</DBEG></POLIS>';

describe('ЕРЗ extract reader', () => {
  it('reads a windows-1251 extract whatever the chunk boundaries (even inside a character)', async () => {
    const bytes = writeErzExtract(header, persons, 'windows-1251');
    expect(bytes.includes(0xd1)).toBe(true); // «С» in windows-1251: the file really is single-byte Cyrillic
    for (const size of [1, 7, 4096]) {
      const items = await read(bytes, size);
      expect(items[0]).toEqual({ kind: 'header', header: { ...header, version: '1.0', count: 3 } });
      expect(items.slice(1)).toEqual(
        persons.map((person, i) => ({ kind: 'record', ordinal: i + 1, person })),
      );
    }
  });

  it('reads UTF-8 (with or without a byte order mark) and a ZIP holding one XML file', async () => {
    const utf8 = writeErzExtract(header, persons, 'utf-8');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const zipped = zipSync({ 'ERZ_99.xml': writeErzExtract(header, persons, 'windows-1251') });
    for (const bytes of [utf8, withBom, zipped]) {
      const items = await read(bytes, 1000);
      expect(items.filter((i) => i.kind === 'record').map((i) => i.kind === 'record' && i.person)).toEqual(
        persons,
      );
    }
  });

  it('refuses a file that is neither ZIP nor XML, an empty one, an unsupported or wrong encoding', async () => {
    expect(await packageFindings(new TextEncoder().encode('hello'))).toMatchObject([{ code: '801' }]);
    expect(await packageFindings(new Uint8Array(0))).toMatchObject([{ code: '801', message: 'Файл пуст' }]);
    const koi = new TextEncoder().encode('<?xml version="1.0" encoding="koi8-r"?><ERZ_LIST/>');
    expect(await packageFindings(koi)).toMatchObject([{ code: '801', value: 'koi8-r' }]);
    const notUtf8 = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0"?><ERZ_LIST>'),
      0xc0,
      0x3c,
    ]);
    expect((await packageFindings(notUtf8))[0]!.message).toMatch(/кодировке utf-8/);
  });

  it('refuses ZIPs with two files, a file that is not XML, or a damaged archive', async () => {
    const xml = writeErzExtract(header, persons);
    expect(await packageFindings(zipSync({ 'a.xml': xml, 'b.xml': xml }))).toMatchObject([
      { code: '801', message: 'Архив должен содержать ровно один XML-файл', value: 'b.xml' },
    ]);
    expect(await packageFindings(zipSync({ 'a.txt': xml }))).toMatchObject([{ code: '801', value: 'a.txt' }]);
    const zipped = zipSync({ 'a.xml': xml });
    expect(await packageFindings(zipped.subarray(0, zipped.length / 2))).toMatchObject([{ code: '801' }]);
  });

  it('refuses malformed XML, a DOCTYPE, a wrong root, a missing or unsupported header, a wrong COUNT', async () => {
    expect(await packageFindings(wrap('<PERS><ID>1</PERS>'))).toMatchObject([
      { code: '901', rule: 'ERZ.PACKAGE.XML' },
    ]);
    const doctype = new TextEncoder().encode(
      '<?xml version="1.0"?><!DOCTYPE ERZ_LIST [<!ENTITY x "y">]><ERZ_LIST></ERZ_LIST>',
    );
    expect(await packageFindings(doctype)).toMatchObject([
      { code: '901', message: expect.stringMatching(/DOCTYPE/) },
    ]);
    const root = new TextEncoder().encode('<?xml version="1.0"?><ZL_LIST></ZL_LIST>');
    expect(await packageFindings(root)).toMatchObject([{ code: '901', field: 'ZL_LIST' }]);
    expect(await packageFindings(wrap('', ''))).toMatchObject([{ code: '902', field: 'ZGLV' }]);
    expect(
      await packageFindings(
        wrap(
          '',
          '<ZGLV><VERSION>2.0</VERSION><DATA>2026-01-15</DATA><FILENAME>F</FILENAME><OKATO>99000</OKATO></ZGLV>',
        ),
      ),
    ).toMatchObject([{ code: '904', field: 'ZGLV.VERSION', value: '2.0' }]);
    expect(
      await packageFindings(
        wrap(
          '',
          '<ZGLV><VERSION>1.0</VERSION><DATA>15.01.2026</DATA><FILENAME>F</FILENAME><OKATO>99000</OKATO></ZGLV>',
        ),
      ),
    ).toMatchObject([{ code: '903', field: 'ZGLV.DATA' }]);
    const counted = writeErzExtract({ ...header, count: 5 }, persons);
    expect(await packageFindings(counted)).toMatchObject([
      { code: '904', rule: 'ERZ.PACKAGE.COUNT', value: '5' },
    ]);
    const truncated = writeErzExtract(header, persons).subarray(0, 600);
    expect(await packageFindings(truncated)).toMatchObject([{ code: '901' }]);
  });

  it('reports each record’s format errors (F012 902/903/904, unknown tags 901) and reads on', async () => {
    const bad = [
      // FAM missing, DR malformed, W not in V005
      '<PERS><ID>B1</ID><ENP>9900000000000012</ENP><IM>Иван</IM><W>3</W><DR>03.02.1980</DR>' +
        polis +
        '</PERS>',
      // unknown tag, repeated ENP, SMO not 5 digits, VPOLIS not a number, PRIK without UCH
      '<PERS><ID>B2</ID><ENP>9900000000000012</ENP><ENP>1</ENP><FAM>А</FAM><IM>Б</IM><W>2</W><DR>1980-02-03</DR><XX>1</XX>' +
        '<POLIS><VPOLIS>x</VPOLIS><NPOLIS>1</NPOLIS><SMO>9901</SMO><DBEG>2020-01-01</DBEG></POLIS>' +
        '<PRIK><MO>990001</MO><SNILS_VR>112-233-445 95</SNILS_VR><DBEG>2020-01-01</DBEG></PRIK></PERS>',
      // no policy at all
      minimalPers(''),
      minimalPers(polis),
    ].join('');
    const items = await read(wrap(bad));
    expect(items.map((i) => i.kind)).toEqual(['header', 'invalid', 'invalid', 'invalid', 'record']);
    const [, first, second, third] = items;
    expect(first).toMatchObject({ kind: 'invalid', ordinal: 1, recordId: 'B1', enp: '9900000000000012' });
    expect(first!.kind === 'invalid' && first!.findings.map((f) => [f.code, f.field, f.value])).toEqual([
      ['902', 'FAM', undefined],
      ['904', 'W', '3'],
      ['903', 'DR', '03.02.1980'],
    ]);
    expect(second!.kind === 'invalid' && second!.findings.map((f) => [f.code, f.field])).toEqual([
      ['901', 'ENP'],
      ['901', 'XX'],
      ['903', 'POLIS[1].VPOLIS'],
      ['903', 'POLIS[1].SMO'],
      ['902', 'PRIK[1].UCH'],
    ]);
    expect(third!.kind === 'invalid' && third!.findings).toMatchObject([{ code: '902', field: 'POLIS' }]);
    for (const item of items) {
      if (item.kind === 'invalid') for (const f of item.findings) expect(f.message).toMatch(/[а-яА-Я]/);
    }
  });

  it('normalises a doctor’s СНИЛС written without separators', async () => {
    const prik =
      '<PRIK><MO>990001</MO><UCH>001</UCH><SNILS_VR>11223344595</SNILS_VR><DBEG>2020-01-01</DBEG></PRIK>';
    const [, item] = await read(wrap(minimalPers(polis + prik)));
    expect(item!.kind === 'record' && item!.person.attachments[0]!.doctorSnils).toBe('112-233-445 95');
  });

  it('round-trips any valid persons through writer and reader (either encoding, any chunking, zipped or not)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(erzPersonArbitrary, { minLength: 0, maxLength: 5 }),
        fc.constantFrom('utf-8' as const, 'windows-1251' as const),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        async (people, encoding, size, zip) => {
          const xml = writeErzExtract(header, people, encoding);
          const bytes = zip ? zipSync({ 'x.xml': xml }) : xml;
          const items = await read(bytes, size);
          const records = items.flatMap((i) => (i.kind === 'record' ? [i.person] : []));
          expect(items.filter((i) => i.kind === 'invalid')).toEqual([]);
          expect(records).toEqual(people);
          for (const r of records) ErzPerson.parse(r);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writes characters windows-1251 lacks as character references', () => {
    expect(new TextDecoder('windows-1251').decode(encodeXmlText('Ёж 中 😀 €', 'windows-1251'))).toBe(
      'Ёж &#x4e2d; &#x1f600; €',
    );
  });
});
