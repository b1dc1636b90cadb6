import type { AccessContext } from '../platform/access/scoped';

/** What the areas' demo stories share: dates as `YYYY-MM-DD`, system accounts, sending in chunks. */
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
/** Full years of a person born on `birthDate` on `date`. */
export const ageOn = (birthDate: string, date: string) =>
  Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (date.slice(5) < birthDate.slice(5) ? 1 : 0);

/** An organisation's system account, sending files (as the demo's stories do). */
export function systemOf(role: 'mo_system' | 'smo_system' | 'tfoms_system', orgCode: string): AccessContext {
  const orgKind = role === 'mo_system' ? 'MO' : role === 'smo_system' ? 'SMO' : 'TFOMS';
  return { username: 'demo', role, orgCode, orgKind, channel: 'file', requestId: 'demo' };
}

/**
 * Sends records as packages of at most `size` (the exchange's limit), the package ids `<packageId>-<n>`; answers
 * how many were accepted.
 */
export async function sendInChunks(
  records: readonly unknown[],
  size: number,
  packageId: string,
  send: (packageId: string, records: readonly unknown[]) => Promise<{ accepted: number }>,
): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < records.length; i += size) {
    accepted += (await send(`${packageId}-${i / size}`, records.slice(i, i + size))).accepted;
  }
  return accepted;
}
