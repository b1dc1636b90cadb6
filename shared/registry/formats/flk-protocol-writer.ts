import { encodeXmlText, type XmlTextEncoding } from '../../platform/formats/xml-text-encoding';
import { escapeXmlText } from '../../platform/formats/xml-tree-writer';
import type { RegistryFinding } from '../domain/findings';
import { baseName, parseRegistryFileName, protocolFileName, type RegistryFileName } from './package-name';

/**
 * The FLK protocol of a registry-invoice package as the standard `FLK_P` file (DOMAIN §5.2,
 * docs/formats/registry-invoice.md): `FNAME` (the protocol's own name, `V` + recipient + source, §3.1),
 * `FNAME_I` (the package's main file) and a `PR` per finding — `OSHIB` (F012 code), `IM_POL` (the tag),
 * `ZN_POL` (the value sent), `BAS_EL` (its parent element), `N_ZAP`, `IDCASE`, `SL_ID`, `IDSERV` and `COMMENT`
 * (the Russian message and the rule id; for a finding in the L-file, its ID_PAC too). windows-1251 by default.
 * Errors only by default: FLK_P has no severity (warnings can be included, marked in COMMENT).
 */

export interface FlkProtocolOptions {
  encoding?: XmlTextEncoding;
  /** Also write warnings (COMMENT starts with «Предупреждение»). Default false. */
  includeWarnings?: boolean;
  /** Write `ID_PAC` after `IDSERV` (a regional variant). Default false: ID_PAC goes into COMMENT. */
  idPac?: boolean;
}

/** The protocol's name for a package: `V…` by §3.1, or `V` + the name when it is no registry name. */
export function flkProtocolName(source: string | RegistryFileName): string {
  const name = typeof source === 'string' ? parseRegistryFileName(source) : source;
  return name ? protocolFileName(name) : `V${baseName(source as string)}`;
}

function leaf(tag: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `<${tag}>${escapeXmlText(value)}</${tag}>`;
}

function comment(f: RegistryFinding, options: FlkProtocolOptions): string {
  const where =
    f.file === 'person' && !options.idPac && f.idPac !== undefined ? `; L-файл, ID_PAC ${f.idPac}` : '';
  const mark = f.severity === 'warning' ? 'Предупреждение: ' : '';
  return `${mark}${f.message} (${f.rule}${where})`;
}

/** One `PR` element. */
export function flkProtocolRow(f: RegistryFinding, options: FlkProtocolOptions = {}): string {
  // A package-level finding names its field as a path (`ZGLV.SD_Z`): the tag and its base element.
  const dot = f.basEl === undefined && f.field ? f.field.lastIndexOf('.') : -1;
  const field = dot < 0 ? f.field : f.field!.slice(dot + 1);
  const basEl = dot < 0 ? f.basEl : f.field!.slice(0, dot);
  return (
    `<PR>${leaf('OSHIB', f.code)}${leaf('IM_POL', field)}${leaf('ZN_POL', f.value)}${leaf('BAS_EL', basEl)}` +
    `${leaf('N_ZAP', f.nZap)}${leaf('IDCASE', f.idcase)}${leaf('SL_ID', f.slId)}${leaf('IDSERV', f.idserv)}` +
    `${options.idPac ? leaf('ID_PAC', f.idPac) : ''}${leaf('COMMENT', comment(f, options))}</PR>\n`
  );
}

/** The protocol as text pieces. */
export function* flkProtocolText(
  source: string | RegistryFileName,
  findings: Iterable<RegistryFinding>,
  options: FlkProtocolOptions = {},
): Generator<string> {
  const encoding = options.encoding ?? 'windows-1251';
  const original = typeof source === 'string' ? baseName(source) : source.base;
  yield `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>\n<FLK_P>\n`;
  yield `${leaf('FNAME', flkProtocolName(source))}\n${leaf('FNAME_I', original)}\n`;
  for (const f of findings) {
    if (f.severity === 'warning' && !options.includeWarnings) continue;
    yield flkProtocolRow(f, options);
  }
  yield '</FLK_P>\n';
}

/** The protocol as encoded chunks (~256 KB each). */
export function* flkProtocolChunks(
  source: string | RegistryFileName,
  findings: Iterable<RegistryFinding>,
  options: FlkProtocolOptions = {},
): Generator<Uint8Array> {
  const encoding = options.encoding ?? 'windows-1251';
  let buffer = '';
  for (const piece of flkProtocolText(source, findings, options)) {
    buffer += piece;
    if (buffer.length >= 262_144) {
      yield encodeXmlText(buffer, encoding);
      buffer = '';
    }
  }
  if (buffer) yield encodeXmlText(buffer, encoding);
}

/** The whole protocol file: `{ fileName: 'V….XML', bytes }`. */
export function flkProtocolXml(
  source: string | RegistryFileName,
  findings: Iterable<RegistryFinding>,
  options: FlkProtocolOptions = {},
): { fileName: string; bytes: Uint8Array } {
  const encoding = options.encoding ?? 'windows-1251';
  const text = [...flkProtocolText(source, findings, options)].join('');
  return { fileName: `${flkProtocolName(source)}.XML`, bytes: encodeXmlText(text, encoding) };
}
