import type { ExamStepCode, Funnel, PlanEntry, PreventionKind } from '../../api/prevention';
import { formatDate } from '../../format/dates';
import { monthNames } from '../../format/months';

/** Russian words of «Медосмотры»: the examinations, the participation steps (D§2.4.3) and the funnel's stages. */

export const checkupKindLabels: Readonly<Record<PreventionKind, string>> = {
  DVN: 'Диспансеризация',
  UDVN: 'Углублённая диспансеризация',
  PMO: 'Профилактический осмотр',
  DN: 'Диспансерное наблюдение',
};

export const kindOptions = Object.entries(checkupKindLabels).map(([value, label]) => ({ value, label }));

/** The step codes' names as shared/prevention/domain/exam-steps.ts gives them (the web imports no server code). */
export const stepNames = {
  101: 'Отказался от диспансеризации',
  102: 'Начал диспансеризацию',
  103: 'Завершил 1 этап',
  104: 'Направлен на 2 этап',
  105: 'Отказался от 2 этапа',
  106: 'Начал 2 этап',
  107: 'Завершил 2 этап',
  108: 'Завершил 2 этап и направлен в дневной стационар',
  109: 'Завершил 2 этап и направлен в круглосуточный стационар',
  201: 'Отказался от осмотра',
  202: 'Начал осмотр',
  203: 'Завершил осмотр',
  204: 'Завершил осмотр и направлен в дневной стационар',
  205: 'Завершил осмотр и направлен в круглосуточный стационар',
} as const satisfies Record<ExamStepCode, string>;

const refusals = new Set([101, 105, 201]);

/** How far a planned person got: the furthest step and its date, or that the person has not started. */
export function progressOf(entry: Pick<PlanEntry, 'furthestStep' | 'furthestStepDate'>): {
  text: string;
  tone: 'none' | 'going' | 'refused';
} {
  if (entry.furthestStep === null) return { text: 'не начал', tone: 'none' };
  const name = stepNames[entry.furthestStep as ExamStepCode] ?? `шаг ${entry.furthestStep}`;
  const date = entry.furthestStepDate ? `, ${formatDate(entry.furthestStepDate)}` : '';
  return { text: `${name}${date}`, tone: refusals.has(entry.furthestStep) ? 'refused' : 'going' };
}

/** When a person is planned: the months by name, or the quarter. */
export function plannedWhen(entry: Pick<PlanEntry, 'months' | 'quarter'>): string {
  if (entry.months.length > 0) return entry.months.map((m) => monthNames[m - 1] ?? String(m)).join(', ');
  return entry.quarter ? `${entry.quarter} квартал` : '—';
}

export const monthOptions = monthNames.map((name, i) => ({ value: String(i + 1), label: name }));

/** The funnel's stages shown for a kind, in order: ПМО has one stage, ДН no steps at all. */
export function funnelStagesOf(kind: PreventionKind): { key: keyof Funnel; label: string }[] {
  if (kind === 'DN') return [{ key: 'planned', label: 'Запланировано' }];
  if (kind === 'PMO') {
    return [
      { key: 'planned', label: 'Запланировано' },
      { key: 'started', label: 'Начали осмотр' },
      { key: 'finishedStage1', label: 'Завершили осмотр' },
      { key: 'refused', label: 'Отказались' },
    ];
  }
  return [
    { key: 'planned', label: 'Запланировано' },
    { key: 'started', label: 'Начали' },
    { key: 'finishedStage1', label: 'Завершили 1 этап' },
    { key: 'sentToStage2', label: 'Направлены на 2 этап' },
    { key: 'finishedStage2', label: 'Завершили 2 этап' },
    { key: 'refused', label: 'Отказались' },
  ];
}

/** This year and the two a plan may also be for (PREV.YEAR: last, this, next). */
export function planYears(): number[] {
  const year = new Date().getFullYear();
  return [year - 1, year, year + 1];
}

/** `YYYY-MM` of today's month (the reader's clock). */
export function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
