import type { FlkIssue } from '../../platform/flk/issue';
import { packageRefusal, packageRules } from '../../platform/formats/package/package-refusal';
import { readXmlElements } from '../../platform/formats/package/xml-elements';
import { openXmlText } from '../../platform/formats/package/xml-package';

/**
 * One organisation of an FFOMS register publication: F003 `<packet><medCompany>…` (МО) or F002
 * `<packet><insCompany>…` (СМО). Leaf elements are collected by lower-cased name (every value, in document order,
 * whatever the nesting: `jurAddress/addr_j`, `insInclude/d_begin`…); every element that holds a `d_begin`
 * (an inclusion period, e.g. `insInclude`, or the record itself) gives one period. A leaf given twice in the
 * same element (two `mcod` in one `medCompany`, two `d_begin` in one `insInclude`) is named in `repeated`: the
 * import rejects the record when it reads that element.
 */
export interface DirectoryOrganisation {
  kind: 'MO' | 'SMO';
  /** 1-based position of the record in the file. */
  ordinal: number;
  fields: Record<string, string[]>;
  periods: { begin: string | null; end: string | null }[];
  /** Leaf elements (as the file spells them) given more than once in the same element, each named once. */
  repeated: string[];
}

export interface OrganisationDirectoryReadOptions {
  /** Receives warnings about the file as a whole (a windows-1251 declaration over UTF-8 bytes). */
  onIssue?: (issue: FlkIssue) => void;
}

const recordKinds: Record<string, 'MO' | 'SMO'> = { medcompany: 'MO', inscompany: 'SMO' };

const rules = packageRules('ORG');

interface Frame {
  hasChildren: boolean;
  leaves: Map<string, string>;
}

/**
 * Streams the records of an F003/F002 publication. The platform opens the file (plain XML or a ZIP holding
 * one, windows-1251 or UTF-8 as its declaration says, DOCTYPE refused) and parses it with saxes, so memory
 * holds one record at a time. Another root than `packet`, malformed XML, a damaged archive or a file without
 * organisations end the read with a `Refusal` (Russian message) — a damaged archive only at the end of the
 * stream, after its records: the caller applies the records in one transaction.
 */
export async function* readOrganisationDirectory(
  chunks: AsyncIterable<Uint8Array>,
  options: OrganisationDirectoryReadOptions = {},
): AsyncGenerator<DirectoryOrganisation> {
  let ordinal = 0;
  yield* readXmlElements<DirectoryOrganisation>(
    openXmlText(chunks, { rules, ...(options.onIssue ? { onIssue: options.onIssue } : {}) }),
    (sink) => {
      const stack: Frame[] = [];
      let current: DirectoryOrganisation | undefined;
      return {
        open(tagName, _attributes, depth) {
          const name = tagName.toLowerCase();
          if (depth === 0 && name !== 'packet') {
            sink.fail(
              packageRefusal(
                rules.xml,
                '901',
                `Корневой элемент файла — «${tagName}», ожидается «packet» (справочник F003 или F002)`,
              ),
            );
          }
          const parent = stack[stack.length - 1];
          if (parent) parent.hasChildren = true;
          stack.push({ hasChildren: false, leaves: new Map() });
          const kind = recordKinds[name];
          if (!current && depth === 1 && kind) {
            ordinal++;
            current = { kind, ordinal, fields: {}, periods: [], repeated: [] };
          }
        },
        close(tagName, text, depth) {
          const frame = stack.pop();
          if (!frame || !current) return;
          const name = tagName.toLowerCase();
          if (!frame.hasChildren) {
            const value = text.trim();
            const parent = stack[stack.length - 1];
            if (depth >= 2 && parent?.leaves.has(name)) {
              if (!current.repeated.some((r) => r.toLowerCase() === name)) current.repeated.push(tagName);
            } else parent?.leaves.set(name, value);
            if (value !== '') {
              const values = current.fields[name] ?? [];
              values.push(value);
              current.fields[name] = values;
            }
          } else if (frame.leaves.has('d_begin')) {
            current.periods.push({
              begin: frame.leaves.get('d_begin') || null,
              end: frame.leaves.get('d_end') || null,
            });
          }
          if (depth === 1) {
            sink.emit(current);
            current = undefined;
          }
        },
        end() {
          if (ordinal === 0) {
            sink.fail(
              packageRefusal(
                rules.xml,
                '901',
                'В файле нет записей medCompany (F003) или insCompany (F002): это не справочник организаций',
              ),
            );
          }
        },
      };
    },
    { rules },
  );
}
