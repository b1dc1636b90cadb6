import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDirectory } from '../../shared/nsi/domain/catalogue';
import { parseRuDate } from '../../shared/nsi/domain/nsi-record';
import { readFfomsDirectory } from '../../shared/nsi/formats/ffoms-directory-reader';
import { readMinzdravDirectory } from '../../shared/nsi/formats/minzdrav-directory-reader';
import { readSemicolonCsv } from '../../shared/nsi/formats/semicolon-csv';
import { Refusal } from '../../shared/platform/flk/refusal';
import { cp1251 } from '../helpers/cp1251';

async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const v014 = `<?xml version="1.0" encoding="windows-1251"?>
<packet><zglv><type>FrMp</type><version>2.0</version><date>13.12.2017</date></zglv>
<zap><IDFRMMP>1</IDFRMMP><FRMMPNAME>Экстренная</FRMMPNAME><DATEBEG>01.01.2013</DATEBEG><DATEEND/></zap>
<zap><IDFRMMP>2</IDFRMMP><FRMMPNAME>Неотложная</FRMMPNAME><DATEBEG>01.01.2013</DATEBEG><DATEEND>31.12.2099</DATEEND></zap>
</packet>`;

describe('FFOMS directory reader', () => {
  it('reads records and the header whatever the chunk boundaries (even inside a character)', async () => {
    for (const size of [1, 7, 64, 100_000]) {
      let header: unknown;
      const records = await collect(
        readFfomsDirectory(chunked(cp1251(v014), size), findDirectory('V014')!, (h) => {
          header = h;
        }),
      );
      expect(header).toEqual({ version: '2.0', publishedAt: '2017-12-13' });
      expect(records.map((r) => [r.code, r.name, r.dateBeg, r.dateEnd])).toEqual([
        ['1', 'Экстренная', '2013-01-01', null],
        ['2', 'Неотложная', '2013-01-01', '2099-12-31'],
      ]);
    }
  });

  it('refuses a DOCTYPE (no entity expansion in reference data)', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE packet [<!ENTITY x "y">]><packet><zap><A>1</A></zap></packet>`;
    await expect(
      collect(readFfomsDirectory(chunked(cp1251(xml), 16), findDirectory('V014')!, () => {})),
    ).rejects.toThrow(/DOCTYPE/);
  });

  it('parses FFOMS dates and rejects malformed ones', () => {
    expect(parseRuDate('01.09.2018')).toBe('2018-09-01');
    expect(parseRuDate('')).toBeNull();
    expect(parseRuDate('2018/09/01')).toBeNull();
  });
});

describe('semicolon CSV', () => {
  it('round-trips any fields (quotes, separators, newlines) across any chunking', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Б', ';', '"', '\n', ' ', '1') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 20 }),
        async (rows, size) => {
          const width = rows[0]!.length;
          const table = rows.map((r) => [...r, ...Array(width).fill('x')].slice(0, width));
          const text = table.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(';')).join('\n');
          const parsed = await collect(readSemicolonCsv(chunked(new TextEncoder().encode(text), size)));
          expect(parsed).toEqual(table);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads МКБ-10 rows with their parent codes', async () => {
    const csv = [
      'ID;REC_CODE;MKB_CODE;MKB_NAME;ID_PARENT;ADDL_CODE;ACTUAL;DATE',
      '1204;"0201107C50";"C50";"Злокачественное новообразование молочной железы";1000;;1;',
      '1209;"0201107C504";"C50.4";"Злокачественное новообразование верхненаружного квадранта молочной железы";1204;;1;',
      '77;"X";"A99.9";"Исключённый код";1204;;0;"01.01.2015"',
    ].join('\n');
    const records = await collect(
      readMinzdravDirectory(chunked(new TextEncoder().encode(csv), 13), findDirectory('MKB10')!, () => {}),
    );
    expect(records.map((r) => [r.code, r.parentCode, r.dateEnd])).toEqual([
      ['C50', null, null],
      ['C50.4', 'C50', null],
      ['A99.9', 'C50', '2015-01-01'],
    ]);
  });
});

describe('НСИ dates', () => {
  it('reads ДД.ММ.ГГГГ and ISO dates, and refuses a date that is not in the calendar', () => {
    // Assess
    expect(parseRuDate('01.02.2020')).toBe('2020-02-01');
    expect(parseRuDate('2020-02-29')).toBe('2020-02-29');
    expect(parseRuDate(undefined)).toBeNull();
    expect(() => parseRuDate('31.02.2020')).toThrow(Refusal);
  });
});
