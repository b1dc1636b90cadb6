import type { FlkIssue } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';
import { type ByteChunks, isZip, peek } from '../../platform/formats/package/byte-stream';
import {
  mebibytes,
  type PackageRules,
  packageRefusal,
  packageTooLarge,
} from '../../platform/formats/package/package-refusal';
import { decodeXml } from '../../platform/formats/package/xml-decoding';
import type { XmlLimits } from '../../platform/formats/package/xml-elements';
import {
  readTreeDocument,
  type TreeDocumentLayout,
  type TreeFinding,
  type TreeRecordRules,
} from '../../platform/formats/package/xml-tree-records';
import { zipEntries, zipLimits } from '../../platform/formats/package/zip-entries';
import type { RegistryFinding } from '../domain/findings';
import {
  type Pers,
  type PersHeader,
  pers,
  persHeader,
  type Schet,
  schet,
  type Zap,
  type ZlHeader,
  zlHeader,
} from '../domain/registry-tags';
import { type FormatPlacement, placementOf, toCurrentPlacement, zapTableOf } from './format-version';
import {
  baseName,
  isPersonFileOf,
  type PersonFileName,
  parsePersonFileName,
  parseRegistryFileName,
  type RegistryFileName,
  registryNameRule,
  requireRegistryFileName,
} from './package-name';

/**
 * Reader of registry-invoice packages (docs/formats/registry-invoice.md, DOMAIN §3): a ZIP holding the main file
 * (`ZL_LIST`: ZGLV, SCHET, ZAP*) and its personal-data file (`PERS_LIST`: ZGLV, PERS*), in either order. The
 * platform unzips with caps (ZIP bombs, path-traversal names, damaged archives — zip-entries.ts), decodes
 * (windows-1251 by default, UTF-8 by prolog or BOM — xml-decoding.ts) and refuses DOCTYPE and malformed XML
 * (xml-elements.ts); each file is read against its tag tables (xml-tree-records.ts) one record at a time, so
 * memory does not grow with the package.
 *
 * Items, in file order: `package` (once, after the first file's header: the parsed name; the case file's name
 * and VERSION, or — when the L-file comes first — the main file's name as its FILENAME1 declares it, VERSION
 * null), `case-header` and the `case`s, `person-header` and the `person`s. Each record carries its structure
 * findings (F012 901/902/903, xml-tree-records.ts) as `RegistryFinding`s with the protocol's references, and
 * `usable`: every value the tables require is there (the record has its inferred type; checks may read it).
 * Format 3.0 (ONK_USL and NAPR under USL) is moved to the 3.1 placement (format-version.ts).
 *
 * Whatever makes the package unreadable as a whole is a `Refusal` with its F012 code (801 not a ZIP, damaged,
 * too large; 802 a wrong name — of the package, of a file, FILENAME or FILENAME1; 803 a file missing; 901
 * malformed XML or structure; 902/903 a header value missing or malformed; 904 an unsupported VERSION; 804 SD_Z
 * not the number of ZAP, SCHET's period or МО not the name's). Some come after records were given out (SD_Z and
 * the archive's integrity at the end, a missing L-file): the import stages and applies only when the read ended.
 */

export type RegistryItem =
  | {
      kind: 'package';
      name: RegistryFileName;
      /** The main file's name in the archive, or as the L-file's FILENAME1 declares it when that comes first. */
      caseFileName: string;
      /** The L-file's name in the archive; null when the main file comes first (see `person-header`). */
      personFileName: string | null;
      /** The main file's ZGLV/VERSION; null when the L-file comes first (see `case-header`). */
      version: string | null;
    }
  | { kind: 'case-header'; fileName: string; header: ZlHeader; schet: Schet; placement: FormatPlacement }
  | { kind: 'case'; ordinal: number; zap: Zap; findings: RegistryFinding[]; usable: boolean }
  | { kind: 'person-header'; fileName: string; header: PersHeader }
  | { kind: 'person'; ordinal: number; pers: Pers; findings: RegistryFinding[]; usable: boolean };

export interface RegistryReadOptions {
  /** The package's own name (the ZIP's, e.g. `CM640001T64_250301.zip`): checked against the main file's (802). */
  fileName?: string;
  /** Bytes of XML accepted after unzipping, both files together (default 2 GiB). */
  maxXmlBytes?: number;
  /** Inflated ÷ compressed ratio beyond which the archive is refused as a ZIP bomb (default 200). */
  maxRatio?: number;
  /** Bytes of the ZIP itself (default: no cap beyond `maxXmlBytes`). */
  maxFileBytes?: number;
  /** ZAP records accepted (default 1,000,000). */
  maxCases?: number;
  /** PERS records accepted (default 1,000,000). */
  maxPersons?: number;
  /** Findings kept per record (default 100). */
  maxFindingsPerRecord?: number;
  /** Called with the number of compressed bytes taken from the source, chunk by chunk (a progress bar). */
  onBytes?: (n: number) => void;
  /** Warnings about the package as a whole (a windows-1251 declaration over UTF-8 bytes). */
  onIssue?: (issue: FlkIssue) => void;
  limits?: Partial<XmlLimits>;
}

export const registryReadLimits = {
  maxXmlBytes: 2 * 1024 ** 3,
  maxCases: 1_000_000,
  maxPersons: 1_000_000,
} as const;

/** Rule ids of the reader's findings and refusals. */
export const registryReadRules = {
  package: {
    format: 'REG.PACKAGE.FORMAT',
    xml: 'REG.PACKAGE.XML',
    header: 'REG.PACKAGE.HEADER',
  } satisfies PackageRules,
  name: registryNameRule,
  files: 'REG.PACKAGE.FILES',
  version: 'REG.PACKAGE.VERSION',
  count: 'REG.PACKAGE.COUNT',
  period: 'REG.PACKAGE.PERIOD',
  mo: 'REG.PACKAGE.CODE_MO',
  record: {
    tag: 'REG.XML.TAG',
    required: 'REG.XML.REQUIRED',
    type: 'REG.XML.TYPE',
  } satisfies TreeRecordRules,
} as const;

const R = registryReadRules;

function refusal(rule: string, code: string, message: string, field?: string, value?: string): Refusal {
  return packageRefusal(rule, code, message, field, value);
}

/** A header group with findings refuses the package (its findings are the refusal's issues). */
function refuseHeader(file: string, findings: readonly TreeFinding[]): Refusal {
  const issues = findings.map(({ keys: _keys, basEl, ...issue }) => ({
    ...issue,
    rule: R.package.header,
    field: `${basEl}.${issue.field}`,
  }));
  return Refusal.invalid(
    issues,
    `Заголовок файла ${file} не прошёл форматный контроль: ${issues[0]!.message}`,
  );
}

/** The received bytes, reported to `onBytes` and capped at `maxFileBytes`. */
async function* counted(chunks: ByteChunks, options: RegistryReadOptions): AsyncGenerator<Uint8Array> {
  const max = options.maxFileBytes;
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (max !== undefined && size > max) {
      throw packageTooLarge(R.package.format, `Пакет больше допустимого (${mebibytes(max)} МБ)`);
    }
    options.onBytes?.(chunk.length);
    yield chunk;
  }
}

/**
 * Inflated bytes in slices of at most 64 KB for the decoder: TextDecoder.decode is about ten times slower per
 * byte on inputs of 128 KB and more (Node 20, both encodings), and inflating hands on ~200 KB at a time.
 */
async function* sliced(chunks: ByteChunks): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    if (chunk.length <= decodeSlice) yield chunk;
    else for (let at = 0; at < chunk.length; at += decodeSlice) yield chunk.subarray(at, at + decodeSlice);
  }
}

const decodeSlice = 64 * 1024;

const sameName = (a: string, b: string) => baseName(a) === baseName(b);

interface MainSeen {
  entry: string;
  name: RegistryFileName;
}
interface PersonSeen {
  entry: string;
  name: PersonFileName;
  /** FILENAME1 of its header (the main file's base name). */
  declared: string | null;
}

export async function* readRegistryPackage(
  bytes: AsyncIterable<Uint8Array>,
  options: RegistryReadOptions = {},
): AsyncGenerator<RegistryItem> {
  const given = options.fileName ? requireRegistryFileName(options.fileName) : null;
  const { head, all } = await peek(counted(bytes, options), 4);
  if (!isZip(head)) {
    throw refusal(R.package.format, '801', 'Пакет должен быть ZIP-архивом', 'ZIP');
  }
  const state: { main: MainSeen | null; person: PersonSeen | null; announced: boolean } = {
    main: null,
    person: null,
    announced: false,
  };
  const maxXmlBytes = options.maxXmlBytes ?? registryReadLimits.maxXmlBytes;
  const entries = zipEntries(all, {
    rules: R.package,
    limits: {
      maxEntries: 2,
      maxInflatedBytes: maxXmlBytes,
      maxRatio: options.maxRatio ?? zipLimits.maxRatio,
    },
  });
  for await (const zipEntry of entries) {
    const entry = zipEntry.name;
    const text = decodeXml(sliced(zipEntry.chunks), {
      rules: R.package,
      maxBytes: maxXmlBytes,
      defaultEncoding: 'windows-1251',
      ...(options.onIssue ? { onIssue: options.onIssue } : {}),
    });
    const mainName = parseRegistryFileName(entry);
    const personName = mainName ? null : parsePersonFileName(entry);
    if (!/\.xml$/i.test(entry) || (!mainName && !personName)) {
      throw refusal(
        R.name,
        '802',
        `Неверное имя файла в пакете: ${entry} (ожидаются основной файл <вид>PiNiPpNp_ГГММN.XML и файл персональных данных L…)`,
        'FILENAME',
        entry,
      );
    }
    if (mainName) {
      if (state.main) throw refusal(R.name, '802', 'Пакет содержит два основных файла', 'FILENAME', entry);
      if (given && given.base !== mainName.base) {
        throw refusal(
          R.name,
          '802',
          `Имя основного файла ${entry} не совпадает с именем пакета`,
          'FILENAME',
          entry,
        );
      }
      if (state.person) {
        if (!isPersonFileOf(state.person.name, mainName) || state.person.declared !== mainName.base) {
          throw refusal(
            R.name,
            '802',
            `Файл персональных данных ${state.person.entry} относится не к основному файлу ${entry}`,
            'FILENAME1',
            state.person.declared ?? undefined,
          );
        }
      }
      state.main = { entry, name: mainName };
      yield* readCases(text, state, entry, mainName, options);
    } else {
      const name = personName!;
      if (state.person)
        throw refusal(R.name, '802', 'Пакет содержит два файла персональных данных', 'FILENAME', entry);
      const owner = state.main?.name ?? given;
      if (owner && !isPersonFileOf(name, owner)) {
        throw refusal(
          R.name,
          '802',
          `Имя файла персональных данных ${entry} не соответствует основному файлу ${owner.base}`,
          'FILENAME',
          entry,
        );
      }
      state.person = { entry, name, declared: null };
      yield* readPersons(text, state, entry, options, given);
    }
  }
  if (!state.main || !state.person) {
    throw refusal(
      R.files,
      '803',
      state.main
        ? 'В пакете нет файла персональных данных (L-файла)'
        : state.person
          ? 'В пакете нет основного файла реестра'
          : 'Пакет не содержит файлов реестра',
      'FILENAME',
    );
  }
}

async function* readCases(
  text: AsyncIterable<string>,
  state: { person: PersonSeen | null; announced: boolean },
  entry: string,
  name: RegistryFileName,
  options: RegistryReadOptions,
): AsyncGenerator<RegistryItem> {
  let header: ZlHeader | null = null;
  let placement: FormatPlacement = '3.1';
  let count = 0;
  const layout: TreeDocumentLayout = {
    root: 'ZL_LIST',
    headers: [
      { tag: 'ZGLV', node: zlHeader },
      { tag: 'SCHET', node: schet },
    ],
    record: 'ZAP',
    // Chosen by the header as parsed (records of the same text chunk are parsed before the items are handed on).
    recordNode: (headers) => zapTableOf(placementOf(String(headers.ZGLV?.VERSION)) ?? '3.1'),
    rules: R.package,
    recordRules: R.record,
    keys: { SL: 'SL_ID', USL: 'IDSERV' },
    maxRecords: options.maxCases ?? registryReadLimits.maxCases,
    ...(options.maxFindingsPerRecord ? { maxFindingsPerRecord: options.maxFindingsPerRecord } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  for await (const item of readTreeDocument<Record<string, unknown>>(text, layout)) {
    if (item.kind === 'header') {
      if (item.findings.length) throw refuseHeader(entry, item.findings);
      if (item.tag === 'ZGLV') {
        header = item.value as ZlHeader;
        const found = placementOf(header.VERSION);
        if (!found) {
          throw refusal(
            R.version,
            '904',
            `Версия формата ${header.VERSION} не поддерживается (принимаются версии 3.0–3.x)`,
            'ZGLV.VERSION',
            header.VERSION,
          );
        }
        placement = found;
        if (!sameName(header.FILENAME, entry)) {
          throw refusal(
            R.name,
            '802',
            `FILENAME заголовка (${header.FILENAME}) не совпадает с именем файла ${entry}`,
            'ZGLV.FILENAME',
            header.FILENAME,
          );
        }
        if (!state.announced) {
          state.announced = true;
          yield { kind: 'package', name, caseFileName: entry, personFileName: null, version: header.VERSION };
        }
      } else {
        const s = item.value as Schet;
        checkSchet(s, name);
        yield { kind: 'case-header', fileName: entry, header: header!, schet: s, placement };
      }
      continue;
    }
    count++;
    const zap = item.value as Zap & Record<string, unknown>;
    const findings = item.findings.map((f) => caseFinding(f, zap));
    if (placement === '3.0') {
      for (const orphan of toCurrentPlacement(zap)) {
        findings.push({
          rule: R.record.tag,
          code: '901',
          severity: 'error',
          field: 'ONK_USL',
          message: 'Элемент ONK_USL указан в услуге случая без онкологического блока ONK_SL',
          ...caseRefs(zap),
          file: 'case',
          basEl: 'USL',
          ...(orphan.slId !== undefined ? { slId: orphan.slId } : {}),
          ...(orphan.idserv !== undefined ? { idserv: orphan.idserv } : {}),
        });
      }
    }
    yield { kind: 'case', ordinal: item.ordinal, zap, findings, usable: item.complete };
  }
  const declared = Number(header?.SD_Z);
  if (header && declared !== count) {
    throw refusal(
      R.count,
      '804',
      `Число записей ZAP в файле (${count}) не совпадает с SD_Z заголовка (${header.SD_Z})`,
      'ZGLV.SD_Z',
      header.SD_Z,
    );
  }
}

function checkSchet(s: Schet, name: RegistryFileName) {
  if (Number(s.YEAR) !== name.year || Number(s.MONTH) !== name.month) {
    throw refusal(
      R.period,
      '804',
      `Отчётный период счёта (${s.YEAR}-${s.MONTH}) не совпадает с периодом в имени файла (${name.year}-${String(name.month).padStart(2, '0')})`,
      'SCHET.YEAR',
      `${s.YEAR}-${s.MONTH}`,
    );
  }
  if (name.sourceType === 'M' && s.CODE_MO !== name.sourceCode) {
    throw refusal(
      R.mo,
      '804',
      `Код МО в счёте (${s.CODE_MO}) не совпадает с кодом отправителя в имени файла (${name.sourceCode})`,
      'SCHET.CODE_MO',
      s.CODE_MO,
    );
  }
}

function caseRefs(zap: Zap): Pick<RegistryFinding, 'nZap' | 'idcase' | 'idPac'> {
  const out: Pick<RegistryFinding, 'nZap' | 'idcase' | 'idPac'> = {};
  if (zap.N_ZAP !== undefined) out.nZap = zap.N_ZAP;
  const idcase = zap.Z_SL?.IDCASE;
  if (idcase !== undefined) out.idcase = idcase;
  const idPac = zap.PACIENT?.ID_PAC;
  if (idPac !== undefined) out.idPac = idPac;
  return out;
}

function caseFinding(f: TreeFinding, zap: Zap): RegistryFinding {
  const { keys, ...issue } = f;
  const out: RegistryFinding = { ...issue, file: 'case', ...caseRefs(zap) };
  if (keys?.SL !== undefined) out.slId = keys.SL;
  if (keys?.USL !== undefined) out.idserv = keys.USL;
  return out;
}

async function* readPersons(
  text: AsyncIterable<string>,
  state: { main: MainSeen | null; person: PersonSeen | null; announced: boolean },
  entry: string,
  options: RegistryReadOptions,
  given: RegistryFileName | null,
): AsyncGenerator<RegistryItem> {
  const layout: TreeDocumentLayout = {
    root: 'PERS_LIST',
    headers: [{ tag: 'ZGLV', node: persHeader }],
    record: 'PERS',
    recordNode: pers,
    rules: R.package,
    recordRules: R.record,
    maxRecords: options.maxPersons ?? registryReadLimits.maxPersons,
    ...(options.maxFindingsPerRecord ? { maxFindingsPerRecord: options.maxFindingsPerRecord } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  for await (const item of readTreeDocument<Pers>(text, layout)) {
    if (item.kind === 'header') {
      if (item.findings.length) throw refuseHeader(entry, item.findings);
      const header = item.value as PersHeader;
      if (!sameName(header.FILENAME, entry)) {
        throw refusal(
          R.name,
          '802',
          `FILENAME заголовка (${header.FILENAME}) не совпадает с именем файла ${entry}`,
          'ZGLV.FILENAME',
          header.FILENAME,
        );
      }
      const declared = parseRegistryFileName(header.FILENAME1);
      const main = state.main?.name ?? given ?? declared;
      if (
        !declared ||
        !main ||
        declared.base !== main.base ||
        !isPersonFileOf(state.person!.name, declared)
      ) {
        throw refusal(
          R.name,
          '802',
          `FILENAME1 заголовка файла ${entry} (${header.FILENAME1}) должен называть основной файл пакета${main ? ` ${main.base}` : ''}`,
          'ZGLV.FILENAME1',
          header.FILENAME1,
        );
      }
      state.person!.declared = declared.base;
      if (!state.announced) {
        state.announced = true;
        yield {
          kind: 'package',
          name: declared,
          caseFileName: header.FILENAME1,
          personFileName: entry,
          version: null,
        };
      }
      yield { kind: 'person-header', fileName: entry, header };
      continue;
    }
    const p = item.value;
    const findings = item.findings.map(({ keys: _keys, ...issue }): RegistryFinding => {
      const out: RegistryFinding = { ...issue, file: 'person' };
      if (p.ID_PAC !== undefined) out.idPac = p.ID_PAC;
      return out;
    });
    yield { kind: 'person', ordinal: item.ordinal, pers: p, findings, usable: item.complete };
  }
}
