import { isIsoDate } from '../../format/dates';
import { addDays, todayIso } from '../informing/informing-labels';

/**
 * Russian words and numbers of «Информирование пациента» that «Заявки на информирование» does not have: the care
 * conditions of the questionnaires (shared/informing/domain/surveys.ts), sex, shares and means.
 */
export const conditionNames: Readonly<Record<number, string>> = {
  1: 'Поликлиника',
  2: 'Дневной стационар',
  3: 'Стационар',
};

export const conditionOptions = Object.entries(conditionNames).map(([value, label]) => ({ value, label }));

export const sexNames: Readonly<Record<number, string>> = { 1: 'мужской', 2: 'женский' };

export const sexOptions = Object.entries(sexNames).map(([value, label]) => ({ value, label }));

/** An age in years: «21 год», «23 года», «45 лет». */
export function formatAge(years: number): string {
  const tens = years % 100;
  const units = years % 10;
  const word =
    tens >= 11 && tens <= 14 ? 'лет' : units === 1 ? 'год' : units >= 2 && units <= 4 ? 'года' : 'лет';
  return `${years} ${word}`;
}

const shareFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const meanFormat = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A percentage as text, «33,3 %»; «—» when there is nothing to divide. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${shareFormat.format(share)}\u00a0%`;
}

/** `part` of `whole` in percent, or null when the whole is zero. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

/** A mean score as text, «1,8». */
export function formatMean(mean: number): string {
  return meanFormat.format(mean);
}

/** The score «затрудняюсь ответить»: not an opinion, left out of means and shares. */
export const noOpinionScore = 5;

/** A survey's answers: how many, and the mean score of those with an opinion (1 satisfied … 4 not), if any. */
export function answersOf(answers: Readonly<Record<string, number>>): { count: number; mean: number | null } {
  const scores = Object.values(answers);
  const rated = scores.filter((s) => s !== noOpinionScore);
  return {
    count: scores.length,
    mean: rated.length > 0 ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
  };
}

/** A period from the URL (`from`, `to`), each defaulting to the last `days` days up to today. */
export function periodOf(params: URLSearchParams, days: number): { from: string; to: string } {
  const today = todayIso();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    from: isIsoDate(from) ? from : addDays(today, -days),
    to: isIsoDate(to) ? to : today,
  };
}
