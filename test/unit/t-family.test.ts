import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseTFileName } from '../../shared/hospitalisation/formats/t-family/t-file-name';
import { readTFileAll, type TFileItem } from '../../shared/hospitalisation/formats/t-family/t-file-reader';
import { tFileXml, writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import type { TRecordOf } from '../../shared/hospitalisation/formats/t-family/t-record-mapping';
import { Refusal } from '../../shared/platform/flk/refusal';
import {
  admissionArbitrary,
  cancellationArbitrary,
  dischargeArbitrary,
  freeBedsArbitrary,
  referralArbitrary,
  samples,
} from '../helpers/t-family-records';

async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const read = (bytes: Uint8Array, size = 65_536, uploadName?: string) =>
  readTFileAll(chunked(bytes, size), uploadName ? { uploadName } : {});

async function packageIssues(bytes: Uint8Array, uploadName?: string) {
  try {
    await read(bytes, 65_536, uploadName);
  } catch (error) {
    if (error instanceof Refusal) return error.issues;
    throw error;
  }
  throw new Error('expected a package error');
}

const name = <T extends keyof TRecordOf>(type: T, code = '990101') =>
  ({ type, senderKind: 'M', senderCode: code, date: '2026-11-28', sequence: null }) as const;

const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (type: string, zaps: string, zglv?: string) =>
  utf8(
    `<?xml version="1.0" encoding="UTF-8"?><ZL_LIST>${
      zglv ??
      `<ZGLV><VERSION>1.0</VERSION><DATA>2026-11-28</DATA><FILENAME>${type}-M-990101-2026-11-28</FILENAME></ZGLV>`
    }${zaps}</ZL_LIST>`,
  );

const records = (items: Exclude<TFileItem, { kind: 'header' }>[]) =>
  items.map((i) => (i.kind === 'record' ? i.record : i));

describe('T-family file names', () => {
  it('reads type, sender kind, sender code, date and sequence; refuses other names', () => {
    expect(parseTFileName('T1-M-990001-2026-11-28.xml')).toEqual({
      type: 'T1',
      senderKind: 'M',
      senderCode: '990001',
      date: '2026-11-28',
      sequence: null,
    });
    expect(parseTFileName('t4-S-99001-2026-11-28-2.zip')).toMatchObject({
      type: 'T4',
      senderKind: 'S',
      sequence: 2,
    });
    expect(parseTFileName('T7-M-990001-2026-11-28')).toBeNull();
    expect(parseTFileName('T1-M-99001-2026-11-28')).toBeNull(); // an МО code has 6 digits
    expect(parseTFileName('T1-M-990001-28.11.2026')).toBeNull();
  });
});

describe('T-family writer → reader, every type', () => {
  for (const type of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const) {
    it(`${type}: zipped windows-1251 and plain UTF-8 give back the same canonical records`, async () => {
      const rows = (samples[type] as TRecordOf[typeof type][]).map((record) => ({ record }));
      const zipped = writeTFile(name(type), rows);
      const plain = writeTFile(name(type), rows, { zip: false, encoding: 'utf-8' });

      const fromZip = await read(zipped.bytes, 7);
      const fromXml = await read(plain.bytes, 3);

      expect(zipped.fileName).toBe(`${type}-M-990101-2026-11-28.zip`);
      expect(zipped.bytes.subarray(0, 2)).toEqual(Uint8Array.from([0x50, 0x4b]));
      expect(fromZip.header).toMatchObject({
        format: 't-family',
        version: '1.0',
        type,
        senderCode: '990101',
        date: '2026-11-28',
      });
      expect(records(fromZip.items)).toEqual(samples[type]);
      expect(records(fromXml.items)).toEqual(samples[type]);
    });
  }

  it('writes windows-1251 bytes by default and the classic tags (TIM_FKT as ЧЧ-ММ, VPOLIS 3 with the ЕНП)', async () => {
    const xml = tFileXml(name('T2'), [
      { record: samples.T2[0]!, context: { smo: '99001', referringMo: '990001' } },
    ]);
    const bytes = writeTFile(name('T2'), [{ record: samples.T2[0]! }], { zip: false }).bytes;

    expect(xml).toContain('<TIM_FKT>09-30</TIM_FKT>');
    expect(xml).toContain('<VPOLIS>3</VPOLIS><NPOLIS>9900000000000012</NPOLIS><SMO>99001</SMO>');
    expect(xml).toContain('<MCOD_NAP>990001</MCOD_NAP>');
    expect(bytes.includes(0xc8)).toBe(true); // «И» of Иванова, one byte in windows-1251
    expect(new TextDecoder().decode(bytes.subarray(0, 45))).toContain('encoding="windows-1251"');
  });

  it('round-trips any records of each type (property: write then read gives them back)', async () => {
    const byType = [
      ['T1', referralArbitrary],
      ['T2', admissionArbitrary.map((r) => ({ ...r, kind: 'planned' as const }))],
      ['T3', admissionArbitrary.map((r) => ({ ...r, kind: 'emergency' as const }))],
      ['T4', cancellationArbitrary],
      ['T5', dischargeArbitrary],
      ['T6', freeBedsArbitrary],
    ] as const;
    for (const [type, arbitrary] of byType) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbitrary as fc.Arbitrary<TRecordOf[typeof type]>, { maxLength: 4 }),
          fc.constantFrom('utf-8' as const, 'windows-1251' as const),
          fc.boolean(),
          fc.integer({ min: 1, max: 200 }),
          async (list, encoding, zip, chunk) => {
            const { bytes } = writeTFile(
              name(type),
              list.map((record) => ({ record })),
              { encoding, zip },
            );
            const back = await read(bytes, chunk);
            expect(records(back.items)).toEqual(list);
          },
        ),
        { numRuns: 40 },
      );
    }
  });
});

describe('T-family reader: what it refuses', () => {
  const t1Zap = (inner: string) =>
    `<ZAP><NOM_NAP>0001202600000009</NOM_NAP><DTA_NAP>2026-11-20</DTA_NAP><FRM_MP>3</FRM_MP><MCOD_NAP>990001</MCOD_NAP>` +
    `<MCOD_STC>990101</MCOD_STC><VPOLIS>3</VPOLIS><NPOLIS>9900000000000012</NPOLIS><SMO>99001</SMO><FAM>Иванова</FAM>` +
    `<IM>Мария</IM><W>2</W><DR>1980-02-03</DR><TLF>не указан</TLF><DS>I20.8</DS><KOD_PFK>26</KOD_PFK><KOD_PFO>29</KOD_PFO>` +
    `<KOD_DCT>11223344595</KOD_DCT><DTA_PLN>2026-11-28</DTA_PLN><USL_OK>1</USL_OK>${inner}</ZAP>`;

  it('reads a classic record without our extensions: sourceId = NOM_NAP, СНИЛС canonical, «не указан» phone dropped', async () => {
    const { items } = await read(file('T1', t1Zap('')));

    expect(items).toEqual([
      {
        kind: 'record',
        ordinal: 1,
        type: 'T1',
        record: {
          sourceId: '0001202600000009',
          number: '0001202600000009',
          date: '2026-11-20',
          form: 3,
          fromMoCode: '990001',
          toMoCode: '990101',
          conditions: 1,
          profile: 29,
          bedProfile: 26,
          diagnosis: 'I20.8',
          doctorSnils: '112-233-445 95',
          plannedDate: '2026-11-28',
          kind: 'plain',
          patient: { enp: '9900000000000012', fam: 'Иванова', im: 'Мария', sex: 2, birthDate: '1980-02-03' },
        },
        context: { vpolis: 3, npolis: '9900000000000012', smo: '99001' },
      },
    ]);
  });

  it('reports each bad record with tag, value, F012 code and Russian message, and reads the good ones', async () => {
    const bad = t1Zap('')
      .replace('<DTA_NAP>2026-11-20</DTA_NAP>', '<DTA_NAP>20.11.2026</DTA_NAP>')
      .replace('<W>2</W>', '<W>3</W>')
      .replace('<DS>I20.8</DS>', '')
      .replace('<KOD_PFK>26</KOD_PFK>', '<KOD_PFK>двадцать</KOD_PFK><XYZ>1</XYZ>');
    const { items } = await read(
      file('T1', `${t1Zap('')}${bad}${t1Zap('<VMP>1</VMP><TAL_NUM>1</TAL_NUM>')}`),
    );

    expect(items.map((i) => i.kind)).toEqual(['record', 'invalid', 'invalid']);
    expect(items[1]).toMatchObject({ ordinal: 2, sourceId: '0001202600000009' });
    const issues = items[1]!.kind === 'invalid' ? items[1]!.issues : [];
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          rule: 'TFILE.XML.TAG',
          code: '901',
          severity: 'error',
          field: 'XYZ',
          message: 'Неизвестный элемент XYZ в ZAP',
        },
        expect.objectContaining({
          code: '903',
          field: 'DTA_NAP',
          value: '20.11.2026',
          message: 'Дата DTA_NAP должна быть в формате ГГГГ-ММ-ДД',
        }),
        expect.objectContaining({
          code: '904',
          field: 'W',
          value: '3',
          message: 'Недопустимый код W (допустимо: 1, 2)',
        }),
        expect.objectContaining({ code: '902', field: 'DS', message: 'Отсутствует обязательное поле DS' }),
        expect.objectContaining({ code: '903', field: 'KOD_PFK', value: 'двадцать' }),
      ]),
    );
    expect(items[2]).toMatchObject({ kind: 'invalid', issues: [{ code: '902', field: 'TAL_D' }] });
  });

  it('checks ЕНП, time and the cancellation reason list', async () => {
    const t2 =
      '<ZAP><NOM_NAP>1</NOM_NAP><DTA_NAP>2026-11-20</DTA_NAP><FRM_MP>3</FRM_MP><MCOD_STC>990101</MCOD_STC><MPODR_STC>01</MPODR_STC>' +
      '<DTA_FKT>2026-11-28</DTA_FKT><TIM_FKT>25-10</TIM_FKT><VPOLIS>3</VPOLIS><NPOLIS>12345</NPOLIS><FAM>А</FAM><IM>Б</IM><W>1</W>' +
      '<DR>1980-01-01</DR><USL_OK>1</USL_OK><KOD_PFK>26</KOD_PFK><KOD_PFO>29</KOD_PFO><NHISTORY>1</NHISTORY><DS>I20</DS></ZAP>';
    const t4 =
      '<ZAP><NOM_NAP>1</NOM_NAP><DTA_NAP>2026-11-20</DTA_NAP><IST_ANL>4</IST_ANL><ACOD>990101</ACOD><PR_ANL>10</PR_ANL></ZAP>';

    const stays = await read(file('T2', t2));
    const cancels = await read(file('T4', t4));

    expect(stays.items[0]).toMatchObject({
      kind: 'invalid',
      issues: [
        {
          code: '903',
          field: 'TIM_FKT',
          value: '25-10',
          message: 'Время TIM_FKT должно быть в формате ЧЧ-ММ',
        },
        { code: '903', field: 'NPOLIS', message: 'ЕНП (NPOLIS при VPOLIS = 3) должен состоять из 16 цифр' },
      ],
    });
    expect(cancels.items[0]).toMatchObject({
      kind: 'invalid',
      issues: [
        { code: '904', field: 'IST_ANL', value: '4' },
        {
          code: '904',
          field: 'PR_ANL',
          value: '10',
          message: 'Недопустимый код PR_ANL (допустимо: 1, 2, 3, 4, 5, 6, 7, 8, 9)',
        },
      ],
    });
  });

  it('takes the defaults of the classic format: T3 FRM_MP 1, T4 date = file date, T5 ids = NHISTORY, T6 natural key', async () => {
    const t3 =
      '<ZAP><MCOD_STC>990101</MCOD_STC><MPODR_STC>01</MPODR_STC><DTA_FKT>2026-11-28</DTA_FKT><FAM>А</FAM><IM>Б</IM><W>1</W>' +
      '<DR>1980-01-01</DR><USL_OK>1</USL_OK><KOD_PFK>26</KOD_PFK><KOD_PFO>29</KOD_PFO><NHISTORY>Э-7</NHISTORY><DS>I21.0</DS></ZAP>';
    const t4 =
      '<ZAP><NOM_NAP>N1</NOM_NAP><DTA_NAP>2026-11-20</DTA_NAP><IST_ANL>2</IST_ANL><ACOD>990101</ACOD><PR_ANL>7</PR_ANL></ZAP>';
    const t5 =
      '<ZAP><MCOD_STC>990101</MCOD_STC><DTA_END>2026-12-01</DTA_END><NHISTORY>Э-7</NHISTORY><ISHOD>2</ISHOD><VKOL_FKT>1</VKOL_FKT></ZAP>';

    expect(records((await read(file('T3', t3))).items)[0]).toMatchObject({
      sourceId: 'Э-7',
      kind: 'emergency',
      form: 1,
    });
    expect(records((await read(file('T4', t4))).items)[0]).toEqual({
      sourceId: 'N1',
      referralNumber: 'N1',
      referralDate: '2026-11-20',
      reason: 7,
      date: '2026-11-28',
    });
    expect((await read(file('T5', t5))).items[0]).toMatchObject({
      kind: 'invalid',
      issues: [{ code: '901', field: 'VKOL_FKT' }],
    });
    expect(records((await read(file('T5', t5.replace('<VKOL_FKT>1</VKOL_FKT>', '')))).items)[0]).toEqual({
      sourceId: 'Э-7',
      admissionSourceId: 'Э-7',
      date: '2026-12-01',
      outcome: 2,
    });
  });

  it('refuses a file that cannot be read as a T-file, with a package issue', async () => {
    const doctype = utf8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><ZL_LIST></ZL_LIST>');
    const badName = file('T1', '', '<ZGLV><DATA>2026-11-28</DATA><FILENAME>referrals</FILENAME></ZGLV>');
    const noHeader = utf8('<ZL_LIST><ZAP/></ZL_LIST>');
    const otherRoot = utf8('<ERZ_LIST/>');
    const truncated = utf8('<?xml version="1.0"?><ZL_LIST><ZGLV><DATA>2026-11-28</DATA>');
    const version = file(
      'T1',
      '',
      '<ZGLV><VERSION>2.0</VERSION><DATA>2026-11-28</DATA><FILENAME>T1-M-990101-2026-11-28</FILENAME></ZGLV>',
    );
    const twoFiles = zipSync({ 'a.xml': file('T1', ''), 'b.xml': file('T1', '') });

    expect(await packageIssues(doctype)).toMatchObject([
      { code: '901', message: 'Объявление DOCTYPE в файле не допускается' },
    ]);
    expect(await packageIssues(badName)).toMatchObject([
      { code: '802', field: 'ZGLV.FILENAME', value: 'referrals' },
    ]);
    expect(await packageIssues(noHeader)).toMatchObject([{ code: '901', field: 'ZGLV' }]);
    expect(await packageIssues(otherRoot)).toMatchObject([
      { code: '901', message: 'Корневой элемент должен быть ZL_LIST' },
    ]);
    expect(await packageIssues(truncated)).toMatchObject([{ code: '901' }]);
    expect(await packageIssues(version)).toMatchObject([
      { code: '904', field: 'ZGLV.VERSION', value: '2.0' },
    ]);
    expect(await packageIssues(twoFiles)).toMatchObject([
      { rule: 'TFILE.PACKAGE.FORMAT', code: '801', message: 'Архив должен содержать ровно один XML-файл' },
    ]);
    expect(await packageIssues(file('T1', ''), 'T2-M-990101-2026-11-28.zip')).toMatchObject([
      { code: '802' },
    ]);
    expect(await packageIssues(utf8('ENP;FAM'))).toMatchObject([{ code: '801' }]);
  });

  it('reads an empty file (no ZAP) as a header and no records', async () => {
    const { header, items } = await read(file('T6', ''));

    expect(header).toMatchObject({ type: 'T6', senderKind: 'M', senderCode: '990101' });
    expect(items).toEqual([]);
  });
});
