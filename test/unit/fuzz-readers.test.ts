import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { TFileName, TFileType } from '../../shared/hospitalisation/formats/t-family/t-file-name';
import { readTFile } from '../../shared/hospitalisation/formats/t-family/t-file-reader';
import { writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import type { TRecordOf } from '../../shared/hospitalisation/formats/t-family/t-record-mapping';
import { readOrganisationDirectory } from '../../shared/org/formats/ffoms-organisation-reader';
import { readErzExtract } from '../../shared/person/formats/erz-extract-reader';
import { writeErzExtract } from '../../shared/person/formats/erz-extract-writer';
import { Refusal } from '../../shared/platform/flk/refusal';
import { readFlatXml } from '../../shared/platform/formats/package/flat-xml-records';
import { packageRules } from '../../shared/platform/formats/package/package-refusal';
import { decodeXml } from '../../shared/platform/formats/package/xml-decoding';
import { readXmlElements } from '../../shared/platform/formats/package/xml-elements';
import { openXmlDocuments, openXmlText } from '../../shared/platform/formats/package/xml-package';
import { unzipSingleXml, zipEntries } from '../../shared/platform/formats/package/zip-entries';
import { cp1251 } from '../helpers/cp1251';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { directoryFile } from '../helpers/organisation-directory';
import { samples } from '../helpers/t-family-records';

/**
 * Property-based fuzzing of the file readers (issue 9): random bytes, and valid files with bytes flipped,
 * deleted, repeated, inserted or cut off, zipped or not and fed in random chunk sizes, go into every reader of
 * the platform package (ZIP, decoding, XML elements, flat records) and of the ЕРЗ, T-file and F003/F002
 * families. Whatever comes in, a reader either reads to the end or throws a `Refusal` with a Russian message —
 * never another error — and never hangs (each read must end within `hangMs`).
 *
 * The seed is fixed: a failure prints it (and the path) with the counterexample, and re-running reproduces it.
 */

const seed = 20_261_205;
const numRuns = 200;
const hangMs = 5_000;

const utf8 = (text: string) => new TextEncoder().encode(text);
const rules = packageRules('FUZZ');

// ─── valid files the mutations start from ───────────────────────────────────────────────────────────────────

const codes = erzRegionCodes(generateRegionStructure('fuzz'));
const persons = [1, 2, 3].map((n) => newErzPerson(n, codes, 'fuzz'));
const erzHeader = { date: '2026-01-15', fileName: 'ERZ_99_FUZZ', okato: '99000' };
const erzFiles = [
  writeErzExtract(erzHeader, persons, 'windows-1251'),
  writeErzExtract(erzHeader, persons, 'utf-8'),
  zipSync({ 'ERZ.xml': writeErzExtract(erzHeader, persons, 'windows-1251') }),
];

const tName = <T extends TFileType>(type: T): TFileName & { type: T } => ({
  type,
  senderKind: 'M',
  senderCode: '990101',
  date: '2026-11-28',
  sequence: null,
});
const tFiles = (Object.keys(samples) as (keyof TRecordOf)[]).flatMap((type) => {
  const rows = (samples[type] as TRecordOf[typeof type][]).map((record) => ({ record }));
  return [
    writeTFile(tName(type), rows as never, { zip: false }).bytes,
    writeTFile(tName(type), rows as never, { zip: true, encoding: 'utf-8' }).bytes,
  ];
});

const orgFiles = [
  directoryFile('F003', [
    { code: '990001', inn: '7700000000' },
    { code: '990002', end: '31.12.2030' },
  ]),
  directoryFile('F002', [{ code: '99001' }], 'utf-8'),
  zipSync({ 'F003.xml': directoryFile('F003', [{ code: '990003' }]) }),
];

const genericXml = [
  utf8(
    '<?xml version="1.0" encoding="utf-8"?><R><H><V>1</V></H><X><A>1</A><G><B>2</B></G></X><X><A>ё</A></X></R>',
  ),
  cp1251('<?xml version="1.0" encoding="windows-1251"?><R><H><V>1</V></H><X><A>Привет</A></X></R>'),
  zipSync({ 'a.xml': utf8('<?xml version="1.0"?><R><H><V>1</V></H><X><A>1</A></X></R>') }),
  zipSync({ 'a.xml': utf8('<R><H/></R>'), 'dir/': new Uint8Array(0), 'b.xml': utf8('<R/>') }),
];

const allValid = [...erzFiles, ...tFiles, ...orgFiles, ...genericXml];

// ─── inputs ─────────────────────────────────────────────────────────────────────────────────────────────────

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'cut'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 256 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 16 }),
      fc
        .constantFrom(
          '<',
          '</',
          '>',
          '&',
          '&#0;',
          '&xxe;',
          '<!DOCTYPE x [<!ENTITY a "b">]>',
          '<![CDATA[',
          ']]>',
          '<!--',
          '<?xml version="1.0" encoding="utf-16"?>',
          '<ZGLV>',
          '</PERS>',
          '<ZAP>',
          'PK\u0003\u0004',
          '\uFEFF',
          '\u0000',
        )
        .map(utf8),
    ),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
);

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = Math.floor(m.at * (out.length + 1));
    switch (m.kind) {
      case 'flip': {
        out = out.slice();
        if (out.length) out[Math.min(at, out.length - 1)] = m.byte;
        break;
      }
      case 'delete':
        out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + m.length)]);
        break;
      case 'repeat':
        out = new Uint8Array([...out.subarray(0, at + m.length), ...out.subarray(at)]);
        break;
      case 'insert':
        out = new Uint8Array([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
        break;
      case 'cut':
        out = out.subarray(0, at);
        break;
    }
  }
  return out;
}

/** Bytes a reader may meet: anything, anything after a ZIP or XML start, or a valid file mutated. */
function inputs(valid: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const starts = [
    'PK\u0003\u0004',
    '<?xml version="1.0"?>',
    '\uFEFF<',
    '<?xml version="1.0" encoding="windows-1251"?><',
  ]
    .map(utf8)
    .concat([new Uint8Array([0xff, 0xfe, 0x3c, 0x00])]);
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...starts), fc.uint8Array({ maxLength: 2048 }))
        .map(([head, tail]) => new Uint8Array([...head, ...tail])),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...valid), fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(([file, ms]) => mutate(file, ms)),
    },
  );
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of items) {
    // read to the end
  }
}

async function drainText(text: AsyncIterable<string>): Promise<void> {
  for await (const _ of text) {
    // read to the end
  }
}

/**
 * Runs one read: it must end (within `hangMs`) either normally or with a `Refusal` carrying a Russian
 * message. Anything else fails the property with what was thrown.
 */
async function readsOrRefuses(read: () => Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), hangMs);
  });
  try {
    const outcome = await Promise.race([read().then(() => 'read' as const), hang]);
    if (outcome === 'hang') throw new Error(`the reader did not finish within ${hangMs} ms`);
  } catch (error) {
    if (!(error instanceof Refusal)) {
      throw new Error(
        `threw ${(error as Error)?.name ?? typeof error}: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
      );
    }
    if (!/[А-Яа-яЁё]{2,}/.test(error.detail))
      throw new Error(`a Refusal without a Russian message: ${error.detail}`);
  } finally {
    clearTimeout(timer);
  }
}

interface Reader {
  name: string;
  valid: readonly Uint8Array[];
  read(chunks: AsyncIterable<Uint8Array>): Promise<void>;
}

const flatLayout = {
  root: 'R',
  header: 'H',
  headerLeaves: new Set(['V']),
  record: 'X',
  maxRecords: 1000,
  rules,
  recordRule: 'FUZZ.TAG',
  readHeader: () => ({
    header: {},
    schema: { leaves: new Set(['A']), groups: new Map([['G', { leaves: new Set(['B']), max: 3 }]]) },
  }),
};

const readers: Reader[] = [
  {
    name: 'platform: openXmlText (ZIP or XML → text)',
    valid: allValid,
    read: (chunks) => drainText(openXmlText(chunks, { rules, maxXmlBytes: 1024 ** 2 })),
  },
  {
    name: 'platform: openXmlDocuments (the XML entries of a ZIP)',
    valid: allValid,
    read: async (chunks) => {
      for await (const doc of openXmlDocuments(chunks, { rules, maxXmlBytes: 1024 ** 2, maxEntries: 4 })) {
        await drainText(doc.text);
      }
    },
  },
  {
    name: 'platform: zipEntries',
    valid: allValid,
    read: async (chunks) => {
      for await (const entry of zipEntries(chunks, { rules, limits: { maxInflatedBytes: 1024 ** 2 } })) {
        await drain(entry.chunks);
      }
    },
  },
  {
    name: 'platform: unzipSingleXml',
    valid: allValid,
    read: (chunks) => drain(unzipSingleXml(chunks, { rules, limits: { maxInflatedBytes: 1024 ** 2 } })),
  },
  {
    name: 'platform: decodeXml',
    valid: allValid,
    read: (chunks) => drainText(decodeXml(chunks, { rules, maxBytes: 1024 ** 2 })),
  },
  {
    name: 'platform: readXmlElements',
    valid: allValid,
    read: (chunks) =>
      drain(
        readXmlElements<string>(
          openXmlText(chunks, { rules, maxXmlBytes: 1024 ** 2 }),
          (sink) => ({ open: (name) => sink.emit(name), close: () => {} }),
          { rules, limits: { maxDepth: 16, maxTextChars: 64 * 1024 } },
        ),
      ),
  },
  {
    name: 'platform: readFlatXml',
    valid: allValid,
    read: (chunks) => drain(readFlatXml(openXmlText(chunks, { rules, maxXmlBytes: 1024 ** 2 }), flatLayout)),
  },
  {
    name: 'ЕРЗ extract reader',
    valid: erzFiles,
    read: (chunks) => drain(readErzExtract(chunks, { maxXmlBytes: 1024 ** 2, maxRecords: 1000 })),
  },
  {
    name: 'T-file reader',
    valid: tFiles,
    read: (chunks) => drain(readTFile(chunks, { maxXmlBytes: 1024 ** 2, maxRecords: 1000 })),
  },
  {
    name: 'T-file reader with the upload name',
    valid: tFiles,
    read: (chunks) =>
      drain(readTFile(chunks, { uploadName: 'T1-M-990101-2026-11-28.zip', maxXmlBytes: 1024 ** 2 })),
  },
  {
    name: 'F003/F002 reader',
    valid: orgFiles,
    read: (chunks) => drain(readOrganisationDirectory(chunks)),
  },
];

describe('file readers under fuzzing: a Refusal or a full read, never another error, never a hang', () => {
  it('the valid files the mutations start from are read without a refusal', async () => {
    for (const file of erzFiles) await drain(readErzExtract(chunked(file, 1000)));
    for (const file of tFiles) await drain(readTFile(chunked(file, 1000)));
    for (const file of orgFiles) await drain(readOrganisationDirectory(chunked(file, 1000)));
  });

  for (const reader of readers) {
    it(reader.name, async () => {
      await fc.assert(
        fc.asyncProperty(inputs(reader.valid), fc.integer({ min: 1, max: 4096 }), async (bytes, size) => {
          await readsOrRefuses(() => reader.read(chunked(bytes, size)));
        }),
        { seed, numRuns },
      );
    }, 180_000);
  }

  it('random chunking of a valid file changes nothing: every reader reads it the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...erzFiles), fc.integer({ min: 1, max: 512 }), async (file, size) => {
        const whole: unknown[] = [];
        for await (const item of readErzExtract(chunked(file, file.length))) whole.push(item);
        const pieces: unknown[] = [];
        for await (const item of readErzExtract(chunked(file, size))) pieces.push(item);
        expect(pieces).toEqual(whole);
      }),
      { seed, numRuns: 50 },
    );
  }, 60_000);
});
