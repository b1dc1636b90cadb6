import { Unzip, type UnzipFile, UnzipInflate } from 'fflate';
import type { Refusal } from '../../flk/refusal';
import type { ByteChunks } from './byte-stream';
import { mebibytes, type PackageRules, packageRefusal, packageTooLarge } from './package-refusal';

/**
 * Streaming unzip (fflate) with the caps that make a ZIP bomb harmless: the number of files, the bytes they
 * inflate to, and the inflated ÷ compressed ratio. Input is pushed into the inflater in 16 KB slices, so one
 * push inflates to at most ~16 MB (DEFLATE ≤ 1:1032), and every cap is checked after every push: a bomb is
 * refused (F012 801, a `Refusal`) at its first slices, before memory or time is spent on it.
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
const empty = new Uint8Array(0);

interface OpenEntry {
  name: string;
  data: Uint8Array[];
  finished: boolean;
  wanted: boolean;
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
    if (this.failure || file.name.endsWith('/')) return;
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
    const entry: OpenEntry = { name: file.name, data: [], finished: false, wanted };
    this.last = entry;
    if (wanted) this.entries.push(entry);
    file.ondata = (error, data, final) => {
      if (error) {
        this.refuse('Архив повреждён');
        return;
      }
      this.inflated += data.length;
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

  /** Pushes the next slice (or the end of the archive). */
  async step(): Promise<void> {
    if (this.done) return;
    while (this.offset >= this.pending.length) {
      const next = await this.input.next();
      if (next.done) {
        this.done = true;
        this.push(empty, true);
        if (this.last && !this.last.finished) this.refuse('Архив повреждён или обрезан');
        if (this.failure) throw this.failure;
        return;
      }
      this.pending = next.value;
      this.offset = 0;
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

/** The archive's entries in order, each streamed; the caps hold for the archive as a whole. */
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
 * damaged or truncated is refused (F012 801), as is one beyond the caps.
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
