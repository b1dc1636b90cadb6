import type { GroupNode, TreeNode } from './xml-tree-schema';

/**
 * Writes records of a tag table (xml-tree-schema.ts) as XML elements, children in the table's order — the order
 * readers check — so that what is written reads back as the same record. Absent values (undefined) are left
 * out, arrays are written element by element, an empty string is written as an empty element (for tests of
 * the 902 path). Keys the table does not know are ignored. Text is escaped (`& < >` and CR); values are
 * written as given (the reader trims them).
 */

interface Plan {
  tag: string;
  open: string;
  close: string;
  group: readonly Plan[] | null;
}

const plans = new WeakMap<GroupNode, readonly Plan[]>();

function planOf(node: GroupNode): readonly Plan[] {
  let plan = plans.get(node);
  if (!plan) {
    plan = (Object.entries(node.children) as [string, TreeNode][]).map(([tag, child]) => ({
      tag,
      open: `<${tag}>`,
      close: `</${tag}>`,
      group: child.node === 'group' ? planOf(child) : null,
    }));
    plans.set(node, plan);
  }
  return plan;
}

const special = /[&<>\r]/;

export function escapeXmlText(value: string): string {
  if (!special.test(value)) return value;
  return value.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;',
  );
}

function writeChildren(plan: readonly Plan[], value: Record<string, unknown>, indent: string | null): string {
  let out = '';
  const inner = indent === null ? null : `${indent}  `;
  for (const p of plan) {
    const v = value[p.tag];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) out += one(p, item, indent, inner);
    } else out += one(p, v, indent, inner);
  }
  return out;
}

function one(p: Plan, v: unknown, indent: string | null, inner: string | null): string {
  const lead = indent === null ? '' : `\n${indent}`;
  if (p.group) {
    const body = writeChildren(p.group, v as Record<string, unknown>, inner);
    return `${lead}${p.open}${body}${indent === null ? '' : `\n${indent}`}${p.close}`;
  }
  return `${lead}${p.open}${escapeXmlText(String(v))}${p.close}`;
}

/**
 * One element `<tag>…</tag>` holding `value` by the table `node`. `indent`: the element's own indentation when
 * the output is to be pretty-printed (children two spaces deeper), undefined for one compact line.
 */
export function treeElementXml(
  tag: string,
  node: GroupNode,
  value: Record<string, unknown>,
  indent?: string,
): string {
  const own = indent ?? null;
  const body = writeChildren(planOf(node), value, own === null ? null : `${own}  `);
  return own === null ? `<${tag}>${body}</${tag}>` : `${own}<${tag}>${body}\n${own}</${tag}>`;
}

/**
 * Completes `value` in place to the shape readers give: an empty array for every repeated child it lacks, at
 * every level. Writers do not need it (absent and empty are written alike); records built by hand do, to have
 * the inferred type and to compare equal with what is read back.
 */
export function withEmptyLists<T>(node: GroupNode, value: Record<string, unknown>): T {
  for (const [tag, child] of Object.entries(node.children) as [string, TreeNode][]) {
    const v = value[tag];
    const repeated = child.occurs === 'many' || child.occurs === 'some';
    if (v === undefined) {
      if (repeated) value[tag] = [];
      continue;
    }
    if (child.node !== 'group') continue;
    if (Array.isArray(v)) for (const item of v) withEmptyLists(child, item as Record<string, unknown>);
    else withEmptyLists(child, v as Record<string, unknown>);
  }
  return value as T;
}
