import * as z from 'zod';
import { PersonRef } from '../../person/domain/patient-ref';
import { boundedInt, isoDate } from '../../platform/flk/edge-types';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';

/**
 * Surveys of insured persons on the quality and accessibility of care (DOMAIN §2.7, the questionnaires of the
 * regional survey practice): a questionnaire per care condition, each answer on one scale.
 */
export const surveyConditions = { 1: 'Поликлиника', 2: 'Дневной стационар', 3: 'Стационар' } as const;

export const answerScale: Record<number, string> = {
  1: 'Удовлетворён(а)',
  2: 'Скорее удовлетворён(а), чем не удовлетворён(а)',
  3: 'Скорее не удовлетворён(а), чем удовлетворён(а)',
  4: 'Не удовлетворён(а)',
  5: 'Затрудняюсь ответить',
};

/** The questions of each condition's questionnaire (codes of the source, Russian wording). */
export const questionnaires: Record<1 | 2 | 3, Record<string, string>> = {
  1: {
    CLINIC_DOCTOR: 'Работа врачей поликлиники в целом',
    THERAPIST: 'Работа участкового терапевта',
    MEDICAL_SPECIALISTS: 'Работа врачей-специалистов',
    SEE_A_DOCTOR: 'Возможность записаться к врачу',
    WAITING_TIME: 'Время ожидания приёма у врача',
    LABORATORY_RESEARCH: 'Доступность лабораторных исследований',
    DIAGNOSTIC_TESTS: 'Доступность диагностических исследований',
    EQUIPMENT: 'Оснащённость оборудованием',
    REPAIRS: 'Состояние помещений',
    FREE_HELP: 'Бесплатность помощи по полису ОМС',
  },
  2: {
    DOCTOR: 'Работа лечащего врача',
    NURSES: 'Работа медицинских сестёр',
    WAITING_TIME: 'Срок ожидания госпитализации в дневной стационар',
    MEDICINES: 'Обеспеченность лекарствами',
    CONDITIONS: 'Условия пребывания',
    FREE_HELP: 'Бесплатность помощи по полису ОМС',
  },
  3: {
    DOCTOR: 'Работа лечащего врача',
    NURSES: 'Работа медицинских сестёр',
    WAITING_TIME: 'Срок ожидания плановой госпитализации',
    MEDICINES: 'Обеспеченность лекарствами',
    FOOD: 'Питание',
    CONDITIONS: 'Условия пребывания в палате',
    FREE_HELP: 'Бесплатность помощи по полису ОМС',
  },
};

export const SurveyRecord = z.object({
  sourceId: z.string().trim().min(1).max(64),
  moCode: z.string().regex(/^\d{6}$/, 'Код МО из 6 цифр'),
  /** The respondent, if they gave themselves (surveys may be anonymous). */
  patient: PersonRef.optional(),
  condition: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  date: isoDate,
  answers: z
    .record(z.string().regex(/^[A-Z_0-9]{2,40}$/), boundedInt(1, 5))
    .refine((a) => Object.keys(a).length > 0, {
      message: 'Анкета без ответов',
    }),
  age: boundedInt(14, 120).optional(),
  sex: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type SurveyRecord = z.infer<typeof SurveyRecord>;

/** A survey: of a known МО, not dated ahead, answering only its condition's questions. Pure. */
export function surveyIssues(
  rules: FlkRuleSet,
  s: SurveyRecord,
  facts: { today: string; medicalOrganisations: ReadonlySet<string> },
): FlkIssue[] {
  const issues: FlkIssue[] = [];
  if (!facts.medicalOrganisations.has(s.moCode))
    issues.push(...fire(rules, 'INF.SURVEY.MO', s.moCode, 'moCode'));
  if (s.date > facts.today) issues.push(...fire(rules, 'INF.SURVEY.DATE', s.date, 'date'));
  const questions = questionnaires[s.condition];
  for (const code of Object.keys(s.answers)) {
    if (!(code in questions)) issues.push(...fire(rules, 'INF.SURVEY.QUESTION', code, `answers.${code}`));
  }
  return issues;
}
