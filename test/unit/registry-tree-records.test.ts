import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../shared/platform/flk/refusal';
import { packageRules } from '../../shared/platform/formats/package/package-refusal';
import {
  readTreeDocument,
  type TreeDocumentLayout,
  type TreeItem,
} from '../../shared/platform/formats/package/xml-tree-records';
import {
  D,
  group,
  many,
  N,
  opt,
  type RecordOf,
  some,
  T,
} from '../../shared/platform/formats/xml-tree-schema';
import { escapeXmlText, treeElementXml, withEmptyLists } from '../../shared/platform/formats/xml-tree-writer';

// A small family in the registry's image: a header, records with nested, optional and repeated groups.
const head = group({ VERSION: T(5), DATA: D(), COUNT: opt(N(9)) });
const item = group({ CODE: N(3), DATES: some(D()), NOTE: opt(T(10)) });
const part = group({ PART_ID: T(8), SUM: N(6, 2), ITEM: many(item), TAGS: many(T(4)) });
const rec = group({
  REC_ID: N(8),
  NAME: T(12),
  BORN: opt(D()),
  PART: some(part),
  EXTRA: opt(group({ FLAG: N(1), SIZE: opt(N(5, 1)) })),
});
type Rec = RecordOf<typeof rec>;

const rules = packageRules('TEST');
const layout: TreeDocumentLayout = {
  root: 'LIST',
  headers: [{ tag: 'HEAD', node: head }],
  record: 'REC',
  recordNode: rec,
  rules,
  recordRules: { tag: 'TEST.TAG', required: 'TEST.REQUIRED', type: 'TEST.TYPE' },
  keys: { PART: 'PART_ID' },
};

async function* pieces(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(xml: string, over: Partial<TreeDocumentLayout> = {}, size = 7) {
  const items: TreeItem<Rec>[] = [];
  for await (const x of readTreeDocument<Rec>(pieces(xml, size), { ...layout, ...over })) items.push(x);
  return items;
}

const doc = (records: string, header = '<HEAD><VERSION>1.0</VERSION><DATA>2025-03-01</DATA></HEAD>') =>
  `<?xml version="1.0"?><LIST>${header}${records}</LIST>`;

const goodPart = '<PART><PART_ID>P1</PART_ID><SUM>12.50</SUM></PART>';
const good = `<REC><REC_ID>1</REC_ID><NAME> Иванов </NAME>${goodPart}</REC>`;

async function records(body: string) {
  return (await read(doc(body))).filter((i) => i.kind === 'record');
}

async function refusal(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('tree reader: valid documents', () => {
  it('gives the header, then each record in its inferred shape (trimmed, arrays, absent optionals)', async () => {
    const items = await read(doc(`${good}\n${good.replace('<REC_ID>1', '<REC_ID>2')}`));
    expect(items.map((i) => i.kind)).toEqual(['header', 'record', 'record']);
    expect(items[0]).toMatchObject({
      tag: 'HEAD',
      value: { VERSION: '1.0', DATA: '2025-03-01' },
      findings: [],
    });
    const first = items[1]!;
    expect(first).toMatchObject({ kind: 'record', ordinal: 1, findings: [], complete: true });
    expect(first.value).toEqual({
      REC_ID: '1',
      NAME: 'Иванов',
      PART: [{ PART_ID: 'P1', SUM: '12.50', ITEM: [], TAGS: [] }],
    });
    expect((items[2] as { ordinal: number }).ordinal).toBe(2);
  });

  it('treats an empty optional element as absent, without a finding', async () => {
    const [r] = await records(`<REC><REC_ID>1</REC_ID><NAME>A</NAME><BORN/>${goodPart}</REC>`);
    expect(r!.findings).toEqual([]);
    expect(r!.value).not.toHaveProperty('BORN');
  });

  it('round-trips random records through the writer, whatever the chunk boundaries (property)', async () => {
    const text = (size: number) =>
      fc
        .string({
          unit: fc.constantFrom(...'abcXYZ019 &<>"\'.-ЖжЁё№«»'.split('')),
          minLength: 1,
          maxLength: size,
        })
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    const number = (size: number, scale: number) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: 10 ** (size - scale) - 1 }),
          fc.option(fc.integer({ min: 0, max: 10 ** scale - 1 }), { nil: undefined }),
        )
        .map(([whole, frac]) =>
          scale > 0 && frac !== undefined ? `${whole}.${String(frac).padStart(scale, '0')}` : String(whole),
        );
    const date = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const itemArb = fc.record(
      { CODE: number(3, 0), DATES: fc.array(date, { minLength: 1, maxLength: 3 }), NOTE: text(10) },
      { requiredKeys: ['CODE', 'DATES'] },
    );
    const partArb = fc.record({
      PART_ID: text(8),
      SUM: number(6, 2),
      ITEM: fc.array(itemArb, { maxLength: 3 }),
      TAGS: fc.array(text(4), { maxLength: 3 }),
    });
    const recArb = fc.record(
      {
        REC_ID: number(8, 0),
        NAME: text(12),
        BORN: date,
        PART: fc.array(partArb, { minLength: 1, maxLength: 3 }),
        EXTRA: fc.record({ FLAG: number(1, 0), SIZE: number(5, 1) }, { requiredKeys: ['FLAG'] }),
      },
      { requiredKeys: ['REC_ID', 'NAME', 'PART'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(recArb, { maxLength: 4 }),
        fc.integer({ min: 1, max: 50 }),
        async (recs, size) => {
          const body = recs.map((r) => treeElementXml('REC', rec, r as Record<string, unknown>)).join('\n');
          const items = await read(doc(body), {}, size);
          const got = items.filter((i) => i.kind === 'record');
          expect(got.map((i) => i.findings)).toEqual(recs.map(() => []));
          expect(got.map((i) => i.value)).toEqual(
            recs.map((r) => withEmptyLists(rec, structuredClone(r) as Record<string, unknown>)),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('tree reader: findings (901 structure, 902 empty, 903 type)', () => {
  const one = async (body: string) => (await records(body))[0]!;
  const codes = (r: { findings: { code: string; basEl: string; field?: string }[] }) =>
    r.findings.map((f) => [f.code, f.basEl, f.field]);

  it('an unknown element: 901 with its parent as BAS_EL; the rest of the record is read', async () => {
    const r = await one(`<REC><REC_ID>1</REC_ID><NAME>A</NAME><NAM>x<b>y</b></NAM>${goodPart}</REC>`);
    expect(codes(r)).toEqual([['901', 'REC', 'NAM']]);
    expect(r.findings[0]!.message).toBe('Неизвестный элемент NAM в REC');
    expect(r.value.PART).toHaveLength(1);
    expect(r.complete).toBe(true);
  });

  it('an element out of order: 901, its value kept', async () => {
    const r = await one(`<REC><NAME>A</NAME><REC_ID>1</REC_ID>${goodPart}</REC>`);
    expect(codes(r)).toEqual([['901', 'REC', 'REC_ID']]);
    expect(r.value.REC_ID).toBe('1');
  });

  it('a required element missing: 901 at the close of its parent, the record incomplete', async () => {
    const r = await one(`<REC><REC_ID>1</REC_ID>${goodPart}</REC>`);
    expect(codes(r)).toEqual([['901', 'REC', 'NAME']]);
    expect(r.findings[0]!.message).toBe('Отсутствует обязательный элемент NAME в REC');
    expect(r.complete).toBe(false);
  });

  it('a required repeated group missing (some): 901', async () => {
    const r = await one('<REC><REC_ID>1</REC_ID><NAME>A</NAME></REC>');
    expect(codes(r)).toEqual([['901', 'REC', 'PART']]);
  });

  it('a non-repeating element repeated: 901, the first value kept', async () => {
    const r = await one(`<REC><REC_ID>1</REC_ID><NAME>A</NAME><NAME>B</NAME>${goodPart}</REC>`);
    expect(codes(r)).toEqual([['901', 'REC', 'NAME']]);
    expect(r.value.NAME).toBe('A');
  });

  it('an element inside a value: 901, the value dropped', async () => {
    const r = await one(`<REC><REC_ID>1</REC_ID><NAME>A<X/></NAME>${goodPart}</REC>`);
    expect(codes(r)).toEqual([['901', 'REC', 'NAME']]);
    expect(r.value).not.toHaveProperty('NAME');
    expect(r.complete).toBe(false);
  });

  it('a required value empty: 902 (no 901 for a tag that is there)', async () => {
    const r = await one(`<REC><REC_ID>1</REC_ID><NAME>  </NAME>${goodPart}</REC>`);
    expect(codes(r)).toEqual([['902', 'REC', 'NAME']]);
    expect(r.findings[0]).toMatchObject({ rule: 'TEST.REQUIRED', severity: 'error' });
    expect(r.complete).toBe(false);
  });

  it('types: T too long, N not a number / too many digits / decimals, D not a real day — 903 with the value', async () => {
    const cases: [string, string, string][] = [
      ['<NAME>ABCDEFGHIJKLM</NAME>', 'NAME', 'ABCDEFGHIJKLM'],
      ['<REC_ID>12a</REC_ID>', 'REC_ID', '12a'],
      ['<REC_ID>123456789</REC_ID>', 'REC_ID', '123456789'],
      ['<REC_ID>1.5</REC_ID>', 'REC_ID', '1.5'],
      ['<REC_ID>-1</REC_ID>', 'REC_ID', '-1'],
      ['<BORN>2026-02-31</BORN>', 'BORN', '2026-02-31'],
      ['<BORN>31.01.2026</BORN>', 'BORN', '31.01.2026'],
      ['<BORN>1899-12-31</BORN>', 'BORN', '1899-12-31'],
    ];
    for (const [element, field, value] of cases) {
      const fields = { REC_ID: '<REC_ID>1</REC_ID>', NAME: '<NAME>A</NAME>', BORN: '' };
      const key = field as keyof typeof fields;
      fields[key] = element;
      const r = await one(`<REC>${fields.REC_ID}${fields.NAME}${fields.BORN}${goodPart}</REC>`);
      expect(codes(r), element).toEqual([['903', 'REC', field]]);
      expect(r.findings[0]!.value).toBe(value);
      expect(r.value).not.toHaveProperty(field);
    }
    const sums: [string, boolean][] = [
      ['1234.56', true],
      ['12345.6', false],
      ['1.234', false],
      ['1.', false],
      ['.5', false],
      ['0.5', true],
    ];
    for (const [sum, ok] of sums) {
      const r = await one(
        `<REC><REC_ID>1</REC_ID><NAME>A</NAME><PART><PART_ID>P</PART_ID><SUM>${sum}</SUM></PART></REC>`,
      );
      expect(r.findings.length === 0, sum).toBe(ok);
    }
  });

  it('real days pass, whatever the fast path: 29 February of a leap year, the 31st, 2999-12-31', async () => {
    for (const day of ['2024-02-29', '2025-01-31', '2999-12-31', '1900-01-01', '2025-12-30']) {
      const r = await one(`<REC><REC_ID>1</REC_ID><NAME>A</NAME><BORN>${day}</BORN>${goodPart}</REC>`);
      expect(r.findings, day).toEqual([]);
    }
    const r = await one(`<REC><REC_ID>1</REC_ID><NAME>A</NAME><BORN>2025-02-29</BORN>${goodPart}</REC>`);
    expect(r.findings[0]!.message).toBe('Дата BORN не существует в календаре');
  });

  it('findings inside a keyed group carry its key (SL_ID-like references)', async () => {
    const r = await one(
      '<REC><REC_ID>1</REC_ID><NAME>A</NAME><PART><PART_ID>P7</PART_ID><SUM>x</SUM></PART>' +
        '<PART><PART_ID>P8</PART_ID><SUM>1</SUM><ITEM><CODE>1</CODE></ITEM></PART></REC>',
    );
    expect(r.findings.map((f) => [f.code, f.basEl, f.field, f.keys])).toEqual([
      ['903', 'PART', 'SUM', { PART: 'P7' }],
      ['901', 'ITEM', 'DATES', { PART: 'P8' }],
    ]);
  });

  it('keeps at most 100 findings per record (configurable)', async () => {
    const junk = '<X/>'.repeat(150);
    const r = await one(`<REC><REC_ID>1</REC_ID><NAME>A</NAME>${junk}${goodPart}</REC>`);
    expect(r.findings).toHaveLength(100);
    const items = await read(doc(`<REC><REC_ID>1</REC_ID><NAME>A</NAME>${junk}${goodPart}</REC>`), {
      maxFindingsPerRecord: 3,
    });
    expect((items[1] as { findings: unknown[] }).findings).toHaveLength(3);
  });

  it('the next record starts clean after a broken one', async () => {
    const items = await records(`<REC><REC_ID>x</REC_ID><NAME>A</NAME>${goodPart}</REC>${good}`);
    expect(items.map((i) => i.findings.length)).toEqual([1, 0]);
  });
});

describe('tree reader: the document refused', () => {
  it('another root, an unknown element beside the records, a missing or late header (901/902)', async () => {
    expect((await refusal(read('<OTHER/>'))).code).toBe('901');
    expect((await refusal(read(doc(`${good}<JUNK/>`)))).issues[0]!.message).toBe(
      'Неизвестный элемент JUNK в LIST',
    );
    const missing = await refusal(read(doc(good, '')));
    expect([missing.code, missing.issues[0]!.message]).toEqual(['902', 'Отсутствует заголовок HEAD']);
    const empty = await refusal(read('<LIST></LIST>'));
    expect(empty.code).toBe('902');
    const late = await refusal(read(doc(`${good}<HEAD><VERSION>1</VERSION><DATA>2025-01-01</DATA></HEAD>`)));
    expect(late.issues[0]!.message).toBe('Заголовок HEAD должен предшествовать записям REC');
  });

  it('more records than allowed: 801', async () => {
    const r = await refusal(read(doc(good.repeat(3)), { maxRecords: 2 }));
    expect([r.code, r.issues[0]!.rule]).toEqual(['801', 'TEST.PACKAGE.FORMAT']);
  });

  it('chooses the record table from the headers (a version switch)', async () => {
    const v2 = group({ REC_ID: N(8), NEW: T(3) });
    const items = await read(doc('<REC><REC_ID>1</REC_ID><NEW>abc</NEW></REC>'), {
      recordNode: (headers) => (headers.HEAD?.VERSION === '1.0' ? v2 : rec),
    });
    expect(items[1]).toMatchObject({ value: { REC_ID: '1', NEW: 'abc' }, findings: [] });
  });

  it('escapes what the writer writes', () => {
    expect(escapeXmlText('a&b<c>d\re')).toBe('a&amp;b&lt;c&gt;d&#13;e');
    expect(escapeXmlText('plain')).toBe('plain');
  });
});
