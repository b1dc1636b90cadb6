import { type FlkIssue, flkError } from '../../flk/issue';
import { type IsoDateProblem, isoDateProblem, isoDateRange } from '../iso-date';
import type { GroupNode, LeafType, TreeNode } from '../xml-tree-schema';
import { type PackageRules, packageRefusal } from './package-refusal';
import { readXmlElements, type XmlHandler, type XmlLimits, type XmlSink } from './xml-elements';

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

const digit = (d: number) => d >= 0 && d <= 9;

/** A plain `YYYY-MM-DD` of a day 1–28 in 1900–2999: valid without asking iso-date.ts (most dates are). */
function plainDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y0 = v.charCodeAt(0) - 48;
  const y1 = v.charCodeAt(1) - 48;
  const y2 = v.charCodeAt(2) - 48;
  const y3 = v.charCodeAt(3) - 48;
  const m0 = v.charCodeAt(5) - 48;
  const m1 = v.charCodeAt(6) - 48;
  const d0 = v.charCodeAt(8) - 48;
  const d1 = v.charCodeAt(9) - 48;
  if (
    !digit(y0) ||
    !digit(y1) ||
    !digit(y2) ||
    !digit(y3) ||
    !digit(m0) ||
    !digit(m1) ||
    !digit(d0) ||
    !digit(d1)
  ) {
    return false;
  }
  if (y0 < 1 || y0 > 2 || (y0 === 1 && y1 !== 9)) return false;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= 28;
}

/** Whether a value needs trimming (XML whitespace at either end). */
function padded(v: string): boolean {
  return v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32);
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

interface CompiledHeader {
  tag: string;
  required: boolean;
  c: Compiled;
}

/** The element handler of one document (xml-elements.ts calls `open`/`close` for every element). */
class TreeReader<R> implements XmlHandler {
  private readonly headerValues: Record<string, Record<string, unknown>> = {};
  /** Index of the next header allowed (headers before it were passed). */
  private nextHeader = 0;
  private recordTable: Compiled | undefined;
  private ordinal = 0;
  /** The open depth-1 element: a header's index, -1 for a record, undefined for none. */
  private current: number | undefined;
  private findings: TreeFinding[] = [];
  private complete = true;
  private readonly frames: Frame[] = [];
  private top = -1;
  private leaf: Child | null = null;
  private leafBroken = false;
  private skip = 0;

  constructor(
    private readonly sink: XmlSink<TreeItem<R>>,
    private readonly layout: TreeDocumentLayout,
    private readonly headers: readonly CompiledHeader[],
    private readonly keys: Readonly<Record<string, string>>,
    private readonly maxRecords: number,
    private readonly maxFindings: number,
  ) {}

  private refuse(code: string, message: string, field?: string) {
    const { rules } = this.layout;
    this.sink.fail(
      packageRefusal(
        code === '801' ? rules.format : code === '902' ? rules.header : rules.xml,
        code,
        message,
        field,
      ),
    );
  }

  private find(code: string, rule: string, basEl: string, field: string, message: string, value?: string) {
    if (this.findings.length >= this.maxFindings) return;
    const issue = flkError(rule, code, message, field, value) as TreeFinding;
    issue.basEl = basEl;
    let found: Record<string, string> | undefined;
    for (let i = 0; i <= this.top; i++) {
      const f = this.frames[i]!;
      if (f.key !== undefined) {
        found ??= {};
        found[f.c.tag] = f.key;
      }
    }
    if (found) issue.keys = found;
    this.findings.push(issue);
  }

  private push(c: Compiled) {
    this.top++;
    const frame = this.frames[this.top];
    if (!frame) {
      this.frames[this.top] = {
        c,
        value: {},
        at: -1,
        seen: new Uint8Array(Math.max(c.width, 8)),
        key: undefined,
      };
      return;
    }
    frame.c = c;
    frame.value = {};
    frame.at = -1;
    frame.key = undefined;
    if (frame.seen.length < c.width) frame.seen = new Uint8Array(c.width);
    else frame.seen.fill(0, 0, c.width);
  }

  /** Closes the top group: the required check and empty arrays; answers its value. */
  private pop(): Record<string, unknown> {
    const { c, value, seen } = this.frames[this.top]!;
    const required = c.required;
    for (let i = 0; i < required.length; i++) {
      const child = required[i]!;
      if (!seen[child.position]) {
        this.complete = false;
        this.find(
          '901',
          this.layout.recordRules.tag,
          c.tag,
          child.tag,
          `Отсутствует обязательный элемент ${child.tag} в ${c.tag}`,
        );
      } else if (value[child.tag] === undefined) this.complete = false;
    }
    const repeated = c.repeated;
    for (let i = 0; i < repeated.length; i++) {
      const tag = repeated[i]!.tag;
      if (value[tag] === undefined) value[tag] = [];
    }
    this.top--;
    return value;
  }

  private startGroup(c: Compiled) {
    this.findings = [];
    this.complete = true;
    this.leaf = null;
    this.push(c);
  }

  private setLeaf(child: Child, raw: string) {
    const frame = this.frames[this.top]!;
    const value = padded(raw) ? raw.trim() : raw;
    const rules = this.layout.recordRules;
    if (value === '') {
      if (child.required) {
        this.find(
          '902',
          rules.required,
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
    else if (!plainDate(value)) {
      const date = isoDateProblem(value);
      if (date) problem = dateMessages[date](child.tag);
    }
    if (problem !== null) {
      this.find('903', rules.type, frame.c.tag, child.tag, problem, value);
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
  }

  /** A depth-1 element: a header group or a record. */
  private openTop(name: string) {
    const { headers, layout } = this;
    if (name === layout.record) {
      for (let h = this.nextHeader; h < headers.length; h++) {
        if (headers[h]!.required)
          return this.refuse('902', `Отсутствует заголовок ${headers[h]!.tag}`, headers[h]!.tag);
      }
      this.nextHeader = headers.length;
      if (!this.recordTable) {
        const node =
          typeof layout.recordNode === 'function' ? layout.recordNode(this.headerValues) : layout.recordNode;
        this.recordTable = compile(layout.record, node, this.keys);
      }
      this.ordinal++;
      if (this.ordinal > this.maxRecords) {
        return this.refuse(
          '801',
          `Файл содержит более ${this.maxRecords} записей ${layout.record}`,
          layout.record,
        );
      }
      this.current = -1;
      this.startGroup(this.recordTable);
      return;
    }
    const h = headers.findIndex((x) => x.tag === name);
    if (h < 0) return this.refuse('901', `Неизвестный элемент ${name} в ${layout.root}`, name);
    if (h < this.nextHeader) {
      return this.refuse(
        '901',
        this.ordinal > 0
          ? `Заголовок ${name} должен предшествовать записям ${layout.record}`
          : `Элемент ${name} указан более одного раза или не на своём месте`,
        name,
      );
    }
    for (let m = this.nextHeader; m < h; m++) {
      if (headers[m]!.required)
        return this.refuse('902', `Отсутствует заголовок ${headers[m]!.tag}`, headers[m]!.tag);
    }
    this.nextHeader = h + 1;
    this.current = h;
    this.startGroup(headers[h]!.c);
  }

  open(name: string, _attributes: Readonly<Record<string, string>>, depth: number) {
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    if (depth === 0) {
      if (name !== this.layout.root)
        this.refuse('901', `Корневой элемент должен быть ${this.layout.root}`, name);
      return;
    }
    if (depth === 1) return this.openTop(name);
    if (this.current === undefined) return;
    const frame = this.frames[this.top]!;
    const tagRule = this.layout.recordRules.tag;
    const leaf = this.leaf;
    if (leaf) {
      // An element inside a value: the value is dropped.
      this.find(
        '901',
        tagRule,
        frame.c.tag,
        leaf.tag,
        `Элемент ${leaf.tag} не может содержать вложенных элементов (${name})`,
      );
      this.leafBroken = true;
      this.skip = 1;
      return;
    }
    const child = frame.c.children.get(name);
    if (child === undefined) {
      this.find('901', tagRule, frame.c.tag, name, `Неизвестный элемент ${name} в ${frame.c.tag}`);
      this.skip = 1;
      return;
    }
    const position = child.position;
    if (frame.seen[position] && !child.repeat) {
      this.find(
        '901',
        tagRule,
        frame.c.tag,
        name,
        `Элемент ${name} в ${frame.c.tag} указан более одного раза`,
      );
      this.skip = 1;
      return;
    }
    if (position < frame.at) {
      this.find(
        '901',
        tagRule,
        frame.c.tag,
        name,
        `Элемент ${name} в ${frame.c.tag} указан не на своём месте (нарушен порядок элементов)`,
      );
    } else frame.at = position;
    frame.seen[position] = 1;
    if (child.group !== null) this.push(child.group);
    else {
      this.leaf = child;
      this.leafBroken = false;
    }
  }

  close(name: string, text: string, depth: number) {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    if (depth === 0 || this.current === undefined) return;
    const leaf = this.leaf;
    if (leaf !== null) {
      if (!this.leafBroken) this.setLeaf(leaf, text);
      else if (leaf.required) this.complete = false;
      this.leaf = null;
      return;
    }
    const value = this.pop();
    if (depth === 1) {
      if (this.current === -1) {
        this.sink.emit({
          kind: 'record',
          ordinal: this.ordinal,
          value: value as R,
          findings: this.findings,
          complete: this.complete,
        });
      } else {
        this.headerValues[name] = value;
        this.sink.emit({
          kind: 'header',
          tag: name,
          value,
          findings: this.findings,
          complete: this.complete,
        });
      }
      this.current = undefined;
      return;
    }
    const parent = this.frames[this.top]!;
    const child = parent.c.children.get(name)!;
    if (child.repeat) {
      const list = parent.value[name] as unknown[] | undefined;
      if (list) list.push(value);
      else parent.value[name] = [value];
    } else if (parent.value[name] === undefined) parent.value[name] = value;
  }

  end() {
    const { headers } = this;
    for (let h = this.nextHeader; h < headers.length; h++) {
      if (headers[h]!.required)
        return this.refuse('902', `Отсутствует заголовок ${headers[h]!.tag}`, headers[h]!.tag);
    }
  }
}

export function readTreeDocument<R = Record<string, unknown>>(
  text: AsyncIterable<string>,
  layout: TreeDocumentLayout,
): AsyncGenerator<TreeItem<R>> {
  const keys = layout.keys ?? {};
  const headers = layout.headers.map((h) => ({
    tag: h.tag,
    required: h.required ?? true,
    c: compile(h.tag, h.node, keys),
  }));
  return readXmlElements<TreeItem<R>>(
    text,
    (sink) =>
      new TreeReader<R>(
        sink,
        layout,
        headers,
        keys,
        layout.maxRecords ?? treeReadLimits.maxRecords,
        layout.maxFindingsPerRecord ?? treeReadLimits.maxFindingsPerRecord,
      ),
    { rules: layout.rules, ...(layout.limits ? { limits: layout.limits } : {}) },
  );
}
