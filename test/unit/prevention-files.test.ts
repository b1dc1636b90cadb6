import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../shared/platform/flk/refusal';
import { encodeXmlText } from '../../shared/platform/formats/xml-text-encoding';
import type { DispensaryRecord, PlanEntryRecord } from '../../shared/prevention/domain/records';
import { dnPlanRowsOf } from '../../shared/prevention/formats/gis-dn/gis-dn-mapping';
import { gisDnNameFor, parseGisDnName } from '../../shared/prevention/formats/gis-dn/gis-dn-name';
import { readDnListAll, readDnPlanAll } from '../../shared/prevention/formats/gis-dn/gis-dn-reader';
import { writeDnList, writeDnPlan } from '../../shared/prevention/formats/gis-dn/gis-dn-writer';
import { mergeVisitWindows } from '../../shared/prevention/formats/gis-dn/visit-window-merge';
import { oshibPrXml } from '../../shared/prevention/formats/plan-list/oshib-pr-writer';
import {
  type PlanListName,
  parsePlanListName,
  planListFileName,
} from '../../shared/prevention/formats/plan-list/plan-list-name';
import { readPlanListAll } from '../../shared/prevention/formats/plan-list/plan-list-reader';
import { writePlanList } from '../../shared/prevention/formats/plan-list/plan-list-writer';
import { zipBomb } from '../helpers/zip-bomb';

/** Issue 13: the plan-list (PROF) and ГИС ОМС ДН (GST/GPT) file families, docs/formats/prevention-files.md. */

async function* chunked(bytes: Uint8Array, size = 65_536) {
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

const profName: PlanListName = {
  moCode: '990001',
  region: '99',
  smoCode: null,
  year: 2026,
  month: 1,
  number: '1',
};
const profFile = { date: '2026-01-15', name: profName, year: 2026 };
const gstFile = { name: gisDnNameFor('GST', '990001', '2026-01-15'), date: '2026-01-15', regionCode: '99' };
const gptFile = { name: gisDnNameFor('GPT', '990001', '2026-01-15'), date: '2026-01-15', regionCode: '99' };

// ─── generated canonical records ───────────────────────────────────────────────────────────────────────────

/**
 * Text the files carry: Latin, digits, XML's special characters, Cyrillic (without «ё», whose windows-1251 byte
 * after a capital letter would form valid UTF-8) and characters outside windows-1251 (written as references).
 */
const alphabet = [
  ...'abcXYZ019 -./:&<>"\'',
  ...'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯабвгдежзиклмнопрстуфхцчшщьыъэюя',
  'ü',
  '中',
];
const text = (max: number, min = 1) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max })
    .map((chars) => chars.join('').trim())
    .filter((s) => s.length >= min);
const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const day = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2099, 11, 31) / 864e5 })
  .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
const kind = fc.constantFrom('PMO' as const, 'DVN' as const, 'UDVN' as const, 'DN' as const);
const diagnosis = fc
  .tuple(fc.constantFrom(...'ABCEIJKZ'), digits(2), fc.option(digits(1), { nil: undefined }))
  .map(([l, d, s]) => (s === undefined ? `${l}${d}` : `${l}${d}.${s}`));

const planEntry: fc.Arbitrary<PlanEntryRecord> = fc.record(
  {
    sourceId: text(64),
    patient: fc.record(
      {
        enp: digits(16),
        snils: text(14),
        fam: text(40),
        im: text(40),
        ot: text(40),
        birthDate: day,
        docSer: text(20),
        docNum: text(30),
      },
      { requiredKeys: [] },
    ),
    year: fc.integer({ min: 2000, max: 2100 }),
    kind,
    months: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
    quarter: fc.integer({ min: 1, max: 4 }),
    districtCode: text(20),
    doctorSnils: text(14),
    category: fc.constantFrom(0 as const, 1 as const),
    phone: text(36),
    comment: text(500),
    withdrawn: fc.boolean(),
  },
  { requiredKeys: ['sourceId', 'patient', 'year', 'kind', 'months', 'category', 'withdrawn'] },
);

const visit = fc.tuple(day, day).map(([from, to]) => ({ from, to }));

const dispensary = (visits: fc.Arbitrary<DispensaryRecord['visits']>): fc.Arbitrary<DispensaryRecord> =>
  fc.record(
    {
      sourceId: text(64),
      patient: fc.record({ enp: digits(16) }),
      diagnosis,
      diagnosisDate: day,
      dateIn: day,
      dateOut: day,
      statusIn: fc.constantFrom(1 as const, 2 as const),
      reasonIn: fc.integer({ min: 1, max: 999 }),
      reasonOut: fc.integer({ min: 1, max: 999 }),
      specialty: fc.integer({ min: 1, max: 999_999_999 }),
      doctorSnils: text(14),
      moAssign: fc.constantFrom(0 as const, 1 as const),
      visits,
      lastVisit: day,
    },
    {
      requiredKeys: [
        'sourceId',
        'patient',
        'diagnosis',
        'dateIn',
        'statusIn',
        'specialty',
        'moAssign',
        'visits',
      ],
    },
  );

const encoding = fc.constantFrom('utf-8' as const, 'windows-1251' as const);
const chunk = fc.integer({ min: 1, max: 300 });

const onlyRecords = <I extends { kind: string }>(items: I[]) =>
  items.map((i) => ('record' in i ? i.record : i));

// ─── names ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('prevention file names', () => {
  it('plan list: PROF_M<mcod>T<region>[S<smo>]_<YYMM><N>, read and written back', () => {
    expect(parsePlanListName('prof_m990001T99_26011.xml')).toEqual(profName);
    expect(parsePlanListName('PROF_M990001T99S99001_261203')).toMatchObject({
      smoCode: '99001',
      month: 12,
      number: '03',
    });
    expect(planListFileName(profName)).toBe('PROF_M990001T99_26011');
    for (const wrong of ['PROF_M99001T99_26011', 'PROF_M990001T99_26131', 'PROF_M990001_26011', 'plan.xml']) {
      expect(parsePlanListName(wrong)).toBeNull();
    }
  });

  it('ГИС ОМС ДН: <GST|GSM|GPT|GPM><code>_<n>_<n>', () => {
    expect(parseGisDnName('GST990001_20260115_1.zip')).toEqual({
      type: 'GST',
      code: '990001',
      stamp: '20260115',
      number: '1',
    });
    expect(parseGisDnName('gptAB12CD_1_2')).toMatchObject({ type: 'GPT', code: 'AB12CD' });
    expect(parseGisDnName('GXX990001_1_1')).toBeNull();
    expect(parseGisDnName('GST990001_20260115')).toBeNull();
  });
});

// ─── round trips ───────────────────────────────────────────────────────────────────────────────────────────

describe('plan list: write → read → write', () => {
  it('read(write(records)) = records, and writing what was read gives the same bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(planEntry, { maxLength: 5 }), encoding, chunk, async (records, enc, size) => {
        const file = writePlanList(profFile, records, { encoding: enc });
        const back = await readPlanListAll(chunked(file.bytes, size), { uploadName: file.fileName });

        expect(back.items.filter((i) => i.kind === 'invalid')).toEqual([]);
        expect(onlyRecords(back.items)).toEqual(records);
        expect(back.items.map((i) => i.nomerZ)).toEqual(records.map((_, n) => String(n + 1)));
        const again = writePlanList(
          back.header,
          back.items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])),
          { encoding: enc },
        );
        expect(again.fileName).toBe(file.fileName);
        expect(Buffer.from(again.bytes).equals(Buffer.from(file.bytes))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('ГИС ОМС GST (DN_LIST): write → read → write', () => {
  it('read(write(records)) = records, and writing what was read gives the same ZIP (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dispensary(fc.constant([])), { maxLength: 5 }),
        encoding,
        chunk,
        async (records, enc, size) => {
          const file = writeDnList(
            gstFile,
            records.map((record) => ({ record })),
            { encoding: enc },
          );
          const back = await readDnListAll(chunked(file.bytes, size), { uploadName: file.fileName });

          expect(back.items.filter((i) => i.kind === 'invalid')).toEqual([]);
          expect(onlyRecords(back.items)).toEqual(records);
          const again = writeDnList(
            back.header,
            back.items.flatMap((i) =>
              i.kind === 'record' ? [{ record: i.record, context: i.context }] : [],
            ),
            { encoding: enc },
          );
          expect(Buffer.from(again.bytes).equals(Buffer.from(file.bytes))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('ГИС ОМС GPT (DN_PLAN): the visit windows of the observations', () => {
  it('GST + GPT read and merged by ЕНП and diagnosis give the records back; GPT re-written is byte-equal (property)', async () => {
    const observations = fc.uniqueArray(dispensary(fc.array(visit, { maxLength: 6 })), {
      maxLength: 5,
      selector: (r) => `${r.patient.enp}|${r.diagnosis}`,
    });
    await fc.assert(
      fc.asyncProperty(observations, encoding, chunk, async (records, enc, size) => {
        const list = writeDnList(
          gstFile,
          records.map((record) => ({ record: { ...record, visits: [] } })),
          { encoding: enc },
        );
        const plan = writeDnPlan(gptFile, dnPlanRowsOf(records, { mcodPlan: '990001' }), { encoding: enc });

        const observed = await readDnListAll(chunked(list.bytes, size));
        const planned = await readDnPlanAll(chunked(plan.bytes, size), { uploadName: plan.fileName });
        const windows = planned.items.flatMap((i) =>
          i.kind === 'window' ? [{ ordinal: i.ordinal, row: i.row }] : [],
        );
        const merged = mergeVisitWindows(
          observed.items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])),
          windows,
        );

        expect(planned.items.filter((i) => i.kind === 'invalid')).toEqual([]);
        expect(windows).toHaveLength(records.reduce((n, r) => n + r.visits.length, 0));
        expect(merged.unmatched).toEqual([]);
        expect(merged.records).toEqual(records);
        const again = writeDnPlan(
          planned.header,
          windows.map((w) => w.row),
          { encoding: enc },
        );
        expect(Buffer.from(again.bytes).equals(Buffer.from(plan.bytes))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a window that fits no observation, or several, is reported (904) and merged nowhere', () => {
    const base: DispensaryRecord = {
      sourceId: 'DN-1',
      patient: { enp: '9900000000000012' },
      diagnosis: 'I10',
      dateIn: '2024-01-10',
      dateOut: '2025-06-30',
      statusIn: 1,
      specialty: 76,
      moAssign: 1,
      visits: [],
    };
    const reopened = {
      ...base,
      sourceId: 'DN-2',
      dateIn: '2025-07-01',
      dateOut: undefined,
    } as DispensaryRecord;
    delete (reopened as { dateOut?: string }).dateOut;
    const row = (enp: string, diagnosis: string | undefined, from: string) => ({
      planId: `P-${from}`,
      enp,
      ...(diagnosis ? { diagnosis } : {}),
      window: { from, to: from },
      context: {},
    });

    const merged = mergeVisitWindows(
      [base, reopened, { ...base, sourceId: 'DN-3', diagnosis: 'E11' }],
      [
        { ordinal: 1, row: row('9900000000000012', 'I10', '2026-03-01') }, // the reopened observation
        { ordinal: 2, row: row('9900000000000012', 'J45', '2026-03-01') }, // no such diagnosis
        { ordinal: 3, row: row('9900000000000012', undefined, '2025-03-01') }, // I10 and E11 then: ambiguous
        { ordinal: 4, row: row('9900000000000020', 'I10', '2026-03-01') }, // no such person
      ],
    );

    expect(merged.records.map((r) => r.visits)).toEqual([[], [{ from: '2026-03-01', to: '2026-03-01' }], []]);
    expect(merged.unmatched).toMatchObject([
      { ordinal: 2, issues: [{ code: '904', field: 'DS_CODE', value: 'J45' }] },
      { ordinal: 3, issues: [{ code: '904', field: 'ENP', message: expect.stringMatching(/однозначно/) }] },
      { ordinal: 4, issues: [{ code: '904', message: expect.stringMatching(/Нет записи/) }] },
    ]);
  });
});

// ─── what the readers find and refuse ──────────────────────────────────────────────────────────────────────

const zglv = (inner = '') =>
  `<ZGLV><VERSION>1.0</VERSION><DATA>2026-01-15</DATA><FILENAME>PROF_M990001T99_26011</FILENAME><CODMOF>990001</CODMOF><YEAR>2026</YEAR>${inner}</ZGLV>`;
const prof = (records: string, header = zglv()) =>
  `<?xml version="1.0" encoding="windows-1251"?>\n<ZL_LIST>${header}${records}</ZL_LIST>`;
const entry = (n: number, inner: string, plan = '<SV_PL_MER><MONTH>03</MONTH><DISP>ДВ4</DISP></SV_PL_MER>') =>
  `<SV_PR_MER><NOMER_Z>${n}</NOMER_Z>${inner}${plan}</SV_PR_MER>`;
const cp1251 = (xml: string) => encodeXmlText(xml, 'windows-1251');
const readProf = (bytes: Uint8Array, uploadName?: string) =>
  readPlanListAll(chunked(bytes, 7), uploadName === undefined ? {} : { uploadName });

describe('plan-list reader', () => {
  it('reads a windows-1251 Perm-style file: id from PERSON_ID, ЕНП from NPOLIS (VPOLIS 3), quarter, year of the header', async () => {
    const bytes = cp1251(
      prof(
        entry(
          1,
          '<PERSON_ID>77</PERSON_ID><SMOCOD>99001</SMOCOD><FAM>Щукина</FAM><IM>Юлия</IM><DR>1961-05-04</DR><W>2</W>' +
            '<VPOLIS>3</VPOLIS><NPOLIS>9900000000000012</NPOLIS><TEL>+79001234567</TEL><KAT_LG>1</KAT_LG>',
          '<SV_PL_MER><QUART>2</QUART><DISP>ОПВ</DISP></SV_PL_MER>',
        ),
      ),
    );
    expect(bytes.includes(0xd9)).toBe(true); // «Щ», one byte in windows-1251

    const { header, items } = await readProf(bytes, 'PROF_M990001T99_26011.XML');

    expect(header).toEqual({ version: '1.0', date: '2026-01-15', name: profName, year: 2026 });
    expect(items).toEqual([
      {
        kind: 'record',
        ordinal: 1,
        nomerZ: '1',
        record: {
          sourceId: '77:2026:ОПВ',
          patient: { enp: '9900000000000012', fam: 'Щукина', im: 'Юлия', birthDate: '1961-05-04' },
          year: 2026,
          kind: 'PMO',
          months: [],
          quarter: 2,
          category: 1,
          phone: '+79001234567',
          withdrawn: false,
        },
      },
    ]);
  });

  it('reports a bad record with its tag, F012 code, value and message, and reads the others', async () => {
    const good = entry(1, '<ID_ZAP>A-1</ID_ZAP><ENP>9900000000000012</ENP>');
    const badDate = entry(2, '<ID_ZAP>A-2</ID_ZAP><ENP>9900000000000020</ENP><DR>2026-02-31</DR>');
    const blankId = entry(3, '<ID_ZAP>  </ID_ZAP><ENP>9900000000000038</ENP>');
    const unknownTag = entry(4, '<ID_ZAP>A-4</ID_ZAP><ENP>9900000000000046</ENP><XYZ>1</XYZ>');
    const badKinds = entry(
      5,
      '<ID_ZAP>A-5</ID_ZAP><ENP>9900000000000053</ENP>',
      '<SV_PL_MER><MONTH>13</MONTH><DISP>ДВ4</DISP></SV_PL_MER><SV_PL_MER><MONTH>04</MONTH><DISP>ОПВ</DISP></SV_PL_MER><SV_PL_MER><DISP>XX</DISP></SV_PL_MER>',
    );
    const { items } = await readProf(cp1251(prof(good + badDate + blankId + unknownTag + badKinds)));

    expect(items.map((i) => i.kind)).toEqual(['record', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(items[1]).toEqual({
      kind: 'invalid',
      ordinal: 2,
      nomerZ: '2',
      sourceId: 'A-2',
      issues: [
        {
          rule: 'PROF.XML.TYPE',
          code: '903',
          severity: 'error',
          field: 'DR',
          value: '2026-02-31',
          message: 'Дата DR не существует в календаре',
        },
      ],
    });
    expect(items[2]).toMatchObject({
      nomerZ: '3',
      sourceId: null,
      issues: [{ code: '902', field: 'ID_ZAP', message: expect.stringMatching(/ID_ZAP/) }],
    });
    expect(items[3]).toMatchObject({
      sourceId: 'A-4',
      issues: [
        { rule: 'PROF.XML.TAG', code: '901', field: 'XYZ', message: 'Неизвестный элемент XYZ в SV_PR_MER' },
      ],
    });
    expect(items[4]).toMatchObject({
      sourceId: 'A-5',
      issues: [
        { code: '904', field: 'SV_PL_MER.MONTH', value: '13' },
        { code: '904', field: 'SV_PL_MER.DISP', value: 'XX' },
        {
          code: '904',
          field: 'SV_PL_MER.DISP',
          value: 'DVN,PMO',
          message: expect.stringMatching(/разные виды/),
        },
      ],
    });
  });

  it('refuses a file that cannot be read as a plan list: DOCTYPE, a ZIP bomb, wrong names, header, version', async () => {
    const doctype = new TextEncoder().encode(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><ZL_LIST></ZL_LIST>',
    );
    const bomb = zipBomb(300, { name: 'PROF_M990001T99_26011.xml' });
    const file = cp1251(prof(''));

    expect((await refusalOf(readProf(doctype))).issues).toMatchObject([
      { code: '901', message: 'Объявление DOCTYPE в файле не допускается' },
    ]);
    expect(await refusalOf(readPlanListAll(chunked(bomb)))).toMatchObject({
      reason: 'too_large',
      code: '801',
    });
    expect((await refusalOf(readProf(file, 'plan.xml'))).issues).toMatchObject([
      { rule: 'PROF.PACKAGE.NAME', code: '802', field: 'FILENAME', value: 'plan.xml' },
    ]);
    expect((await refusalOf(readProf(file, 'PROF_M990001T99_26012.xml'))).issues).toMatchObject([
      { code: '802', field: 'FILENAME' },
    ]);
    const badFileName = zglv().replace('PROF_M990001T99_26011', 'PLAN_2026');
    expect((await refusalOf(readProf(cp1251(prof('', badFileName))))).issues).toMatchObject([
      { code: '802', field: 'ZGLV.FILENAME', value: 'PLAN_2026' },
    ]);
    const otherMo = zglv().replace('<CODMOF>990001', '<CODMOF>990002');
    expect((await refusalOf(readProf(cp1251(prof('', otherMo))))).issues).toMatchObject([
      { code: '804', field: 'ZGLV.CODMOF' },
    ]);
    const version = zglv().replace('<VERSION>1.0', '<VERSION>2.0');
    expect((await refusalOf(readProf(cp1251(prof('', version))))).issues).toMatchObject([
      { code: '904', field: 'ZGLV.VERSION', value: '2.0' },
    ]);
    const badHeaderDate = zglv().replace('2026-01-15', '2026-02-31');
    expect((await refusalOf(readProf(cp1251(prof('', badHeaderDate))))).issues).toMatchObject([
      { rule: 'PROF.PACKAGE.HEADER', code: '903', field: 'ZGLV.DATA' },
    ]);
  });

  it('reads the plan list zipped as well', async () => {
    const written = writePlanList(profFile, [
      {
        sourceId: 'Z-1',
        patient: { enp: '9900000000000012' },
        year: 2026,
        kind: 'DN',
        months: [],
        category: 0,
        withdrawn: false,
      },
    ]);
    const zipped = zipSync({ [written.fileName]: written.bytes });

    const { items } = await readProf(zipped, 'PROF_M990001T99_26011.zip');

    expect(onlyRecords(items)).toMatchObject([{ sourceId: 'Z-1', kind: 'DN' }]);
  });
});

describe('ГИС ОМС ДН readers', () => {
  const gstZap = (inner: string) =>
    `<ZAP><CODE_L>L-1</CODE_L><ENP>9900000000000012</ENP><CODE_PINF>ДН</CODE_PINF><DIAG_CODE>I10</DIAG_CODE>${inner}` +
    '<DN_PRVS>76</DN_PRVS><STATUS_DN_IN>2</STATUS_DN_IN><MCOD>990001</MCOD><MO_ASSIGN>1</MO_ASSIGN></ZAP>';
  const gst = (zaps: string[], sdZ = zaps.length) =>
    zipSync({
      'GST990001_20260115_1.xml': cp1251(
        '<?xml version="1.0" encoding="windows-1251"?><DN_LIST><ZGLV><VERSION>P1.20</VERSION><FILE_TYPE>GST</FILE_TYPE>' +
          `<DATA>2026-01-15</DATA><FILENAME>GST990001_20260115_1</FILENAME><REGION_CD>99</REGION_CD><NN_FILE>1</NN_FILE><SD_Z>${sdZ}</SD_Z></ZGLV>` +
          `${zaps.join('')}</DN_LIST>`,
      ),
    });
  const readGst = (bytes: Uint8Array, uploadName = 'GST990001_20260115_1.zip') =>
    readDnListAll(chunked(bytes, 11), { uploadName });

  it('reads a windows-1251 DN_LIST: the observation by ЕНП, its context kept for the write-back', async () => {
    const { header, items } = await readGst(gst([gstZap('<DATE_DN_IN>2025-03-01</DATE_DN_IN>')]));

    expect(header).toEqual({
      version: 'P1.20',
      name: { type: 'GST', code: '990001', stamp: '20260115', number: '1' },
      date: '2026-01-15',
      regionCode: '99',
      fileNumber: '1',
    });
    expect(items).toEqual([
      {
        kind: 'record',
        ordinal: 1,
        record: {
          sourceId: 'L-1',
          patient: { enp: '9900000000000012' },
          diagnosis: 'I10',
          dateIn: '2025-03-01',
          statusIn: 2,
          specialty: 76,
          moAssign: 1,
          visits: [],
        },
        context: { codePinf: 'ДН', mcod: '990001' },
      },
    ]);
  });

  it('reports an impossible date (903), a blank CODE_L (902), an unknown tag (901) and a wrong CODE_PINF (904)', async () => {
    const impossible = gstZap('<DATE_DN_IN>2026-02-31</DATE_DN_IN>');
    const blank = gstZap('<DATE_DN_IN>2025-03-01</DATE_DN_IN>').replace(
      '<CODE_L>L-1</CODE_L>',
      '<CODE_L> </CODE_L>',
    );
    const unknown = gstZap('<DATE_DN_IN>2025-03-01</DATE_DN_IN><COLOUR>1</COLOUR>');
    const reason = gstZap('<DATE_DN_IN>2025-03-01</DATE_DN_IN>').replace('<CODE_PINF>ДН', '<CODE_PINF>ПМО');

    const { items } = await readGst(gst([impossible, blank, unknown, reason]));

    expect(items).toMatchObject([
      {
        kind: 'invalid',
        sourceId: 'L-1',
        issues: [{ code: '903', field: 'DATE_DN_IN', value: '2026-02-31' }],
      },
      {
        kind: 'invalid',
        sourceId: null,
        issues: [{ rule: 'GISDN.XML.REQUIRED', code: '902', field: 'CODE_L' }],
      },
      { kind: 'invalid', issues: [{ code: '901', field: 'COLOUR' }] },
      { kind: 'invalid', issues: [{ code: '904', field: 'CODE_PINF', value: 'ПМО' }] },
    ]);
  });

  it('refuses DOCTYPE, a ZIP bomb, a wrong or mismatched name, SD_Z not the number of records, a GPT read as GST', async () => {
    const ok = gst([gstZap('<DATE_DN_IN>2025-03-01</DATE_DN_IN>')]);
    const doctype = zipSync({
      'GST990001_20260115_1.xml': new TextEncoder().encode(
        '<?xml version="1.0"?><!DOCTYPE DN_LIST><DN_LIST/>',
      ),
    });
    const renamed = zipSync({
      'GST990001_20260115_2.xml': new TextEncoder().encode(
        new TextDecoder('windows-1251').decode(
          (await import('fflate')).unzipSync(ok)['GST990001_20260115_1.xml'],
        ),
      ),
    });

    expect((await refusalOf(readGst(doctype))).issues).toMatchObject([{ code: '901' }]);
    expect(
      await refusalOf(readDnListAll(chunked(zipBomb(300, { name: 'GST990001_20260115_1.xml' })))),
    ).toMatchObject({
      reason: 'too_large',
      code: '801',
    });
    expect((await refusalOf(readGst(ok, 'dn-list.zip'))).issues).toMatchObject([
      { rule: 'GISDN.PACKAGE.NAME', code: '802', value: 'dn-list.zip' },
    ]);
    expect((await refusalOf(readGst(ok, 'GPT990001_20260115_1.zip'))).issues).toMatchObject([
      { code: '802' },
    ]);
    expect((await refusalOf(readGst(renamed))).issues).toMatchObject([{ code: '802', field: 'ZIP' }]);
    expect(
      (await refusalOf(readGst(gst([gstZap('<DATE_DN_IN>2025-03-01</DATE_DN_IN>')], 2)))).issues,
    ).toMatchObject([{ rule: 'GISDN.PACKAGE.COUNT', code: '804', field: 'ZGLV.SD_Z' }]);
  });

  it('reads a DN_PLAN window and reports a bad one', async () => {
    const zap = (start: string) =>
      `<ZAP><CODE_P>P-1</CODE_P><ENP>9900000000000012</ENP><CODE_PINF>ДН</CODE_PINF><MCOD_PLAN>990001</MCOD_PLAN>` +
      `<MED_AREA_CODE>07</MED_AREA_CODE><MO_ASSIGN>1</MO_ASSIGN><END_DATE_INF>2026-02-20</END_DATE_INF><PRIMARY_INF>3</PRIMARY_INF>` +
      `<DS_CODE>I10</DS_CODE><PLAN_DATE_START>${start}</PLAN_DATE_START><PLAN_DATE_END>2026-03-31</PLAN_DATE_END></ZAP>`;
    const file = zipSync({
      'GPT990001_20260115_1.xml': new TextEncoder().encode(
        '<?xml version="1.0" encoding="UTF-8"?><DN_PLAN><ZGLV><VERSION>P3.20</VERSION><FILE_TYPE>GPT</FILE_TYPE><DATA>2026-01-15</DATA>' +
          '<FILENAME>GPT990001_20260115_1</FILENAME><REGION_CD>99</REGION_CD><SD_Z>2</SD_Z></ZGLV>' +
          `${zap('2026-03-01').replace('<PRIMARY_INF>3', '<PRIMARY_INF>1')}${zap('2026-02-30')}</DN_PLAN>`,
      ),
    });

    const { items } = await readDnPlanAll(chunked(file, 5), { uploadName: 'GPT990001_20260115_1.zip' });

    expect(items).toMatchObject([
      {
        kind: 'window',
        row: {
          planId: 'P-1',
          enp: '9900000000000012',
          diagnosis: 'I10',
          window: { from: '2026-03-01', to: '2026-03-31' },
          context: { medAreaCode: '07', primaryInf: 1, endDateInf: '2026-02-20' },
        },
      },
      {
        kind: 'invalid',
        sourceId: 'P-1',
        issues: [
          { code: '903', field: 'PLAN_DATE_START', value: '2026-02-30' },
          { code: '904', field: 'PRIMARY_INF', value: '3' },
        ],
      },
    ]);
  });
});

describe('OSHIB_PR, the error answer to a plan list', () => {
  it('a ZAP_OSHIB per error: code, record number and id, the file tag of the field, value and message', () => {
    const xml = oshibPrXml('PROF_M990001T99_26011.xml', '2026-01-16', [
      {
        nomerZ: '2',
        sourceId: 'A-2',
        issues: [
          {
            rule: 'PROF.XML.TYPE',
            code: '903',
            severity: 'error',
            field: 'DR',
            value: '2026-02-31',
            message: 'Дата DR не существует в календаре',
          },
          {
            rule: 'PREV.DISTRICT',
            code: '904',
            severity: 'error',
            field: 'districtCode',
            value: '9',
            message: 'Участок не найден',
          },
          {
            rule: 'PREV.STEP.NOT_PLANNED',
            code: '904',
            severity: 'warning',
            field: 'patient',
            message: 'Не в плане',
          },
        ],
      },
      { issues: [{ rule: 'PROF.PACKAGE.XML', code: '901', severity: 'error', message: 'Файл не прочитан' }] },
    ]);

    expect(xml).toContain('<FNAME>ERR_PROF_M990001T99_26011</FNAME>');
    expect(xml).toContain('<FNAME_I>PROF_M990001T99_26011</FNAME_I>');
    expect(xml.match(/<ZAP_OSHIB>/g)).toHaveLength(3);
    expect(xml.replace(/\s+</g, '<')).toContain(
      '<ZAP_OSHIB><OSHIB>904</OSHIB><NOMER_Z>2</NOMER_Z><ID_ZAP>A-2</ID_ZAP><IM_POL>LPUREGION_NAME</IM_POL><ZN_POL>9</ZN_POL>' +
        '<COMMENT>Участок не найден (PREV.DISTRICT)</COMMENT></ZAP_OSHIB>',
    );
    expect(xml).not.toContain('Не в плане');
    expect(xml.replace(/\s+</g, '<')).toContain(
      '<ZAP_OSHIB><OSHIB>901</OSHIB><COMMENT>Файл не прочитан (PROF.PACKAGE.XML)</COMMENT>',
    );
  });
});
