/**
 * Exam schedule slots (графики медосмотров, D§2.4.2): when and where an МО examines, with the evening, Saturday and
 * mobile-team hours that the completeness check asks for every month. Pure.
 */

/** `meth` of `CevPlanDate`: 1 at the МО's address, 2 mobile team to a remote district, 3 delivery to the МО. */
export const slotMethods = { 1: 'В МО', 2: 'Выезд мобильной бригады', 3: 'Доставка граждан в МО' } as const;
export type SlotMethod = keyof typeof slotMethods;

export interface SlotTimes {
  /** ISO date. */
  date: string;
  /** `HH:MM`. */
  timeFrom: string;
  timeTo: string;
  method: SlotMethod;
}

/** Evening hours start at 18:00: a slot that lasts past 18:00 offers them. */
export function isEveningSlot(slot: Pick<SlotTimes, 'timeTo'>): boolean {
  return slot.timeTo > '18:00';
}

export function isSaturday(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 6;
}

/** What an МО's month lacks: `evening` and `saturday` slots every month, `mobile` where it has remote districts. */
export type ScheduleGap = 'evening' | 'saturday' | 'mobile';

/**
 * The completeness check of an МО's schedule over `months` (`YYYY-MM`): for each month, the kinds of slot it has
 * none of. Mobile-team slots (method 2) are asked for only of an МО with remote districts.
 */
export function scheduleGaps(
  slots: readonly SlotTimes[],
  months: readonly string[],
  options: { remoteDistricts: boolean },
): { month: string; missing: ScheduleGap[] }[] {
  const has = new Map<string, Set<ScheduleGap>>();
  for (const slot of slots) {
    const month = slot.date.slice(0, 7);
    const kinds = has.get(month) ?? new Set<ScheduleGap>();
    if (isEveningSlot(slot)) kinds.add('evening');
    if (isSaturday(slot.date)) kinds.add('saturday');
    if (slot.method === 2) kinds.add('mobile');
    has.set(month, kinds);
  }
  const wanted: ScheduleGap[] = options.remoteDistricts
    ? ['evening', 'saturday', 'mobile']
    : ['evening', 'saturday'];
  return months
    .map((month) => ({ month, missing: wanted.filter((gap) => !has.get(month)?.has(gap)) }))
    .filter((m) => m.missing.length > 0);
}
