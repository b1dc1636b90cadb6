import { SaxesParser } from 'saxes';
import type { DirectorySpec } from '../domain/catalogue';
import { type NsiPublication, type NsiRecord, openStart, parseRuDate } from '../domain/nsi-record';

const nameLike = /NAME|^NAM|^N_|^Naim/i;

/**
 * Streams an FFOMS NSI publication (windows-1251 XML, `<packet><zglv>…</zglv><zap>…</zap>…`) into records.
 * Bytes are decoded incrementally and parsed with saxes, so memory stays flat whatever the file size; DTDs are
 * refused. Within a record every leaf element becomes an attribute (repeated leaves are joined with `, `).
 */
export async function* readFfomsDirectory(
  chunks: AsyncIterable<Uint8Array>,
  spec: DirectorySpec,
  onHeader: (header: NsiPublication) => void,
): AsyncGenerator<NsiRecord> {
  const recordElement = spec.recordElement ?? 'zap';
  const parser = new SaxesParser({ xmlns: false, position: false });
  const out: NsiRecord[] = [];
  const header: Record<string, string> = {};
  const stack: string[] = [];
  let text = '';
  let fields: Map<string, string[]> | undefined;
  let headerSent = false;
  let failure: Error | undefined;

  const sendHeader = () => {
    if (headerSent) return;
    headerSent = true;
    onHeader({ version: header.version ?? 'unknown', publishedAt: parseRuDate(header.date) });
  };

  parser.on('doctype', () => {
    failure = new Error('DOCTYPE is not allowed in reference data');
  });
  parser.on('opentag', (tag) => {
    if (stack.length === 0 && tag.name === 'packet') {
      const attrs = tag.attributes as Record<string, string>;
      if (attrs.version) header.version = attrs.version;
      if (attrs.date) header.date = attrs.date;
    }
    stack.push(tag.name);
    text = '';
    if (tag.name === recordElement && !fields) {
      sendHeader();
      fields = new Map();
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    if (fields) {
      if (name === recordElement) {
        out.push(toRecord(fields, spec));
        fields = undefined;
      } else {
        const value = text.trim();
        if (value !== '') fields.set(name, [...(fields.get(name) ?? []), value]);
      }
    } else if ((name === 'version' || name === 'date' || name === 'type') && header[name] === undefined) {
      header[name] = text.trim();
    }
    text = '';
  });
  parser.on('error', (e) => {
    failure = e;
  });

  // Every FFOMS publication in use declares windows-1251.
  const decoder = new TextDecoder('windows-1251');
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    yield* out.splice(0);
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  sendHeader();
  yield* out.splice(0);
}

function toRecord(fields: Map<string, string[]>, spec: DirectorySpec): NsiRecord {
  const attrs: Record<string, string> = {};
  for (const [k, v] of fields) attrs[k] = v.join(', ');
  const keys = [...fields.keys()];
  const codeField = spec.codeField ?? keys[0] ?? '';
  const nameField = spec.nameField ?? (spec.nameTemplate ? undefined : keys.find((k) => nameLike.test(k)));
  const name = nameField
    ? (attrs[nameField] ?? '')
    : spec.nameTemplate
      ? spec.nameTemplate.replace(/\{(\w+)\}/g, (_, k: string) => attrs[k] ?? '').trim()
      : '';
  return {
    code: attrs[codeField] ?? '',
    name,
    dateBeg: parseRuDate(attrs[spec.dateBegField ?? 'DATEBEG']) ?? openStart,
    dateEnd: parseRuDate(attrs[spec.dateEndField ?? 'DATEEND']),
    parentCode: spec.parentField ? (attrs[spec.parentField] ?? null) : null,
    attrs,
  };
}
