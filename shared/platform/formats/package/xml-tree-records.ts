import { type FlkIssue, flkError } from '../../flk/issue';
import { type IsoDateProblem, isoDateProblem, isoDateRange } from '../iso-date';
import type { GroupNode, LeafType, TreeNode } from '../xml-tree-schema';
import { type PackageRules, packageRefusal } from './package-refusal';
import { readXmlElements, type XmlLimits } from './xml-elements';

/**
 * Reads documents of nested records against tag tables (xml-tree-schema.ts): `ROOT{ HEADER groups…, RECORD* }`,
 * e.g. a registry-invoice `ZL_LIST{ ZGLV, SCHET, ZAP* }`. The header groups come out one by one as they close,
 * then every record in the shape its table infers, with its findings: F012 901 (an unknown element, one out of
 * order, a required one missing, one that may not repeat repeated, an element inside a value), 902 (a required
 * value empty) and 903 (a `T` value longer than its size, an `N` value that is no number or has too many digits
 * or decimals, a `D` value that is no real `YYYY-MM-DD` day). Each finding names its parent element (`basEl`)
 * and the tag (`field`), plus the key values of the groups it is in (`keys`, e.g. the `SL_ID` of its `SL`). A
 * record with findings still comes out — its broken values absent — so that the import can protocol it;
 * `complete` says whether every value its table requires is there (the inferred type holds).
 *
 * Streaming over saxes (xml-elements.ts: DOCTYPE, malformed XML, depth and text caps are refused there): memory
 * holds the open record only. Values are the text sent, trimmed; an empty optional element is an absent one;
 * repeated elements are arrays (empty when absent). The per-element work is a map look-up and, for values, a
 * check without regular expressions; nothing is allocated for a value but the value itself.
 *
 * The document's own structure (root, header order, a missing header, too many records) is a `Refusal`
 * (901/902, 801 for the record cap); what a header holds is the family's to judge (its findings come with it).
 */

export interface TreeFinding extends FlkIssue {
  /** The parent element of the tag (`BAS_EL`). */
  basEl: string;
  /** Key values of the enclosing groups that have a key leaf (`{ SL: '1', USL: '7' }`), when any are known. */
  keys?: Record<string, string>;
}

export interface TreeHeader {
  tag: string;
  node: GroupNode;
  /** Default true: the document is refused without it. */
  required?: boolean;
}

/** Rule ids of a record's findings, by F012 code. */
export interface TreeRecordRules {
  /** 901: unknown, misplaced, missing or repeated element. */
  tag: string;
  /** 902: a required value empty. */
  required: string;
  /** 903: a value of the wrong type or size. */
  type: string;
}

export interface TreeDocumentLayout {
  root: string;
  /** The groups before the records, in their order. */
  headers: readonly TreeHeader[];
  record: string;
  /** The record's table, or a choice of it by the headers read (a format version switch). */
  recordNode: GroupNode | ((headers: Readonly<Record<string, Record<string, unknown>>>) => GroupNode);
  rules: PackageRules;
  recordRules: TreeRecordRules;
  /** Key leaf of a group by the group's tag (`{ SL: 'SL_ID', USL: 'IDSERV' }`): findings inside carry it. */
  keys?: Readonly<Record<string, string>>;
  /** Records accepted (default 1,000,000); more refuse the document (801). */
  maxRecords?: number;
  /** Findings kept per record (default 100). */
  maxFindingsPerRecord?: number;
  limits?: Partial<XmlLimits>;
}

export type TreeItem<R = Record<string, unknown>> =
  | {
      kind: 'header';
      tag: string;
      value: Record<string, unknown>;
      findings: TreeFinding[];
      complete: boolean;
    }
  | { kind: 'record'; ordinal: number; value: R; findings: TreeFinding[]; complete: boolean };

export const treeReadLimits = { maxRecords: 1_000_000, maxFindingsPerRecord: 100 } as const;

// ---------------------------------------------------------------------------------------------------------
// Tables compiled for reading

interface Child {
  tag: string;
  position: number;
  repeat: boolean;
  required: boolean;
  /** null for a group. */
  type: LeafType | null;
  size: number;
  scale: number;
  group: Compiled | null;
}

interface Compiled {
  tag: string;
  children: Map<string, Child>;
  required: readonly Child[];
  repeated: readonly Child[];
  /** The key leaf's tag, if the layout names one for this group. */
  key: string | undefined;
  width: number;
}

function compile(tag: string, node: GroupNode, keys: Readonly<Record<string, string>>): Compiled {
  const children = new Map<string, Child>();
  let position = 0;
  for (const [childTag, child] of Object.entries(node.children) as [string, TreeNode][]) {
    children.set(childTag, {
      tag: childTag,
      position: position++,
      repeat: child.occurs === 'many' || child.occurs === 'some',
      required: child.occurs === 'one' || child.occurs === 'some',
      type: child.node === 'leaf' ? child.type : null,
      size: child.node === 'leaf' ? child.size : 0,
      scale: child.node === 'leaf' ? child.scale : 0,
      group: child.node === 'group' ? compile(childTag, child, keys) : null,
    });
  }
  const all = [...children.values()];
  return {
    tag,
    children,
    required: all.filter((c) => c.required),
    repeated: all.filter((c) => c.repeat),
    key: keys[tag],
    width: all.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Value checks (Russian messages: they go to the sender's protocol)

const dateMessages: Record<IsoDateProblem, (tag: string) => string> = {
  format: (tag) => `Дата ${tag} должна быть в формате ГГГГ-ММ-ДД`,
  calendar: (tag) => `Дата ${tag} не существует в календаре`,
  range: (tag) => `Дата ${tag} вне допустимого диапазона (${isoDateRange.min} — ${isoDateRange.max})`,
};

/** Why `value` is not a number of the leaf's size, or null. Non-negative decimals with a point only. */
function numberProblem(child: Child, value: string): string | null {
  let whole = 0;
  let fraction = 0;
  let point = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (point) fraction++;
      else whole++;
    } else if (c === 46 && !point) point = true;
    else return numberShape(child);
  }
  if (whole === 0 || (point && fraction === 0)) return numberShape(child);
  if (fraction > child.scale) return numberShape(child);
  if (whole > child.size - child.scale) return numberShape(child);
  return null;
}

function numberShape(child: Child): string {
  const whole = child.size - child.scale;
  return child.scale === 0
    ? `${child.tag} должно быть целым числом не длиннее ${whole} цифр`
    : `${child.tag} должно быть числом не более чем с ${whole} цифрами до точки и ${child.scale} после`;
}

// ---------------------------------------------------------------------------------------------------------
// The reader

interface Frame {
  c: Compiled;
  value: Record<string, unknown>;
  /** The highest position seen (order check). */
  at: number;
  seen: Uint8Array;
  key: string | undefined;
}

export function readTreeDocument<R = Record<string, unknown>>(
  text: AsyncIterable<string>,
  layout: TreeDocumentLayout,
): AsyncGenerator<TreeItem<R>> {
  const { rules, root, record: recordTag, recordRules } = layout;
  const keys = layout.keys ?? {};
  const maxRecords = layout.maxRecords ?? treeReadLimits.maxRecords;
  const maxFindings = layout.maxFindingsPerRecord ?? treeReadLimits.maxFindingsPerRecord;
  const headers = layout.headers.map((h) => ({
    tag: h.tag,
    required: h.required ?? true,
    c: compile(h.tag, h.node, keys),
  }));
  const refuse = (code: string, message: string, field?: string) =>
    packageRefusal(
      code === '801' ? rules.format : code === '902' ? rules.header : rules.xml,
      code,
      message,
      field,
    );

  return readXmlElements<TreeItem<R>>(
    text,
    (sink) => {
      const headerValues: Record<string, Record<string, unknown>> = {};
      /** Index of the next header allowed (headers before it were passed). */
      let nextHeader = 0;
      let recordTable: Compiled | undefined;
      let ordinal = 0;
      /** What the open depth-1 element is: a header's index, -1 for a record, undefined for none. */
      let current: number | undefined;
      let findings: TreeFinding[] = [];
      let complete = true;
      const frames: Frame[] = [];
      let top = -1;
      let leaf: Child | null = null;
      let leafBroken = false;
      let skip = 0;

      const find = (
        code: string,
        rule: string,
        basEl: string,
        field: string,
        message: string,
        value?: string,
      ) => {
        if (findings.length >= maxFindings) return;
        const issue = flkError(rule, code, message, field, value) as TreeFinding;
        issue.basEl = basEl;
        let found: Record<string, string> | undefined;
        for (let i = 0; i <= top; i++) {
          const f = frames[i]!;
          if (f.key !== undefined) {
            found ??= {};
            found[f.c.tag] = f.key;
          }
        }
        if (found) issue.keys = found;
        findings.push(issue);
      };

      const push = (c: Compiled) => {
        top++;
        let frame = frames[top];
        if (!frame) {
          frame = { c, value: {}, at: -1, seen: new Uint8Array(Math.max(c.width, 8)), key: undefined };
          frames[top] = frame;
        } else {
          frame.c = c;
          frame.value = {};
          frame.at = -1;
          frame.key = undefined;
          if (frame.seen.length < c.width) frame.seen = new Uint8Array(c.width);
          else frame.seen.fill(0, 0, c.width);
        }
      };

      /** Closes the top group: the required check and empty arrays; answers its value. */
      const pop = (): Record<string, unknown> => {
        const frame = frames[top]!;
        const { c, value, seen } = frame;
        for (const child of c.required) {
          if (!seen[child.position]) {
            complete = false;
            find(
              '901',
              recordRules.tag,
              c.tag,
              child.tag,
              `Отсутствует обязательный элемент ${child.tag} в ${c.tag}`,
            );
          } else if (value[child.tag] === undefined) complete = false;
        }
        for (const child of c.repeated) if (value[child.tag] === undefined) value[child.tag] = [];
        top--;
        return value;
      };

      const startGroup = (c: Compiled) => {
        findings = [];
        complete = true;
        leaf = null;
        push(c);
      };

      const setLeaf = (child: Child, raw: string) => {
        const frame = frames[top]!;
        const value = raw.trim();
        if (value === '') {
          if (child.required) {
            find(
              '902',
              recordRules.required,
              frame.c.tag,
              child.tag,
              `Не заполнено обязательное поле ${child.tag}`,
            );
          }
          return;
        }
        let problem: string | null = null;
        if (child.type === 'T') {
          if (value.length > child.size) problem = `Значение ${child.tag} длиннее ${child.size} символов`;
        } else if (child.type === 'N') problem = numberProblem(child, value);
        else {
          const date = isoDateProblem(value);
          if (date) problem = dateMessages[date](child.tag);
        }
        if (problem) {
          find('903', recordRules.type, frame.c.tag, child.tag, problem, value);
          return;
        }
        if (child.repeat) {
          const list = frame.value[child.tag] as string[] | undefined;
          if (list) list.push(value);
          else frame.value[child.tag] = [value];
        } else {
          frame.value[child.tag] = value;
          if (child.tag === frame.c.key) frame.key = value;
        }
      };

      return {
        open(name, _attributes, depth) {
          if (skip > 0) {
            skip++;
            return;
          }
          if (depth === 0) {
            if (name !== root) sink.fail(refuse('901', `Корневой элемент должен быть ${root}`, name));
            return;
          }
          if (depth === 1) {
            if (name === recordTag) {
              for (let h = nextHeader; h < headers.length; h++) {
                if (headers[h]!.required) {
                  sink.fail(refuse('902', `Отсутствует заголовок ${headers[h]!.tag}`, headers[h]!.tag));
                  return;
                }
              }
              nextHeader = headers.length;
              if (!recordTable) {
                const node =
                  typeof layout.recordNode === 'function'
                    ? layout.recordNode(headerValues)
                    : layout.recordNode;
                recordTable = compile(recordTag, node, keys);
              }
              ordinal++;
              if (ordinal > maxRecords) {
                sink.fail(refuse('801', `Файл содержит более ${maxRecords} записей ${recordTag}`, recordTag));
                return;
              }
              current = -1;
              startGroup(recordTable);
              return;
            }
            const h = headers.findIndex((x) => x.tag === name);
            if (h < 0) {
              sink.fail(refuse('901', `Неизвестный элемент ${name} в ${root}`, name));
              return;
            }
            if (h < nextHeader) {
              sink.fail(
                refuse(
                  '901',
                  ordinal > 0
                    ? `Заголовок ${name} должен предшествовать записям ${recordTag}`
                    : `Элемент ${name} указан более одного раза или не на своём месте`,
                  name,
                ),
              );
              return;
            }
            for (let m = nextHeader; m < h; m++) {
              if (headers[m]!.required) {
                sink.fail(refuse('902', `Отсутствует заголовок ${headers[m]!.tag}`, headers[m]!.tag));
                return;
              }
            }
            nextHeader = h + 1;
            current = h;
            startGroup(headers[h]!.c);
            return;
          }
          if (current === undefined) return;
          const frame = frames[top]!;
          if (leaf) {
            // An element inside a value: the value is dropped.
            find(
              '901',
              recordRules.tag,
              frame.c.tag,
              leaf.tag,
              `Элемент ${leaf.tag} не может содержать вложенных элементов (${name})`,
            );
            leafBroken = true;
            skip = 1;
            return;
          }
          const child = frame.c.children.get(name);
          if (!child) {
            find('901', recordRules.tag, frame.c.tag, name, `Неизвестный элемент ${name} в ${frame.c.tag}`);
            skip = 1;
            return;
          }
          if (frame.seen[child.position] && !child.repeat) {
            find(
              '901',
              recordRules.tag,
              frame.c.tag,
              name,
              `Элемент ${name} в ${frame.c.tag} указан более одного раза`,
            );
            skip = 1;
            return;
          }
          if (child.position < frame.at) {
            find(
              '901',
              recordRules.tag,
              frame.c.tag,
              name,
              `Элемент ${name} в ${frame.c.tag} указан не на своём месте (нарушен порядок элементов)`,
            );
          } else frame.at = child.position;
          frame.seen[child.position] = 1;
          if (child.group) push(child.group);
          else {
            leaf = child;
            leafBroken = false;
          }
        },

        close(name, text, depth) {
          if (skip > 0) {
            skip--;
            return;
          }
          if (depth === 0 || current === undefined) return;
          if (leaf) {
            if (!leafBroken) setLeaf(leaf, text);
            else if (leaf.required) complete = false;
            leaf = null;
            return;
          }
          const value = pop();
          if (depth === 1) {
            if (current === -1) {
              sink.emit({ kind: 'record', ordinal, value: value as R, findings, complete });
            } else {
              headerValues[name] = value;
              sink.emit({ kind: 'header', tag: name, value, findings, complete });
            }
            current = undefined;
            return;
          }
          const parent = frames[top]!;
          const child = parent.c.children.get(name)!;
          if (child.repeat) {
            const list = parent.value[name] as unknown[] | undefined;
            if (list) list.push(value);
            else parent.value[name] = [value];
          } else if (parent.value[name] === undefined) parent.value[name] = value;
        },

        end() {
          for (let h = nextHeader; h < headers.length; h++) {
            if (headers[h]!.required) {
              sink.fail(refuse('902', `Отсутствует заголовок ${headers[h]!.tag}`, headers[h]!.tag));
              return;
            }
          }
        },
      };
    },
    { rules, ...(layout.limits ? { limits: layout.limits } : {}) },
  );
}
