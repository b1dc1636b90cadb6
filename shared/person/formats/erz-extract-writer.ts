import type { ErzPerson } from '../domain/erz-person';
import { erzFormatVersion } from './erz-extract-reader';

/**
 * Writes ЕРЗ extracts (docs/formats/erz-extract.md) from canonical persons: for tests, the benchmark and the
 * demo. Text values are written trimmed (the reader trims them); characters windows-1251 cannot hold are
 * written as character references, so any text survives either encoding.
 */

export type ErzEncoding = 'utf-8' | 'windows-1251';

export interface ErzExtractHeaderInput {
  /** `YYYY-MM-DD` */
  date: string;
  fileName: string;
  okato: string;
  /** Written as COUNT; default: the number of persons when they are an array, otherwise omitted. */
  count?: number | null;
}

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;',
  );
}

function leaf(tag: string, value: string | number | null): string {
  return value === null ? '' : `<${tag}>${escapeText(String(value))}</${tag}>`;
}

/** One `PERS` element. */
export function personXml(p: ErzPerson): string {
  const docs = p.documents
    .map(
      (d) =>
        `<DOC>${leaf('DOCTYPE', d.docType)}${leaf('DOCSER', d.docSer)}${leaf('DOCNUM', d.docNum)}${leaf('DOCDATE', d.docDate)}</DOC>`,
    )
    .join('');
  const policies = p.policies
    .map(
      (x) =>
        `<POLIS>${leaf('VPOLIS', x.policyType)}${leaf('SPOLIS', x.series)}${leaf('NPOLIS', x.number)}${leaf('SMO', x.smoCode)}` +
        `${leaf('DBEG', x.dateBeg)}${leaf('DEND', x.dateEnd)}${leaf('PRICH_END', x.closeReason)}</POLIS>`,
    )
    .join('');
  const attachments = p.attachments
    .map(
      (a) =>
        `<PRIK>${leaf('MO', a.moCode)}${leaf('UCH', a.districtCode)}${leaf('SNILS_VR', a.doctorSnils)}` +
        `${leaf('DBEG', a.dateBeg)}${leaf('DEND', a.dateEnd)}</PRIK>`,
    )
    .join('');
  return (
    `<PERS>${leaf('ID', p.recordId)}${leaf('ENP', p.enp)}${leaf('SNILS', p.snils)}${leaf('FAM', p.fam)}` +
    `${leaf('IM', p.im)}${leaf('OT', p.ot)}${leaf('W', p.sex)}${leaf('DR', p.birthDate)}${leaf('TEL', p.phone)}` +
    `${docs}${policies}${attachments}</PERS>\n`
  );
}

/** The extract as text pieces: prolog and header, one piece per person, the closing tag. */
export function* erzExtractText(
  header: ErzExtractHeaderInput,
  persons: Iterable<ErzPerson>,
  encoding: ErzEncoding = 'windows-1251',
): Generator<string> {
  const count = header.count !== undefined ? header.count : Array.isArray(persons) ? persons.length : null;
  yield `<?xml version="1.0" encoding="${encoding}"?>\n<ERZ_LIST>\n<ZGLV>${leaf('VERSION', erzFormatVersion)}${leaf('DATA', header.date)}${leaf('FILENAME', header.fileName)}${leaf('OKATO', header.okato)}${leaf('COUNT', count)}</ZGLV>\n`;
  for (const person of persons) yield personXml(person);
  yield '</ERZ_LIST>\n';
}

/** The extract as encoded chunks of about 64 KB (for streaming into a file or a request). */
export function* erzExtractChunks(
  header: ErzExtractHeaderInput,
  persons: Iterable<ErzPerson>,
  encoding: ErzEncoding = 'windows-1251',
): Generator<Uint8Array> {
  let buffer = '';
  for (const piece of erzExtractText(header, persons, encoding)) {
    buffer += piece;
    if (buffer.length >= 65_536) {
      yield encodeXmlText(buffer, encoding);
      buffer = '';
    }
  }
  if (buffer) yield encodeXmlText(buffer, encoding);
}

/** The whole extract as bytes. */
export function writeErzExtract(
  header: ErzExtractHeaderInput,
  persons: Iterable<ErzPerson>,
  encoding: ErzEncoding = 'windows-1251',
): Uint8Array {
  return encodeXmlText([...erzExtractText(header, persons, encoding)].join(''), encoding);
}

let cp1251Table: Map<number, number> | undefined;

/** Unicode code point → windows-1251 byte, built from the platform's own decoder. */
function cp1251(): Map<number, number> {
  if (!cp1251Table) {
    const decoded = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
    cp1251Table = new Map();
    for (let i = 0; i < 256; i++) cp1251Table.set(decoded.charCodeAt(i), i);
  }
  return cp1251Table;
}

/**
 * Encodes XML text. UTF-8 holds everything; in windows-1251 a character outside the code page becomes a
 * character reference (`&#x…;`), which is only valid in text content — tags and the prolog are ASCII here.
 */
export function encodeXmlText(text: string, encoding: ErzEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const table = cp1251();
  const out: number[] = [];
  for (const ch of text) {
    const byte = table.get(ch.charCodeAt(0));
    if (byte !== undefined && ch.length === 1) out.push(byte);
    else for (const c of `&#x${ch.codePointAt(0)!.toString(16)};`) out.push(c.charCodeAt(0));
  }
  return Uint8Array.from(out);
}
