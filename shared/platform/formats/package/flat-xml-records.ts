import { type FlkIssue, flkError } from '../../flk/issue';
import { type PackageRules, packageRefusal } from './package-refusal';
import { readXmlElements, type XmlLimits } from './xml-elements';

/**
 * The layout most exchange files share (ЕРЗ extracts, T-files …): a root holding one header of leaves
 * (`ZGLV`), then records (`PERS`, `ZAP` …) of leaves and repeated groups of leaves (`DOC`, `POLIS` …). This
 * reads it: the header is handed to the family (which checks it and says what its records hold), then every
 * record with its leaf values and its structure issues (F012 901: unknown, repeated or nested elements), in
 * file order. A record with issues still comes out — the family decides; a broken package is a `Refusal`.
 */

export type Fields = Record<string, string>;

export interface FlatRecordSchema {
  /** Leaf elements of a record. */
  leaves: ReadonlySet<string>;
  /** Repeated groups of leaves: their leaves and how many a record may hold. */
  groups: ReadonlyMap<string, { leaves: ReadonlySet<string>; max?: number }>;
}

export interface FlatXmlLayout<H> {
  root: string;
  header: string;
  headerLeaves: ReadonlySet<string>;
  record: string;
  maxRecords: number;
  rules: PackageRules;
  /** Rule id of a record's structure issues (901). */
  recordRule: string;
  /** Checks the header's leaves (throwing a `Refusal`) and says what the records hold. */
  readHeader(fields: Fields): { header: H; schema: FlatRecordSchema };
  limits?: Partial<XmlLimits>;
}

export interface FlatRecord {
  /** 1-based position in the file. */
  ordinal: number;
  fields: Fields;
  groups: Record<string, Fields[]>;
  issues: FlkIssue[];
}

export type FlatXmlItem<H> = { kind: 'header'; header: H } | ({ kind: 'record' } & FlatRecord);

/** Structure issues kept per record: a record made of thousands of unknown elements says enough with these. */
const maxRecordIssues = 100;

export function readFlatXml<H>(
  text: AsyncIterable<string>,
  layout: FlatXmlLayout<H>,
): AsyncGenerator<FlatXmlItem<H>> {
  const { rules, root, header: headerTag, record: recordTag } = layout;
  const refuse = (code: string, message: string, field?: string, value?: string) =>
    packageRefusal(
      code === '801' ? rules.format : code === '902' ? rules.header : rules.xml,
      code,
      message,
      field,
      value,
    );

  return readXmlElements<FlatXmlItem<H>>(
    text,
    (sink) => {
      let skip = 0;
      let header: Fields | undefined;
      let schema: FlatRecordSchema | undefined;
      let record: FlatRecord | undefined;
      let group: { name: string; fields: Fields; leaves: ReadonlySet<string> } | undefined;
      let ordinal = 0;

      const issue = (field: string, message: string) => {
        if (record && record.issues.length < maxRecordIssues) {
          record.issues.push(flkError(layout.recordRule, '901', message, field));
        }
      };
      /** `path` is only built for an issue (they are rare, leaves are not). */
      const setLeaf = (target: Fields, name: string, value: string, path: () => string) => {
        if (target[name] !== undefined) issue(path(), `Элемент ${name} указан более одного раза`);
        else target[name] = value.trim();
      };

      return {
        open(name, _attributes, depth, path) {
          if (skip > 0) {
            skip++;
            return;
          }
          if (depth === 0) {
            if (name !== root) sink.fail(refuse('901', `Корневой элемент должен быть ${root}`, name));
            return;
          }
          if (depth === 1) {
            if (name === headerTag) {
              if (header)
                sink.fail(refuse('901', `Заголовок ${headerTag} указан более одного раза`, headerTag));
              header = {};
            } else if (name === recordTag) {
              if (!schema) {
                sink.fail(
                  refuse(
                    '901',
                    `Заголовок ${headerTag} должен предшествовать записям ${recordTag}`,
                    headerTag,
                  ),
                );
              }
              ordinal++;
              if (ordinal > layout.maxRecords) {
                sink.fail(refuse('801', `Файл содержит более ${layout.maxRecords} записей ${recordTag}`));
              }
              record = { ordinal, fields: {}, groups: {}, issues: [] };
            } else sink.fail(refuse('901', `Неизвестный элемент ${name} в ${root}`, name));
            return;
          }
          if (path[1] === headerTag) {
            if (depth > 2 || !layout.headerLeaves.has(name)) {
              sink.fail(
                refuse('901', `Неизвестный элемент ${name} в заголовке ${headerTag}`, `${headerTag}.${name}`),
              );
            }
            return;
          }
          if (!record) return;
          if (depth === 2) {
            const spec = schema?.groups.get(name);
            if (spec) {
              if (spec.max !== undefined && (record.groups[name]?.length ?? 0) >= spec.max) {
                issue(name, `Элементов ${name} в записи не может быть больше ${spec.max}`);
                skip = 1;
              } else group = { name, fields: {}, leaves: spec.leaves };
            } else if (!schema?.leaves.has(name)) {
              issue(name, `Неизвестный элемент ${name} в ${recordTag}`);
              skip = 1;
            }
            return;
          }
          if (depth === 3 && group) {
            if (!group.leaves.has(name)) {
              issue(`${group.name}.${name}`, `Неизвестный элемент ${name} в ${group.name}`);
              skip = 1;
            }
            return;
          }
          // An element inside a value element.
          issue(path.slice(2).join('.'), `Элемент ${path[depth - 1]} не может содержать вложенных элементов`);
          skip = 1;
        },

        close(name, text, depth, path) {
          if (skip > 0) {
            skip--;
            return;
          }
          if (depth === 0) return;
          if (depth === 1) {
            if (name === headerTag && header && !schema) {
              const read = layout.readHeader(header);
              schema = read.schema;
              sink.emit({ kind: 'header', header: read.header });
            } else if (name === recordTag && record) {
              if (schema) sink.emit({ kind: 'record', ...record });
              record = undefined;
            }
            return;
          }
          if (path[1] === headerTag) {
            if (header && depth === 2) {
              if (header[name] !== undefined) {
                sink.fail(
                  refuse(
                    '901',
                    `Элемент ${name} указан в заголовке более одного раза`,
                    `${headerTag}.${name}`,
                  ),
                );
              } else header[name] = text.trim();
            }
            return;
          }
          if (!record) return;
          if (depth === 2) {
            if (group && name === group.name) {
              const list = record.groups[name];
              if (list) list.push(group.fields);
              else record.groups[name] = [group.fields];
              group = undefined;
            } else setLeaf(record.fields, name, text, () => name);
          } else if (depth === 3 && group) {
            const { name: groupName, fields } = group;
            const n = (record.groups[groupName]?.length ?? 0) + 1;
            setLeaf(fields, name, text, () => `${groupName}[${n}].${name}`);
          }
        },

        end() {
          if (!schema) sink.fail(refuse('902', `Отсутствует заголовок ${headerTag}`, headerTag));
        },
      };
    },
    { rules, ...(layout.limits ? { limits: layout.limits } : {}) },
  );
}
