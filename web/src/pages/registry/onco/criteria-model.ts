import type { OncoConditionKind, OncoCriteriaInput, OncoNodeInput } from '../../../api/onco';

/**
 * The list builder's editing model: the criteria tree (docs/design/onco-register.md) with a key on every node
 * for React, and the values of a condition as the form holds them (codes as text, numbers parsed on the way out).
 * Pure: the builder's components edit it, `toCriteria` gives what the API takes.
 */

export interface EditCondition {
  key: string;
  kind: OncoConditionKind;
  /** The condition's fields as the API names them; lists of codes as text. */
  values: Record<string, unknown>;
}

export interface EditGroup {
  key: string;
  kind: 'group';
  op: 'and' | 'or';
  sameCase: boolean;
  conditions: EditNode[];
}

export type EditNode = EditCondition | EditGroup;

let counter = 0;
export const newKey = () => `n${++counter}`;

export interface ConditionSpec {
  kind: OncoConditionKind;
  title: string;
  /** One line under the title in the builder. */
  hint?: string;
  /** Judged on the person's register row, not on a case: «в одном случае» does not apply. */
  person?: boolean;
  initial: () => Record<string, unknown>;
}

/** The kinds of conditions the builder offers, in the order of its menu. */
export const conditionSpecs: readonly ConditionSpec[] = [
  {
    kind: 'diagnosis',
    title: 'Диагноз (диапазон МКБ-10)',
    hint: 'Например, C50 — C50 или C00 — C97',
    initial: () => ({ from: '', to: '', of: 'case' }),
  },
  { kind: 'stage', title: 'Стадия', initial: () => ({ codes: [] }) },
  { kind: 'tnm', title: 'Стадия по TNM', initial: () => ({ t: [], n: [], m: [] }) },
  { kind: 'metastases', title: 'Отдалённые метастазы', initial: () => ({}) },
  { kind: 'firstDetected', title: 'Заболевание выявлено впервые', initial: () => ({}) },
  { kind: 'suspicion', title: 'Подозрение на ЗНО', initial: () => ({}) },
  {
    kind: 'suspicionWithoutDiagnosis',
    title: 'Подозрение без подтверждения диагноза',
    hint: 'Диагноз ЗНО не установлен в течение указанного числа календарных дней после подозрения',
    person: true,
    initial: () => ({ days: '10' }),
  },
  {
    kind: 'diagnosisWithoutTreatment',
    title: 'Диагноз без начала лечения',
    hint: 'Лечение не начато в течение указанного числа календарных дней после диагноза',
    person: true,
    initial: () => ({ days: '14' }),
  },
  { kind: 'period', title: 'Период лечения', initial: () => ({ from: '', to: '' }) },
  { kind: 'mo', title: 'МО', initial: () => ({ codes: [] }) },
  { kind: 'smo', title: 'СМО', initial: () => ({ codes: [] }) },
  { kind: 'profile', title: 'Профиль помощи', initial: () => ({ codes: [] }) },
  { kind: 'reason', title: 'Повод обращения', initial: () => ({ codes: [] }) },
  {
    kind: 'serviceType',
    title: 'Вид лечения',
    hint: 'Тип услуги и, при необходимости, её уточнение — в одной услуге',
    initial: () => ({ types: [], surgery: [], line: [], cycle: [], radiation: [] }),
  },
  { kind: 'drug', title: 'Препарат или схема лечения', initial: () => ({ regnums: [], schemes: [] }) },
  {
    kind: 'refusal',
    title: 'Отказ или противопоказание',
    hint: 'Без выбранных видов — любой отказ или противопоказание',
    initial: () => ({ codes: [] }),
  },
  {
    kind: 'consilium',
    title: 'Консилиум',
    hint: 'Без выбранных целей — любой проведённый консилиум',
    initial: () => ({ purposes: [] }),
  },
  { kind: 'noConsilium', title: 'ЗНО без консилиума', initial: () => ({}) },
  {
    kind: 'histology',
    title: 'Гистология или маркёры',
    initial: () => ({ type: '', codes: [], results: [], withResult: '' }),
  },
  {
    kind: 'referral',
    title: 'Направление при подозрении на ЗНО',
    hint: 'Без выбранных видов и методов — любое направление',
    initial: () => ({ kinds: [], methods: [] }),
  },
];

export const conditionTitles = Object.fromEntries(conditionSpecs.map((s) => [s.kind, s.title])) as Record<
  OncoConditionKind,
  string
>;

export function specOf(kind: OncoConditionKind): ConditionSpec {
  return conditionSpecs.find((s) => s.kind === kind) ?? conditionSpecs[0]!;
}

export function newCondition(kind: OncoConditionKind): EditCondition {
  return { key: newKey(), kind, values: specOf(kind).initial() };
}

export function newGroup(op: 'and' | 'or' = 'and'): EditGroup {
  return { key: newKey(), kind: 'group', op, sameCase: false, conditions: [] };
}

export const emptyCriteria = (): EditGroup => newGroup('and');

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter((s) => s !== '') : []);
const numbers = (v: unknown): number[] => texts(v).map(Number);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Codes lists that the API takes as numbers (directory ids), by condition kind and field. */
const numericFields: Partial<Record<OncoConditionKind, readonly string[]>> = {
  stage: ['codes'],
  tnm: ['t', 'n', 'm'],
  profile: ['codes'],
  reason: ['codes'],
  serviceType: ['types', 'surgery', 'line', 'cycle', 'radiation'],
  refusal: ['codes'],
  consilium: ['purposes'],
  histology: ['codes', 'results'],
  referral: ['kinds', 'methods'],
};

/** A condition as the API takes it: empty optional lists left out, numbers as numbers. */
export function conditionInput(c: EditCondition): OncoNodeInput {
  const v = c.values;
  const out: Record<string, unknown> = { kind: c.kind };
  const numeric = numericFields[c.kind] ?? [];
  switch (c.kind) {
    case 'diagnosis':
      out.from = text(v.from);
      out.to = text(v.to) || text(v.from);
      out.of = v.of ?? 'case';
      break;
    case 'suspicionWithoutDiagnosis':
    case 'diagnosisWithoutTreatment':
      out.days = Number(text(v.days));
      break;
    case 'period':
      if (text(v.from)) out.from = text(v.from);
      if (text(v.to)) out.to = text(v.to);
      break;
    case 'histology':
      if (v.type === '1' || v.type === '2') out.type = Number(v.type);
      if (v.withResult === 'true' || v.withResult === 'false') out.withResult = v.withResult === 'true';
      for (const f of ['codes', 'results']) if (numbers(v[f]).length > 0) out[f] = numbers(v[f]);
      break;
    default:
      for (const [field, value] of Object.entries(v)) {
        if (!Array.isArray(value)) continue;
        const list = numeric.includes(field) ? numbers(value) : texts(value);
        if (list.length > 0) out[field] = list;
      }
  }
  return out as OncoNodeInput;
}

/** The tree as the API takes it (keys dropped). */
export function toCriteria(group: EditGroup): OncoCriteriaInput {
  return {
    kind: 'group',
    op: group.op,
    sameCase: group.sameCase,
    conditions: group.conditions.map((n) => (n.kind === 'group' ? toCriteria(n) : conditionInput(n))),
  };
}

/** A tree from the API (a saved list, a link) as the builder edits it; anything unknown is dropped. */
export function fromCriteria(input: unknown): EditGroup {
  const group = emptyCriteria();
  if (!input || typeof input !== 'object') return group;
  const g = input as Record<string, unknown>;
  group.op = g.op === 'or' ? 'or' : 'and';
  group.sameCase = g.sameCase === true;
  const children = Array.isArray(g.conditions) ? g.conditions : [];
  for (const child of children) {
    if (!child || typeof child !== 'object') continue;
    const node = child as Record<string, unknown>;
    if (node.kind === 'group') {
      group.conditions.push(fromCriteria(node));
      continue;
    }
    const spec = conditionSpecs.find((s) => s.kind === node.kind);
    if (!spec) continue;
    const values = spec.initial();
    for (const [field, initial] of Object.entries(values)) {
      const value = node[field];
      if (value === undefined) continue;
      if (Array.isArray(initial)) values[field] = texts(value);
      else values[field] = typeof value === 'boolean' || typeof value === 'number' ? String(value) : value;
    }
    group.conditions.push({ key: newKey(), kind: spec.kind, values });
  }
  return group;
}

const mkbShape = /^[A-ZА-Я]\d{2}(\.\d{1,2})?$/i;
const dayShape = /^\d{4}-\d{2}-\d{2}$/;

/** What is missing or wrong in a condition, in Russian; null when it can be sent. */
export function conditionProblem(c: EditCondition): string | null {
  const v = c.values;
  const any = (...fields: string[]) => fields.some((f) => texts(v[f]).length > 0);
  switch (c.kind) {
    case 'diagnosis': {
      const from = text(v.from);
      const to = text(v.to) || from;
      if (!from) return 'Укажите код МКБ-10 начала диапазона.';
      if (!mkbShape.test(from) || !mkbShape.test(to))
        return 'Код МКБ-10 — буква и две цифры, например C50 или C50.1.';
      return null;
    }
    case 'stage':
    case 'mo':
    case 'smo':
    case 'profile':
    case 'reason':
      return any('codes') ? null : 'Выберите хотя бы одно значение.';
    case 'tnm':
      return any('t', 'n', 'm') ? null : 'Выберите хотя бы одну категорию: T, N или M.';
    case 'serviceType':
      return any('types', 'surgery', 'line', 'cycle', 'radiation')
        ? null
        : 'Выберите тип услуги или её уточнение.';
    case 'drug':
      return any('regnums', 'schemes') ? null : 'Выберите препарат или схему.';
    case 'suspicionWithoutDiagnosis':
    case 'diagnosisWithoutTreatment': {
      const days = Number(text(v.days));
      return text(v.days) !== '' && Number.isInteger(days) && days >= 0 && days <= 3650
        ? null
        : 'Укажите число дней от 0 до 3650.';
    }
    case 'period': {
      const from = text(v.from);
      const to = text(v.to);
      if (!from && !to) return 'Укажите начало или конец периода.';
      if ((from && !dayShape.test(from)) || (to && !dayShape.test(to))) return 'Дата — в виде ДД.ММ.ГГГГ.';
      if (from && to && from > to) return 'Начало периода не может быть позже конца.';
      return null;
    }
    default:
      return null;
  }
}

/** Every problem of the tree, by node key. */
export function treeProblems(group: EditGroup, out = new Map<string, string>()): Map<string, string> {
  for (const node of group.conditions) {
    if (node.kind === 'group') {
      treeProblems(node, out);
      if (node.conditions.length === 0)
        out.set(node.key, 'Добавьте в группу хотя бы одно условие или удалите её.');
    } else {
      const problem = conditionProblem(node);
      if (problem) out.set(node.key, problem);
    }
  }
  return out;
}

/** How many conditions a tree holds. */
export function conditionCount(group: EditGroup): number {
  return group.conditions.reduce((n, c) => n + (c.kind === 'group' ? conditionCount(c) : 1), 0);
}

/** The depth of nested groups (the root is 1). */
export function groupDepth(group: EditGroup): number {
  return 1 + Math.max(0, ...group.conditions.map((c) => (c.kind === 'group' ? groupDepth(c) : 0)));
}

/** Replaces the node with `key` anywhere in the tree (or removes it when `next` is null). */
export function replaceNode(group: EditGroup, key: string, next: EditNode | null): EditGroup {
  const conditions: EditNode[] = [];
  for (const node of group.conditions) {
    if (node.key === key) {
      if (next) conditions.push(next);
      continue;
    }
    conditions.push(node.kind === 'group' ? replaceNode(node, key, next) : node);
  }
  return { ...group, conditions };
}
