import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import type { FreeBedsRecord } from './records';

const counts = [
  'occupiedAtStart',
  'admitted',
  'discharged',
  'plannedToday',
  'freeTotal',
  'freeMale',
  'freeFemale',
  'freeAdult',
  'freeChild',
] as const;

/**
 * The counts of a free-beds report must agree (T6 KOL_*): none negative; free beds for men, women, adults or
 * children never exceed the free total; the free total never exceeds the beds of that profile in the
 * department's bed fund (when the fund is known); forecasts are not negative either.
 */
export function freeBedsCountIssues(
  record: FreeBedsRecord,
  bedsInFund: number | null,
  rules: FlkRuleSet,
): FlkIssue[] {
  const negative = counts.find((c) => record[c] < 0);
  if (negative) return fire(rules, 'HOSP.BEDS.COUNTS', String(record[negative]), negative);
  const over = (['freeMale', 'freeFemale', 'freeAdult', 'freeChild'] as const).find(
    (c) => record[c] > record.freeTotal,
  );
  if (over) return fire(rules, 'HOSP.BEDS.COUNTS', String(record[over]), over);
  if (bedsInFund !== null && record.freeTotal > bedsInFund) {
    return fire(rules, 'HOSP.BEDS.COUNTS', String(record.freeTotal), 'freeTotal');
  }
  const badForecast = record.forecast.find((f) => f.free < 0 || (bedsInFund !== null && f.free > bedsInFund));
  if (badForecast) return fire(rules, 'HOSP.BEDS.COUNTS', String(badForecast.free), 'forecast');
  return [];
}
