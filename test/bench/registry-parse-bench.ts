// The parse-only ceiling of registry-invoice packages (issue 12): the package reader
// (shared/registry/formats/registry-package-reader.ts — unzip, decode, SAX, the tag tables' structure FLK) over
// a package on disk, every item discarded. The import bench reports its own throughput against this figure,
// measured on the same file in the same run. Alone: `npx tsx test/bench/registry-parse-bench.ts [cases]
// [--out folder]` writes a generated C-package of that many cases (default 20,000) to a temporary folder (or
// keeps it in `folder`) and reads it three times; `… registry-parse-bench.ts file.zip` only reads a package.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import {
  generateRegistryPackage,
  type PackageGeneratorInput,
  registryPersonFromDemo,
} from '../../shared/registry/demo/package-generator';
import {
  type RegistryReadOptions,
  readRegistryPackage,
} from '../../shared/registry/formats/registry-package-reader';

export interface ParseCeiling {
  /** Inflated XML (both files) per second, MB = 10^6 bytes. */
  mbPerSecond: number;
  /** Compressed bytes (the ZIP) per second. */
  zipMbPerSecond: number;
  casesPerSecond: number;
  /** Highest resident set size sampled during the read (every 25 ms), MiB. */
  peakRssMiB: number;
  /** Resident set size before the read, MiB. */
  rssBeforeMiB: number;
  seconds: number;
  cases: number;
  persons: number;
  xmlBytes: number;
  zipBytes: number;
}

const mib = (bytes: number) => bytes / 1024 ** 2;

/** What the archive's files inflate to, from its central directory (read from the file's tail). */
async function inflatedSize(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 128 * 1024));
    await handle.read(tail, 0, tail.length, size - tail.length);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) return Number.NaN;
    const entries = tail.readUInt16LE(eocd + 10);
    let at = tail.length - (size - tail.readUInt32LE(eocd + 16));
    let total = 0;
    for (let i = 0; i < entries && at >= 0; i++) {
      total += tail.readUInt32LE(at + 24);
      at += 46 + tail.readUInt16LE(at + 28) + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
    }
    return total;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the package at `file` with the registry package reader and discards the items: the ceiling an import
 * of the same file can approach. Throws what the reader throws (a broken package is no benchmark).
 */
export async function parseOnlyCeiling(
  file: string,
  options: RegistryReadOptions = {},
): Promise<ParseCeiling> {
  const zipBytes = (await stat(file)).size;
  const xmlBytes = await inflatedSize(file);
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  let cases = 0;
  let persons = 0;
  const started = performance.now();
  try {
    for await (const item of readRegistryPackage(
      createReadStream(file, { highWaterMark: 1024 ** 2 }),
      options,
    )) {
      if (item.kind === 'case') cases++;
      else if (item.kind === 'person') persons++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    mbPerSecond: xmlBytes / 1e6 / seconds,
    zipMbPerSecond: zipBytes / 1e6 / seconds,
    casesPerSecond: cases / seconds,
    peakRssMiB: mib(peak),
    rssBeforeMiB: mib(rssBefore),
    seconds,
    cases,
    persons,
    xmlBytes,
    zipBytes,
  };
}

/** Writes a generated package to `folder` as it is made (never held whole); answers its path. */
export async function writeGeneratedPackage(folder: string, input: PackageGeneratorInput): Promise<string> {
  const pkg = generateRegistryPackage(input);
  const file = path.join(folder, pkg.fileName);
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  for (const chunk of pkg.chunks()) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await done;
  return file;
}

async function rounds(file: string) {
  for (let round = 1; round <= 3; round++) {
    const r = await parseOnlyCeiling(file);
    console.log(
      `round ${round}: ${r.seconds.toFixed(2)} s, ${r.mbPerSecond.toFixed(1)} MB/s of XML (${r.zipMbPerSecond.toFixed(1)} MB/s zipped), ` +
        `${Math.round(r.casesPerSecond)} cases/s, peak RSS ${Math.round(r.peakRssMiB)} MiB (before ${Math.round(r.rssBeforeMiB)} MiB)`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [arg = '20000', flag, kept] = process.argv.slice(2);
  if (/\.zip$/i.test(arg)) {
    // An existing package: only read (RSS is then the reader's own).
    await rounds(arg);
  } else {
    const count = Number(arg);
    const folder = flag === '--out' && kept ? kept : await mkdtemp(path.join(os.tmpdir(), 'registry-parse-'));
    try {
      const region = generateRegionStructure('registry-bench');
      const persons = [...generatePersons('registry-bench', Math.max(10_000, count), region)].map(
        registryPersonFromDemo,
      );
      const written = performance.now();
      const file = await writeGeneratedPackage(folder, {
        seed: 'registry-bench',
        persons,
        moCode: region.organisations.find((o) => o.kind === 'MO')!.code,
        smoCodes: region.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code),
        year: 2025,
        month: 6,
        kind: 'C',
        count,
        cohortShare: 0.3,
      });
      const size = (await stat(file)).size;
      console.log(
        `${count} cases written to ${file} in ${((performance.now() - written) / 1000).toFixed(1)} s: ` +
          `${(size / 1e6).toFixed(1)} MB zipped, ${((await inflatedSize(file)) / 1e6).toFixed(1)} MB of XML`,
      );
      await rounds(file);
    } finally {
      if (folder !== kept) await rm(folder, { recursive: true, force: true });
    }
  }
}
