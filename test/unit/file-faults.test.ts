import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileGoneError, fileFailureMessages, openReceivedFile } from '../../shared/platform/bulk/file-run';
import type { FlkIssue } from '../../shared/platform/flk/issue';
import { Refusal } from '../../shared/platform/flk/refusal';
import { packageRules } from '../../shared/platform/formats/package/package-refusal';
import { utf8Verdict } from '../../shared/platform/formats/package/xml-decoding';
import { openXmlText } from '../../shared/platform/formats/package/xml-package';
import type { BlobPort } from '../../shared/platform/ports/blobs';
import { localLease } from '../../shared/platform/ports/pgboss-queue';
import { cp1251 } from '../helpers/cp1251';
import { zipBomb } from '../helpers/zip-bomb';

/** Issue 9: the pure parts of the file and job faults (decoding, bombs, a file gone, the local lease). */

const rules = packageRules('TEST');
const utf8 = (s: string) => new TextEncoder().encode(s);

async function* chunked(bytes: Uint8Array, size = 4096) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(bytes: Uint8Array, size = 4096) {
  const issues: FlkIssue[] = [];
  let text = '';
  for await (const t of openXmlText(chunked(bytes, size), { rules, onIssue: (i) => issues.push(i) }))
    text += t;
  return { text, issues };
}

async function refusalOf(bytes: Uint8Array): Promise<Refusal> {
  try {
    await read(bytes);
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('not refused');
}

const declared1251 = '<?xml version="1.0" encoding="windows-1251"?>';
/** More than the 16 KB the decoder looks at first, all ASCII. */
const asciiPadding = `<!--${'x'.repeat(20_000)}-->`;

describe('a windows-1251 declaration over UTF-8 bytes', () => {
  it('reads the file as UTF-8 (the bytes decide) and warns once, whatever the chunk size', async () => {
    const xml = `${declared1251}<R>Иванов Пётр Ёжиков</R>`;
    for (const size of [1, 3, 4096]) {
      const { text, issues } = await read(utf8(xml), size);
      expect(text).toBe(xml);
      expect(issues).toEqual([
        expect.objectContaining({
          rule: 'TEST.PACKAGE.FORMAT',
          code: '801',
          severity: 'warning',
          field: 'encoding',
          value: 'windows-1251',
        }),
      ]);
    }
  });

  it('leaves a real windows-1251 file and a plain ASCII one alone', async () => {
    const xml = `${declared1251}${asciiPadding}<R>Съешь ещё этих мягких булок, «№ 5»</R>`;
    expect(await read(cp1251(xml))).toEqual({ text: xml, issues: [] });
    const ascii = `${declared1251}${asciiPadding}<R>ASCII</R>`;
    expect(await read(utf8(ascii))).toEqual({ text: ascii, issues: [] });
  });

  it('refuses (801) a UTF-8 file whose Cyrillic starts after the first 16 KB, rather than store it garbled', async () => {
    const refusal = await refusalOf(utf8(`${declared1251}${asciiPadding}<R>Иванов</R>`));
    expect(refusal.issues).toMatchObject([
      { code: '801', severity: 'error', field: 'encoding', value: 'windows-1251' },
    ]);
    expect(refusal.detail).toMatch(/объявлен в кодировке windows-1251, но записан в UTF-8/);
  });

  it('refuses (801) a file that starts in UTF-8 and goes on in windows-1251', async () => {
    const start = utf8(`${declared1251}<R>Иванов</R>${asciiPadding}`);
    const rest = cp1251('<R>Петров</R>');
    const refusal = await refusalOf(new Uint8Array([...start, ...rest]));
    expect(refusal.issues).toMatchObject([{ code: '801', field: 'encoding' }]);
    expect(refusal.detail).toMatch(/в одной кодировке/);
  });

  it('tells ASCII, UTF-8 and single-byte Cyrillic apart', () => {
    expect(utf8Verdict(utf8('<R>abc</R>'))).toBe('ascii');
    expect(utf8Verdict(utf8('<R>Иванов</R>'))).toBe('utf-8');
    expect(utf8Verdict(cp1251('<R>Иванов</R>'))).toBe('other');
    // A window may end inside a UTF-8 character
    expect(utf8Verdict(utf8('<R>Иванов</R>').subarray(0, 6))).toBe('utf-8');
  });
});

describe('a ZIP bomb', () => {
  it('is refused with 801 within the first megabytes, whether or not it declares its size', async () => {
    for (const declareSizes of [false, true]) {
      const bomb = zipBomb(2048, { declareSizes });
      expect(bomb.length).toBeLessThan(2.5 * 1024 ** 2);
      const started = performance.now();
      const refusal = await refusalOf(bomb);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(refusal.code).toBe('801');
      expect(refusal.issues).toMatchObject([{ rule: 'TEST.PACKAGE.FORMAT', code: '801', field: 'ZIP' }]);
    }
  });
});

describe('a received file gone from the inbox', () => {
  const blobs = (get: () => Promise<Readable>, exists: () => Promise<boolean>): BlobPort => ({
    put: async () => {},
    get,
    exists,
    size: async () => null,
    uploadUrl: async () => {
      throw new Error('not used');
    },
  });
  const fails = (code: string) => async () => {
    throw Object.assign(new Error(`${code}: no such file`), { code });
  };

  it('is a FileGoneError (failed for good) only when the store says it is not there', async () => {
    await expect(
      openReceivedFile(
        blobs(fails('ENOENT'), async () => false),
        'inbox',
        'a.xml',
      ),
    ).rejects.toThrow(FileGoneError);
    // Unreachable storage, or unknown: a technical failure, retried
    await expect(
      openReceivedFile(
        blobs(fails('EACCES'), async () => true),
        'inbox',
        'a.xml',
      ),
    ).rejects.toThrow('EACCES');
    await expect(
      openReceivedFile(blobs(fails('ETIMEDOUT'), fails('ETIMEDOUT')), 'inbox', 'a.xml'),
    ).rejects.toThrow('ETIMEDOUT: no such file');
    const stream = Readable.from([utf8('<R/>')]);
    expect(
      await openReceivedFile(
        blobs(
          async () => stream,
          async () => true,
        ),
        'inbox',
        'a.xml',
      ),
    ).toBe(stream);
  });

  it('journal messages are Russian sentences, never an error class', () => {
    for (const message of Object.values(fileFailureMessages)) {
      expect(message).toMatch(/^[А-ЯЁ][^A-Za-z]+$/);
      expect(message.length).toBeLessThanOrEqual(100);
    }
    expect(new FileGoneError().detail).toBe(fileFailureMessages.gone);
  });
});

describe('the local lease of a running job', () => {
  it('is minutes, not pg-boss’s 15, and is renewed several times before it could run out', () => {
    expect(localLease.expireInSeconds).toBeLessThanOrEqual(120);
    expect(localLease.heartbeatSeconds * 3).toBeLessThanOrEqual(localLease.expireInSeconds);
  });
});
