/**
 * Participation steps of preventive examinations (D§2.4.3, `ExamStep` of the Krasnodar exchange, the only
 * concrete code list found): 1xx for dispensarisation (ДВН, and УДВН, which has the same two stages and no codes
 * of its own), 2xx for the preventive examination (ПМО). The dispensary observation (ДН) has no steps: its visits
 * are polyclinic cases. Pure data and rules: no I/O.
 */

/** The examinations a plan lists (V016 ДВ4/ДВ2 → ДВН, ОПВ → ПМО, УД1/УД2 → УДВН; ДН). */
export const preventionKinds = ['PMO', 'DVN', 'UDVN', 'DN'] as const;
export type PreventionKind = (typeof preventionKinds)[number];

export const preventionKindNames: Readonly<Record<PreventionKind, string>> = {
  PMO: 'Профилактический медицинский осмотр',
  DVN: 'Диспансеризация взрослого населения',
  UDVN: 'Углублённая диспансеризация',
  DN: 'Диспансерное наблюдение',
};

/**
 * Where a step leaves a person in the funnel, in funnel order. `informed` comes from the informing area (issue
 * 14): no step sets it.
 */
export const funnelStages = [
  'planned',
  'informed',
  'started',
  'finishedStage1',
  'sentToStage2',
  'startedStage2',
  'finishedStage2',
  'refused',
] as const;
export type FunnelStage = (typeof funnelStages)[number];

interface StepSpec {
  readonly family: 'two-stage' | 'one-stage';
  readonly stage: FunnelStage;
  /** How far the step takes a person: a later step never goes back to a lower rank (PREV.STEP.ORDER). */
  readonly rank: number;
  /** Sent on to a day (`ДС`) or round-the-clock (`КС`) hospital. */
  readonly hospital?: 'ДС' | 'КС';
  readonly name: string;
}

/** The step codes (D§2.4.3). */
export const examSteps = {
  101: { family: 'two-stage', stage: 'refused', rank: 9, name: 'Отказался от диспансеризации' },
  102: { family: 'two-stage', stage: 'started', rank: 1, name: 'Начал диспансеризацию' },
  103: { family: 'two-stage', stage: 'finishedStage1', rank: 2, name: 'Завершил 1 этап' },
  104: { family: 'two-stage', stage: 'sentToStage2', rank: 3, name: 'Направлен на 2 этап' },
  105: { family: 'two-stage', stage: 'refused', rank: 9, name: 'Отказался от 2 этапа' },
  106: { family: 'two-stage', stage: 'startedStage2', rank: 4, name: 'Начал 2 этап' },
  107: { family: 'two-stage', stage: 'finishedStage2', rank: 5, name: 'Завершил 2 этап' },
  108: {
    family: 'two-stage',
    stage: 'finishedStage2',
    rank: 5,
    hospital: 'ДС',
    name: 'Завершил 2 этап и направлен в дневной стационар',
  },
  109: {
    family: 'two-stage',
    stage: 'finishedStage2',
    rank: 5,
    hospital: 'КС',
    name: 'Завершил 2 этап и направлен в круглосуточный стационар',
  },
  201: { family: 'one-stage', stage: 'refused', rank: 9, name: 'Отказался от осмотра' },
  202: { family: 'one-stage', stage: 'started', rank: 1, name: 'Начал осмотр' },
  203: { family: 'one-stage', stage: 'finishedStage1', rank: 2, name: 'Завершил осмотр' },
  204: {
    family: 'one-stage',
    stage: 'finishedStage1',
    rank: 2,
    hospital: 'ДС',
    name: 'Завершил осмотр и направлен в дневной стационар',
  },
  205: {
    family: 'one-stage',
    stage: 'finishedStage1',
    rank: 2,
    hospital: 'КС',
    name: 'Завершил осмотр и направлен в круглосуточный стационар',
  },
} as const satisfies Record<number, StepSpec>;

export type ExamStepCode = keyof typeof examSteps;

export function isExamStepCode(code: number): code is ExamStepCode {
  return Object.hasOwn(examSteps, code);
}

const familyOf: Readonly<Record<PreventionKind, StepSpec['family'] | null>> = {
  DVN: 'two-stage',
  UDVN: 'two-stage',
  PMO: 'one-stage',
  DN: null,
};

/** Whether a step code belongs to an examination kind (PREV.STEP.CODE): 1xx ДВН and УДВН, 2xx ПМО, none ДН. */
export function stepFitsKind(code: ExamStepCode, kind: PreventionKind): boolean {
  return examSteps[code].family === familyOf[kind];
}

/**
 * Whether `next` may follow a person's furthest step `furthest` (PREV.STEP.ORDER): a refusal ends the path; a step
 * may repeat its rank (a second «finished» with another hospital) but never go back. A stage-2 refusal (105) needs
 * the person sent to stage 2 first.
 */
export function stepMayFollow(furthest: ExamStepCode | null, next: ExamStepCode): boolean {
  if (furthest === null) return next !== 105;
  const from = examSteps[furthest];
  if (from.stage === 'refused') return false;
  if (next === 105) return from.rank >= examSteps[104].rank;
  return examSteps[next].rank >= from.rank;
}

/** A registry D-file case as the step derivation reads it (SCHET/DISP, Z_SL/RSLT, Z_SL/P_OTK, DATE_Z_2). */
export interface RegistryExamCase {
  /** V016 type of the file's examination (`SCHET/DISP`). */
  disp: string;
  /** V009 result of the case (`Z_SL/RSLT`). */
  rslt: number | null;
  /** `Z_SL/P_OTK` = 1: the person refused. */
  refused: boolean;
}

/** The V016 types the steps are derived from, with their kind and stage (УД1/УД2: углублённая, [I]). */
const dispTypes: Readonly<Record<string, { kind: PreventionKind; stage: 1 | 2 }>> = {
  ДВ4: { kind: 'DVN', stage: 1 },
  ДВ2: { kind: 'DVN', stage: 2 },
  УД1: { kind: 'UDVN', stage: 1 },
  УД2: { kind: 'UDVN', stage: 2 },
  ОПВ: { kind: 'PMO', stage: 1 },
};

/** V009 result codes per kind family and stage → step (D§2.4.3, the MIS mapping). */
const resultSteps: Readonly<Record<string, Readonly<Record<number, ExamStepCode>>>> = {
  'two-stage/1': { 312: 103, 317: 103, 318: 103, 355: 103, 356: 103, 353: 104, 357: 104, 358: 104 },
  // 312 and 316 ended in 2017–2018 (V009); since then stage 2 ends with the health group (317, 318, 355, 356).
  'two-stage/2': { 316: 105, 312: 107, 317: 107, 318: 107, 355: 107, 356: 107, 306: 108, 305: 109 },
  'one-stage/1': { 312: 203, 343: 203, 344: 203, 345: 203, 306: 204, 305: 205 },
};

/**
 * The step a registry D-file case stands for, with its kind; null when the file's type is not an examination the
 * plans list (ДС1, ДС2, ПН1: children) or the result maps to no step. A refusal (P_OTK = 1) is the kind's refusal
 * at the stage of the file: 101 (or 105 at stage 2) for ДВН/УДВН, 201 for ПМО.
 */
export function stepOfRegistryCase(c: RegistryExamCase): { kind: PreventionKind; step: ExamStepCode } | null {
  const type = dispTypes[c.disp];
  if (!type) return null;
  const family = familyOf[type.kind]!;
  if (c.refused) {
    const step: ExamStepCode = family === 'one-stage' ? 201 : type.stage === 2 ? 105 : 101;
    return { kind: type.kind, step };
  }
  const step = c.rslt === null ? undefined : resultSteps[`${family}/${type.stage}`]?.[c.rslt];
  return step === undefined ? null : { kind: type.kind, step };
}
