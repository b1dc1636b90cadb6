import { packageRules } from '../../platform/formats/package/package-refusal';
import { readXmlElements } from '../../platform/formats/package/xml-elements';
import { openXmlText } from '../../platform/formats/package/xml-package';
import type { DirectorySpec } from '../domain/catalogue';
import { type NsiPublication, type NsiRecord, openStart, parseRuDate } from '../domain/nsi-record';

const nameLike = /NAME|^NAM|^N_|^Naim/i;

const rules = packageRules('NSI');

/**
 * Streams an FFOMS NSI publication (windows-1251 XML, `<packet><zglv>…</zglv><zap>…</zap>…`, plain or in a ZIP)
 * into records. The platform opens and decodes the file (the declared encoding; windows-1251 when none is
 * declared) and parses it with saxes, so memory stays flat whatever the file size; DTDs are refused. Within a
 * record every leaf element becomes an attribute (repeated leaves are joined with `, `).
 */
export async function* readFfomsDirectory(
  chunks: AsyncIterable<Uint8Array>,
  spec: DirectorySpec,
  onHeader: (header: NsiPublication) => void,
): AsyncGenerator<NsiRecord> {
  const recordElement = spec.recordElement ?? 'zap';
  const header: Record<string, string> = {};
  let headerSent = false;
  const sendHeader = () => {
    if (headerSent) return;
    headerSent = true;
    onHeader({ version: header.version ?? 'unknown', publishedAt: parseRuDate(header.date) });
  };
  yield* readXmlElements<NsiRecord>(
    openXmlText(chunks, { rules, defaultEncoding: 'windows-1251' }),
    (sink) => {
      let fields: Map<string, string[]> | undefined;
      return {
        open(name, attributes, depth) {
          if (depth === 0 && name === 'packet') {
            if (attributes.version) header.version = attributes.version;
            if (attributes.date) header.date = attributes.date;
          }
          if (name === recordElement && !fields) {
            sendHeader();
            fields = new Map();
          }
        },
        close(name, text) {
          if (fields) {
            if (name === recordElement) {
              sink.emit(toRecord(fields, spec));
              fields = undefined;
            } else {
              const value = text.trim();
              if (value !== '') fields.set(name, [...(fields.get(name) ?? []), value]);
            }
          } else if (
            (name === 'version' || name === 'date' || name === 'type') &&
            header[name] === undefined
          ) {
            header[name] = text.trim();
          }
        },
        end: sendHeader,
      };
    },
    { rules },
  );
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
