/** Today in the reader's time zone as `YYYY-MM-DD` (the dates the exchange carries are local calendar dates). */
export function todayIso(now: Date = new Date()): string {
  return isoOf(now);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00`);
  date.setDate(date.getDate() + days);
  return isoOf(date);
}

/** The next `count` working days (Monday–Friday) after `iso`. */
export function nextWorkingDays(iso: string, count: number): string[] {
  const days: string[] = [];
  let day = iso;
  while (days.length < count) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T12:00:00`).getDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

function isoOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
