import * as z from 'zod';
import { boundedInt, isoDate, pageNumber, pageSize, queryInt } from '../../platform/flk/edge-types';
import { allOf, mkbCode, OncoCriteria, type OncoGroup, type OncoNode } from './onco-criteria';

/**
 * The simple query parameters of `GET /api/v1/onco/persons` (the common criteria) and `criteria=<json>` (the whole
 * tree): the parameters are combined with AND, each at the person level (or in one case with `sameCase=true`),
 * and AND-ed with the tree. Pure: the handler parses the query with `OncoListQuery` and builds the criteria with
 * `criteriaFromParams`.
 */

const blank = (v: unknown) => v === '' || v === undefined;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (blank(v) ? undefined : v), schema.optional());

/** `1,2,3` → [1, 2, 3] (each a code from 0 to `max`). */
const codeList = (max: number) =>
  optional(
    z.preprocess(
      (v) => (typeof v === 'string' ? v.split(',').map((p) => p.trim()) : v),
      z.array(queryInt(0, max)).max(100, 'Не более 100 кодов'),
    ),
  );

/** `a,b` → ['a', 'b'] (each matching `shape`). */
const textList = (shape: RegExp, message: string) =>
  optional(
    z.preprocess(
      (v) => (typeof v === 'string' ? v.split(',').map((p) => p.trim()) : v),
      z.array(z.string().regex(shape, message)).max(100, 'Не более 100 значений'),
    ),
  );

const flag = optional(
  z.enum(['true', 'false'], { error: 'Ожидается true или false' }).transform((v) => v === 'true'),
);

/** `criteria=<json>`: the whole tree (OncoCriteria) as JSON text. */
const criteriaJson = optional(
  z
    .string()
    .max(20_000, 'Условия отбора слишком длинные')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Условия отбора (criteria) — некорректный JSON' });
        return z.NEVER;
      }
    })
    .pipe(OncoCriteria),
);

export const oncoListSorts = ['-lastDate', 'lastDate'] as const;
export type OncoListSort = (typeof oncoListSorts)[number];

/** The list's order and page. */
export const oncoPageParams = {
  page: pageNumber(),
  pageSize: pageSize(200, 25),
  sort: z.enum(oncoListSorts, { error: 'Порядок: -lastDate или lastDate' }).default('-lastDate'),
};

export const OncoListQuery = z.object({
  diagnosisFrom: optional(mkbCode),
  diagnosisTo: optional(mkbCode),
  stage: codeList(9999),
  moCode: textList(/^\d{6}$/, 'Код МО — шесть цифр (F003)'),
  smoCode: textList(/^\d{5}$/, 'Код СМО — пять цифр (F002)'),
  dateFrom: optional(isoDate),
  dateTo: optional(isoDate),
  profile: codeList(999),
  serviceType: codeList(9),
  regnum: textList(/^\d{6}$/, 'Препарат (REGNUM) — шесть цифр (N020)'),
  scheme: textList(/^[A-Za-z0-9._-]{1,10}$/, 'Схема (CODE_SH) — до 10 латинских букв и цифр (V024)'),
  reason: codeList(99),
  refusal: optional(
    z.union([z.literal('any'), codeList(9)], { error: 'Отказы: any или коды N001 через запятую' }),
  ),
  consilium: codeList(9),
  noConsilium: flag,
  firstDetected: flag,
  suspicion: flag,
  metastases: flag,
  suspicionWithoutDiagnosisDays: optional(queryInt(0, 3650)),
  diagnosisWithoutTreatmentDays: optional(queryInt(0, 3650)),
  /** The simple parameters' case conditions in one case (a `sameCase` group). */
  sameCase: flag,
  criteria: criteriaJson,
  ...oncoPageParams,
});
export type OncoListQuery = z.infer<typeof OncoListQuery>;

/** Two МКБ-10 codes as a range, the lower first (codes are text: no Math.min). */
function ordered(a: string, b: string): { from: string; to: string } {
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

/** The criteria the parameters name: the simple ones AND-ed (in one case with `sameCase`), and the tree. */
export function criteriaFromParams(q: OncoListQuery): OncoGroup {
  const from = q.diagnosisFrom ?? q.diagnosisTo;
  const to = q.diagnosisTo ?? q.diagnosisFrom;
  const simple: (OncoNode | false | undefined)[] = [
    from !== undefined && to !== undefined
      ? { kind: 'diagnosis', ...ordered(from, to), of: 'case' }
      : undefined,
    q.stage && { kind: 'stage', codes: q.stage },
    q.moCode && { kind: 'mo', codes: q.moCode },
    q.smoCode && { kind: 'smo', codes: q.smoCode },
    q.dateFrom !== undefined || q.dateTo !== undefined
      ? {
          kind: 'period',
          ...(q.dateFrom !== undefined ? { from: q.dateFrom } : {}),
          ...(q.dateTo !== undefined ? { to: q.dateTo } : {}),
        }
      : undefined,
    q.profile && { kind: 'profile', codes: q.profile },
    q.serviceType && { kind: 'serviceType', types: q.serviceType },
    q.regnum || q.scheme
      ? {
          kind: 'drug',
          ...(q.regnum ? { regnums: q.regnum } : {}),
          ...(q.scheme ? { schemes: q.scheme } : {}),
        }
      : undefined,
    q.reason && { kind: 'reason', codes: q.reason },
    q.refusal === 'any' ? { kind: 'refusal' } : q.refusal ? { kind: 'refusal', codes: q.refusal } : undefined,
    q.consilium && { kind: 'consilium', purposes: q.consilium },
    q.noConsilium ? { kind: 'noConsilium' } : undefined,
    q.firstDetected ? { kind: 'firstDetected' } : undefined,
    q.suspicion ? { kind: 'suspicion' } : undefined,
    q.metastases ? { kind: 'metastases' } : undefined,
  ];
  const person: (OncoNode | undefined)[] = [
    q.suspicionWithoutDiagnosisDays !== undefined
      ? { kind: 'suspicionWithoutDiagnosis', days: q.suspicionWithoutDiagnosisDays }
      : undefined,
    q.diagnosisWithoutTreatmentDays !== undefined
      ? { kind: 'diagnosisWithoutTreatment', days: q.diagnosisWithoutTreatmentDays }
      : undefined,
  ];
  const cases = simple.filter((c): c is OncoNode => Boolean(c));
  const caseGroup: OncoNode | undefined =
    q.sameCase && cases.length > 1
      ? { kind: 'group', op: 'and', sameCase: true, conditions: cases }
      : undefined;
  const parts = [...(caseGroup ? [caseGroup] : cases), ...person, q.criteria];
  // One tree given alone stays as it is (its own op and sameCase).
  const present = parts.filter((p): p is OncoNode => p !== undefined);
  if (present.length === 1 && present[0]!.kind === 'group') return present[0] as OncoGroup;
  return allOf(...present);
}

/** The body of `POST /api/v1/onco/persons/search`: the tree and the page. */
export const OncoSearchBody = z.object({
  criteria: OncoCriteria,
  page: boundedInt(1, 100_000).default(1),
  pageSize: boundedInt(1, 200).default(25),
  sort: oncoPageParams.sort,
});
export type OncoSearchBody = z.infer<typeof OncoSearchBody>;

/** The body of `POST /api/v1/onco/lists`: saved criteria under a name, shared with the organisation or not. */
export const OncoListBody = z.object({
  name: z
    .string({ error: 'Название списка — строка' })
    .trim()
    .min(1, 'Укажите название списка')
    .max(200, 'Название списка — не длиннее 200 символов'),
  criteria: OncoCriteria,
  shared: z.boolean({ error: 'Признак «доступен организации»: true или false' }).default(false),
});
export type OncoListBody = z.infer<typeof OncoListBody>;

/** The body of `POST /api/v1/onco/persons/export`: the criteria, or a saved list by its id. */
export const OncoExportBody = z
  .object({
    criteria: OncoCriteria.optional(),
    listId: z
      .string()
      .regex(/^\d{1,18}$/, 'Номер сохранённого списка — число')
      .optional(),
    sort: oncoPageParams.sort,
  })
  .refine((b) => (b.criteria === undefined) !== (b.listId === undefined), {
    message: 'Укажите либо условия отбора (criteria), либо сохранённый список (listId)',
    path: ['criteria'],
  });
export type OncoExportBody = z.infer<typeof OncoExportBody>;
