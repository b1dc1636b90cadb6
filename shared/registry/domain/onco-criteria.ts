import * as z from 'zod';
import { boundedInt, isoDate } from '../../platform/flk/edge-types';

/**
 * The oncology list builder's criteria (docs/design/onco-register.md): a tree of conditions combined with AND
 * («и») / OR («или»), groups nested. Every condition is about a person of the register:
 *
 * - a **case condition** (diagnosis of a case, stage, TNM, service type, drug …) holds when the person has an
 *   onco case (СЛ with suspicion of ЗНО, a ЗНО diagnosis or an onco block) that satisfies it;
 * - a **person condition** (the first or latest ЗНО diagnosis, suspicion without a diagnosis within N days,
 *   diagnosis without treatment within N days) is a fact of the register row (registry.onco_person).
 *
 * A group with `sameCase: true` («в одном случае») asks for one case that satisfies all of its conditions (or one
 * of them, for OR) together: «C50 и препарат X в 2026 году в одном случае». Without it each case condition may be
 * met by a different case of the person. Groups inside a `sameCase` group are judged on that same case.
 *
 * Codes are the directories' own: МКБ-10, N002 stages (ID_St), N003–N005 TNM (ID_T/ID_N/ID_M), N013–N017
 * services, N020 drugs (ID_LEKP), V024 schemes, N001 refusals, N019 consilium purposes, N018 reasons for visit,
 * N007/N010 histology and markers, V028/V029 referrals, V002 profiles, F003 МО, F002 СМО. Pure: no I/O (the
 * compiler to SQL is db/onco-criteria-sql.ts).
 */

/** At most this many conditions in a tree, and this many levels of groups (the SQL stays small). */
export const criteriaLimits = { conditions: 50, depth: 4, codes: 100 } as const;

/** Latin letters for the Cyrillic ones that look alike («С50» typed on a Russian keyboard is C50). */
const lookalikes: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
};

/** An МКБ-10 code as typed: upper case, Latin letters, trimmed. */
export function normaliseMkb(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/[АВЕКМНОРСТХ]/g, (c) => lookalikes[c] ?? c);
}

const mkbShape = /^[A-Z]\d{2}(\.\d{1,2})?$/;

/** An МКБ-10 code: a letter, two digits, optionally a point and one or two digits (C50, C50.1, D05.10). */
export const mkbCode = z
  .string({ error: 'Код МКБ-10 — строка вида C50 или C50.1' })
  .overwrite(normaliseMkb)
  .regex(mkbShape, 'Код МКБ-10 — буква и две цифры, при необходимости точка и уточнение: C50 или C50.1');

const codes = (directory: string, max: number) =>
  z
    .array(boundedInt(0, max), { error: `Список кодов справочника ${directory}` })
    .min(1, `Укажите хотя бы один код справочника ${directory}`)
    .max(criteriaLimits.codes, `Не более ${criteriaLimits.codes} кодов справочника ${directory}`);

const optionalCodes = (directory: string, max: number) => codes(directory, max).optional();

const textCodes = (what: string, shape: RegExp, example: string) =>
  z
    .array(
      z
        .string({ error: `${what}: строка` })
        .trim()
        .regex(shape, `${what}: ${example}`),
      {
        error: `Список: ${what}`,
      },
    )
    .min(1, `Укажите хотя бы одно значение: ${what}`)
    .max(criteriaLimits.codes, `Не более ${criteriaLimits.codes} значений: ${what}`);

/** Days of a timeliness condition: 0 … 10 years. */
const days = boundedInt(0, 3650);

const kind = <K extends string>(k: K) => z.literal(k);

/** Diagnosis (DS1) within an МКБ-10 range, both ends included (C50 … C50 takes C50.0–C50.9). */
const diagnosis = z
  .object({
    kind: kind('diagnosis'),
    from: mkbCode,
    to: mkbCode,
    /** Whose diagnosis: any onco case's (`case`), the first ЗНО diagnosis (`first`) or the latest (`last`). */
    of: z.enum(['case', 'first', 'last'], { error: 'Укажите case, first или last' }).default('case'),
  })
  .refine((c) => c.from <= c.to, {
    message: 'Начало диапазона МКБ-10 не может быть больше конца',
    path: ['to'],
  });

/** Stage (STAD, N002 ID_St). */
const stage = z.object({ kind: kind('stage'), codes: codes('N002', 9999) });

/** TNM (ONK_T/ONK_N/ONK_M: N003/N004/N005); every category given must match. */
const tnm = z
  .object({
    kind: kind('tnm'),
    t: optionalCodes('N003', 9999),
    n: optionalCodes('N004', 9999),
    m: optionalCodes('N005', 9999),
  })
  .refine((c) => c.t || c.n || c.m, { message: 'Укажите хотя бы одну категорию: T, N или M', path: ['t'] });

/** Disease first detected in life (C_ZAB = 2, V027). */
const firstDetected = z.object({ kind: kind('firstDetected') });

/** Suspicion of ЗНО (DS_ONK = 1). */
const suspicion = z.object({ kind: kind('suspicion') });

/**
 * Suspicion (the first DS_ONK=1 case or its referral) not followed by a ЗНО diagnosis within `days` calendar
 * days: no diagnosis yet and the days have passed, or a diagnosis set later than that.
 */
const suspicionWithoutDiagnosis = z.object({ kind: kind('suspicionWithoutDiagnosis'), days });

/** A ЗНО diagnosis not followed by a treatment start (first ONK_USL 1–4) within `days` calendar days. */
const diagnosisWithoutTreatment = z.object({ kind: kind('diagnosisWithoutTreatment'), days });

/** A case (DATE_1–DATE_2 of the СЛ) that overlaps the period; either end may be open. */
const period = z
  .object({ kind: kind('period'), from: isoDate.optional(), to: isoDate.optional() })
  .refine((c) => c.from !== undefined || c.to !== undefined, {
    message: 'Укажите начало или конец периода',
    path: ['from'],
  })
  .refine((c) => c.from === undefined || c.to === undefined || c.from <= c.to, {
    message: 'Начало периода не может быть позже конца',
    path: ['to'],
  });

/** A case of one of these МО (F003, the sender of the case). */
const mo = z.object({ kind: kind('mo'), codes: textCodes('код МО', /^\d{6}$/, 'шесть цифр (F003)') });

/** A case paid by one of these СМО (F002, the case's SMO). */
const smo = z.object({ kind: kind('smo'), codes: textCodes('код СМО', /^\d{5}$/, 'пять цифр (F002)') });

/** A case of one of these profiles (PROFIL, V002; 60 «онкологии», 18 «детской онкологии»). */
const profile = z.object({ kind: kind('profile'), codes: codes('V002', 999) });

/**
 * An onco service (ONK_USL) of one of these types (USL_TIP, N013) and, when given, with this surgery (HIR_TIP,
 * N014), line (LEK_TIP_L, N015), cycle (LEK_TIP_V, N016) or radiation type (LUCH_TIP, N017) — all in one service.
 */
const serviceType = z
  .object({
    kind: kind('serviceType'),
    types: optionalCodes('N013', 9),
    surgery: optionalCodes('N014', 9),
    line: optionalCodes('N015', 9),
    cycle: optionalCodes('N016', 9),
    radiation: optionalCodes('N017', 9),
  })
  .refine((c) => c.types || c.surgery || c.line || c.cycle || c.radiation, {
    message: 'Укажите тип услуги или её уточнение',
    path: ['types'],
  });

/** A drug given (LEK_PR: REGNUM, N020) and/or a scheme (CODE_SH, V024) — both in one LEK_PR when both given. */
const drug = z
  .object({
    kind: kind('drug'),
    regnums: textCodes('препарат (REGNUM)', /^\d{6}$/, 'шесть цифр (N020)').optional(),
    schemes: textCodes(
      'схема (CODE_SH)',
      /^[A-Za-z0-9._-]{1,10}$/,
      'до 10 латинских букв и цифр (V024)',
    ).optional(),
  })
  .refine((c) => c.regnums || c.schemes, { message: 'Укажите препарат или схему', path: ['regnums'] });

/** A refusal or contraindication (B_PROT/PROT, N001); without codes, any. */
const refusal = z.object({ kind: kind('refusal'), codes: optionalCodes('N001', 9) });

/** A consilium (CONS/PR_CONS, N019) with one of these purposes; without codes, one that was held (1, 2, 3). */
const consilium = z.object({ kind: kind('consilium'), purposes: optionalCodes('N019', 9) });

/** A case with a ЗНО diagnosis and no consilium at all (no CONS) — «Мониторинг онкологии». */
const noConsilium = z.object({ kind: kind('noConsilium') });

/** Reason for the visit (ONK_SL/DS1_T, N018). */
const reason = z.object({ kind: kind('reason'), codes: codes('N018', 99) });

/**
 * A histology (DIAG_TIP 1: N007 codes, N008 results) or marker (DIAG_TIP 2: N010/N011) record in B_DIAG;
 * narrowed by type, codes, results, and whether a result was received (REC_RSLT = 1).
 */
const histology = z.object({
  kind: kind('histology'),
  type: z.union([z.literal(1), z.literal(2)], { error: 'Тип: 1 — гистология, 2 — маркёр' }).optional(),
  codes: optionalCodes('N007/N010', 999),
  results: optionalCodes('N008/N011', 999),
  withResult: z.boolean({ error: 'Признак получения результата: true или false' }).optional(),
});

/** Distant metastases (MTSTZ = 1). */
const metastases = z.object({ kind: kind('metastases') });

/** A referral at suspicion of ЗНО (NAPR) of these kinds (NAPR_V, V028) and methods (MET_ISSL, V029). */
const referral = z.object({
  kind: kind('referral'),
  kinds: optionalCodes('V028', 99),
  methods: optionalCodes('V029', 99),
});

const conditionSchemas = [
  diagnosis,
  stage,
  tnm,
  firstDetected,
  suspicion,
  suspicionWithoutDiagnosis,
  diagnosisWithoutTreatment,
  period,
  mo,
  smo,
  profile,
  serviceType,
  drug,
  refusal,
  consilium,
  noConsilium,
  reason,
  histology,
  metastases,
  referral,
] as const;

export type OncoCondition = z.infer<(typeof conditionSchemas)[number]>;
export type OncoConditionKind = OncoCondition['kind'];

/** A group of conditions: all (`and`) or any (`or`) of them; `sameCase` — in one case (see the header). */
export interface OncoGroup {
  kind: 'group';
  op: 'and' | 'or';
  sameCase: boolean;
  conditions: OncoNode[];
}
export type OncoNode = OncoCondition | OncoGroup;

/** What a client sends for a group (`sameCase` may be left out). */
export interface OncoGroupInput {
  kind: 'group';
  op: 'and' | 'or';
  sameCase?: boolean;
  conditions: OncoNodeInput[];
}
export type OncoNodeInput = z.input<(typeof conditionSchemas)[number]> | OncoGroupInput;

const group: z.ZodType<OncoGroup, OncoGroupInput> = z.object({
  kind: kind('group'),
  op: z.enum(['and', 'or'], { error: 'Связка условий: and («и») или or («или»)' }),
  sameCase: z.boolean({ error: 'Признак «в одном случае»: true или false' }).default(false),
  get conditions() {
    return z
      .array(node, { error: 'Условия группы — список' })
      .max(criteriaLimits.conditions, `Не более ${criteriaLimits.conditions} условий`);
  },
}) as unknown as z.ZodType<OncoGroup, OncoGroupInput>;

const node: z.ZodType<OncoNode, OncoNodeInput> = z.lazy(() =>
  z.discriminatedUnion('kind', [...conditionSchemas, group as never], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `Неизвестный вид условия. Допустимы: ${nodeKinds.join(', ')}`
        : undefined,
  }),
) as unknown as z.ZodType<OncoNode, OncoNodeInput>;

export const nodeKinds = ['group', ...conditionSchemas.map((s) => s.shape.kind.value)] as const;

/** Person conditions: facts of the register row, not of a case (see the header). */
export function isPersonCondition(c: OncoCondition): boolean {
  return (
    c.kind === 'suspicionWithoutDiagnosis' ||
    c.kind === 'diagnosisWithoutTreatment' ||
    (c.kind === 'diagnosis' && c.of !== 'case')
  );
}

/** How many conditions a tree holds and how deep its groups go. */
export function criteriaSize(root: OncoNode): { conditions: number; depth: number } {
  if (root.kind !== 'group') return { conditions: 1, depth: 0 };
  let conditions = 0;
  let depth = 0;
  for (const child of root.conditions) {
    const size = criteriaSize(child);
    conditions += size.conditions;
    depth = Math.max(depth, size.depth);
  }
  return { conditions, depth: depth + 1 };
}

/**
 * The list builder's criteria: the root group. An empty root (`conditions: []`) is the whole register within
 * the caller's scope.
 */
export const OncoCriteria = group.superRefine((root, ctx) => {
  const size = criteriaSize(root);
  if (size.conditions > criteriaLimits.conditions) {
    ctx.addIssue({
      code: 'custom',
      message: `Не более ${criteriaLimits.conditions} условий во всех группах вместе`,
      path: ['conditions'],
    });
  }
  if (size.depth > criteriaLimits.depth) {
    ctx.addIssue({
      code: 'custom',
      message: `Не более ${criteriaLimits.depth} уровней вложенных групп`,
      path: ['conditions'],
    });
  }
});
export type OncoCriteria = OncoGroup;

/** Everything in the register (within the caller's scope). */
export const allOfRegister: OncoCriteria = { kind: 'group', op: 'and', sameCase: false, conditions: [] };

/** AND of the conditions given, at the person level (the simple query parameters are combined so). */
export function allOf(...conditions: (OncoNode | undefined)[]): OncoCriteria {
  return {
    kind: 'group',
    op: 'and',
    sameCase: false,
    conditions: conditions.filter((c): c is OncoNode => c !== undefined),
  };
}
