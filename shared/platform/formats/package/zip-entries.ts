import { strFromU8, Unzip, type UnzipFile, UnzipInflate } from 'fflate';
import { clip } from '../../flk/issue';
import type { Refusal } from '../../flk/refusal';
import type { ByteChunks } from './byte-stream';
import { crc32Final, crc32Start, crc32Update } from './crc32';
import { mebibytes, type PackageRules, packageRefusal, packageTooLarge } from './package-refusal';

/**
 * Streaming unzip (fflate) with the caps that make a ZIP bomb harmless: the number of files, the bytes they
 * inflate to, and the inflated ÷ compressed ratio. Input is pushed into the inflater in 16 KB slices, so one
 * push inflates to at most ~16 MB (DEFLATE ≤ 1:1032), and every cap is checked after every push: a bomb is
 * refused (F012 801, a `Refusal`) at its first slices, before memory or time is spent on it.
 *
 * An entry name that could point outside a folder (absolute, `..`, a backslash, a drive letter, NUL or control
 * characters) refuses the archive as a whole. The archive's integrity is checked too: every entry's CRC-32 is
 * computed as it inflates, and at the end of the archive the central directory (found through the
 * end-of-central-directory record, ZIP64 included) must list exactly the entries read, by name, each with that
 * checksum and size. The check comes after the entry's data has been handed on: a caller must treat a refusal
 * at the end of the stream as a refusal of the whole file (stage, then apply only after the stream ended).
 */

export interface ZipLimits {
  /** Files in the archive (folders do not count). */
  maxEntries: number;
  /** Bytes all files together inflate to. */
  maxInflatedBytes: number;
  /** Inflated ÷ compressed bytes beyond which the archive is refused (checked once 1 MB is inflated). */
  maxRatio: number;
}

export const zipLimits: ZipLimits = { maxEntries: 16, maxInflatedBytes: 1024 ** 3, maxRatio: 200 };

export interface ZipEntry {
  name: string;
  /** The entry's inflated bytes; read them before asking for the next entry (what is left is skipped). */
  chunks: ByteChunks;
}

export interface ZipOptions {
  rules: PackageRules;
  limits?: Partial<ZipLimits>;
  /** Entries to read; others are inflated (and counted) but dropped. Default: all. */
  select?: (name: string) => boolean;
}

const inflateSlice = 16 * 1024;
/** Below this the ratio is not judged: small files of repeated text compress very well and harm nothing. */
const ratioFloorBytes = 1024 ** 2;
/** Bytes of the archive's end kept to read its central directory (a few hundred per entry, and the comment). */
const tailBytes = 1024 ** 2;
const empty = new Uint8Array(0);

/**
 * Why an entry name is refused, or null: only plain relative names are accepted (`ERZ.xml`, `folder/T1.xml`) —
 * no absolute path, `..` segment, backslash, drive letter, NUL or other control character.
 */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'empty';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return 'control';
  }
  if (name.includes('\\')) return 'backslash';
  if (name.startsWith('/')) return 'absolute';
  if (/^[A-Za-z]:/.test(name)) return 'drive';
  if (name.split('/').some((segment) => segment === '..')) return 'parent';
  return null;
}

/** An entry name as a message may show it: control characters spelled out, at most 100 characters. */
function shownName(name: string): string {
  let out = '';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return clip(out) ?? '';
}

/** An entry as the local headers gave it: what the central directory must confirm at the end. */
interface SeenEntry {
  name: string;
  /** The running CRC-32 of the inflated data; null for a folder (no data read). */
  crc: number | null;
  size: number;
  finished: boolean;
}

interface OpenEntry extends SeenEntry {
  data: Uint8Array[];
  wanted: boolean;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

/** The last `max` bytes of `parts` (fewer when there are fewer). */
function lastBytes(parts: readonly Uint8Array[], total: number, max: number): Uint8Array {
  const out = new Uint8Array(Math.min(total, max));
  let at = out.length;
  for (let i = parts.length - 1; i >= 0 && at > 0; i--) {
    const part = parts[i]!;
    const take = Math.min(part.length, at);
    out.set(part.subarray(part.length - take), at - take);
    at -= take;
  }
  return out;
}

/** Pushes the archive into fflate slice by slice and keeps the caps. */
class ZipPump {
  readonly entries: OpenEntry[] = [];
  done = false;
  private failure: Refusal | undefined;
  private readonly unzip: Unzip;
  private readonly input: AsyncIterator<Uint8Array>;
  private pending: Uint8Array = empty;
  private offset = 0;
  private compressed = 0;
  private inflated = 0;
  /** Every entry of the local headers, in order (folders too). */
  private readonly seen: SeenEntry[] = [];
  /** The last received chunks (at least `tailBytes` of them, when there are so many) and their total. */
  private readonly tail: Uint8Array[] = [];
  private tailLength = 0;
  private received = 0;
  files = 0;
  last: OpenEntry | undefined;

  constructor(
    chunks: ByteChunks,
    private readonly limits: ZipLimits,
    private readonly rules: PackageRules,
    private readonly select: (name: string) => boolean,
    private readonly single: boolean,
  ) {
    this.input = chunks[Symbol.asyncIterator]();
    this.unzip = new Unzip((file) => this.onFile(file));
    this.unzip.register(UnzipInflate);
  }

  private fail(refusal: Refusal) {
    this.failure ??= refusal;
  }

  private refuse(message: string, value?: string) {
    this.fail(packageRefusal(this.rules.format, '801', message, 'ZIP', value));
  }

  private onFile(file: UnzipFile) {
    if (this.failure) return;
    if (unsafeEntryName(file.name)) {
      const shown = shownName(file.name);
      this.refuse(`Недопустимое имя файла в архиве: ${shown}`, shown);
      return;
    }
    if (file.name.endsWith('/')) {
      this.seen.push({ name: file.name, crc: null, size: 0, finished: true });
      return;
    }
    this.files++;
    if (this.files > this.limits.maxEntries) {
      this.refuse(
        this.single
          ? 'Архив должен содержать ровно один XML-файл'
          : `Архив содержит больше ${this.limits.maxEntries} файлов`,
        file.name,
      );
      return;
    }
    const wanted = this.select(file.name);
    if (this.single && !wanted) {
      this.refuse('Файл в архиве должен иметь расширение .xml', file.name);
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      this.refuse('Метод сжатия архива не поддерживается (допустим Deflate)');
      return;
    }
    if (file.originalSize !== undefined && file.originalSize > this.limits.maxInflatedBytes) {
      this.fail(this.tooLarge());
      return;
    }
    const entry: OpenEntry = {
      name: file.name,
      data: [],
      finished: false,
      wanted,
      crc: crc32Start,
      size: 0,
    };
    this.last = entry;
    this.seen.push(entry);
    if (wanted) this.entries.push(entry);
    file.ondata = (error, data, final) => {
      if (error) {
        this.refuse('Архив повреждён');
        return;
      }
      this.inflated += data.length;
      entry.size += data.length;
      entry.crc = crc32Update(entry.crc!, data);
      if (this.inflated > this.limits.maxInflatedBytes) this.fail(this.tooLarge());
      else if (this.inflated > ratioFloorBytes && this.inflated > this.limits.maxRatio * this.compressed) {
        this.fail(
          packageTooLarge(
            this.rules.format,
            `Архив распаковывается в несоразмерно большой объём (сжатие больше 1:${this.limits.maxRatio}): такие архивы не принимаются`,
            'ZIP',
            file.name,
          ),
        );
      } else if (entry.wanted && data.length) entry.data.push(data);
      if (final) entry.finished = true;
    };
    file.start();
  }

  private tooLarge(): Refusal {
    return packageTooLarge(
      this.rules.format,
      `Размер XML превышает допустимый (${mebibytes(this.limits.maxInflatedBytes)} МБ)`,
      'ZIP',
    );
  }

  private push(data: Uint8Array, final: boolean) {
    this.compressed += data.length;
    try {
      this.unzip.push(data, final);
    } catch {
      this.refuse('Архив повреждён или обрезан');
    }
    if (this.failure) throw this.failure;
  }

  /** Keeps the end of the archive for its central directory. */
  private keep(chunk: Uint8Array) {
    this.received += chunk.length;
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    while (this.tail.length > 1 && this.tailLength - this.tail[0]!.length >= tailBytes) {
      this.tailLength -= this.tail.shift()!.length;
    }
  }

  /**
   * The central directory at the archive's end lists exactly the entries read, in order, by name, with the
   * CRC-32 and size of what they inflated to.
   */
  private verifyDirectory() {
    const bytes = lastBytes(this.tail, this.tailLength, tailBytes);
    const base = this.received - bytes.length;
    const damaged = () => this.refuse('Архив повреждён: оглавление архива не совпадает с его содержимым');
    let eocd = -1;
    for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
      if (u32(bytes, at) === 0x06054b50 && at + 22 + u16(bytes, at + 20) === bytes.length) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) {
      this.refuse('Архив повреждён или обрезан');
      return;
    }
    let count = u16(bytes, eocd + 10);
    let size = u32(bytes, eocd + 12);
    let offset = u32(bytes, eocd + 16);
    let end = eocd;
    if (eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
      const record = u64(bytes, eocd - 12) - base;
      if (record < 0 || record + 56 > eocd - 20 || u32(bytes, record) !== 0x06064b50) return damaged();
      count = u64(bytes, record + 32);
      size = u64(bytes, record + 40);
      offset = u64(bytes, record + 48);
      end = record;
    }
    const start = end - size;
    if (start < 0) {
      if (this.received > bytes.length) this.refuse('Оглавление архива больше допустимого');
      else damaged();
      return;
    }
    if (base + start !== offset || count !== this.seen.length) return damaged();
    let at = start;
    for (const entry of this.seen) {
      if (at + 46 > end || u32(bytes, at) !== 0x02014b50) return damaged();
      const flags = u16(bytes, at + 8);
      const crc = u32(bytes, at + 16);
      const inflated = u32(bytes, at + 24);
      const nameLength = u16(bytes, at + 28);
      const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
      if (next > end) return damaged();
      const raw = bytes.subarray(at + 46, at + 46 + nameLength);
      // Decoded as fflate decodes the local name (UTF-8 when flag bit 11 says so); either way is the same name.
      const utf8 = (flags & 0x800) !== 0;
      if (entry.name !== strFromU8(raw, !utf8) && entry.name !== strFromU8(raw, utf8)) return damaged();
      if (entry.crc !== null && entry.finished) {
        if (crc32Final(entry.crc) !== crc) {
          this.refuse('Архив повреждён: контрольная сумма не совпадает', shownName(entry.name));
          return;
        }
        if (inflated !== 0xffffffff && inflated !== entry.size) {
          this.refuse(
            'Архив повреждён: размер файла не совпадает с оглавлением архива',
            shownName(entry.name),
          );
          return;
        }
      }
      at = next;
    }
    if (at !== end) damaged();
  }

  /** Pushes the next slice (or the end of the archive). */
  async step(): Promise<void> {
    if (this.done) return;
    while (this.offset >= this.pending.length) {
      const next = await this.input.next();
      if (next.done) {
        this.done = true;
        this.push(empty, true);
        if (this.last && !this.last.finished) this.refuse('Архив повреждён или обрезан');
        if (!this.failure) this.verifyDirectory();
        if (this.failure) throw this.failure;
        return;
      }
      this.pending = next.value;
      this.offset = 0;
      this.keep(next.value);
    }
    const slice = this.pending.subarray(this.offset, this.offset + inflateSlice);
    this.offset += slice.length;
    this.push(slice, false);
  }

  async *read(entry: OpenEntry): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (entry.data.length) yield* entry.data.splice(0);
      else if (entry.finished || this.done) return;
      else await this.step();
    }
  }
}

/**
 * The archive's entries in order, each streamed; the caps hold for the archive as a whole. The archive's
 * integrity is confirmed when its end is reached (after the last entry): read to the end before applying.
 */
export async function* zipEntries(chunks: ByteChunks, options: ZipOptions): AsyncGenerator<ZipEntry> {
  const limits = { ...zipLimits, ...options.limits };
  const pump = new ZipPump(chunks, limits, options.rules, options.select ?? (() => true), false);
  for (;;) {
    while (pump.entries.length === 0 && !pump.done) await pump.step();
    const entry = pump.entries.shift();
    if (!entry) return;
    yield { name: entry.name, chunks: pump.read(entry) };
    entry.wanted = false;
    entry.data.length = 0;
  }
}

/**
 * The one XML file of a ZIP archive, streamed: an archive with another file, more than one, none, or one
 * damaged (a wrong CRC-32 included) or truncated is refused (F012 801), as is one beyond the caps. The
 * archive's end is read before the stream ends, so a damaged archive fails the stream after its last bytes.
 */
export async function* unzipSingleXml(
  chunks: ByteChunks,
  options: { rules: PackageRules; limits?: Partial<Omit<ZipLimits, 'maxEntries'>> },
): AsyncGenerator<Uint8Array> {
  const limits = { ...zipLimits, ...options.limits, maxEntries: 1 };
  const pump = new ZipPump(chunks, limits, options.rules, (name) => /\.xml$/i.test(name), true);
  while (pump.entries.length === 0 && !pump.done) await pump.step();
  const entry = pump.entries.shift();
  if (entry) yield* pump.read(entry);
  // The rest of the archive: nothing more may be in it, and it must end well.
  while (!pump.done) await pump.step();
  if (pump.files === 0) {
    throw packageRefusal(options.rules.format, '801', 'Архив не содержит XML-файла', 'ZIP');
  }
}
