import type { AccessContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import { type InformingMessageKind, processInformingPackage } from '../db/process-package';

/** Small helpers the informing demo's parts share: dates, system accounts, chunked sending. */
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const ageOn = (birthDate: string, date: string) =>
  Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (date.slice(5) < birthDate.slice(5) ? 1 : 0);

/** An organisation's system account, sending files (as the demo's stories do). */
export function systemOf(role: 'mo_system' | 'smo_system' | 'tfoms_system', orgCode: string): AccessContext {
  const orgKind = role === 'mo_system' ? 'MO' : role === 'smo_system' ? 'SMO' : 'TFOMS';
  return { username: 'demo', role, orgCode, orgKind, channel: 'file', requestId: 'demo' };
}

/** Sends records in packages of at most 5 000 (the exchange's limit); answers how many were accepted. */
export async function sendInforming(
  sql: Sql,
  who: AccessContext,
  kind: InformingMessageKind,
  packageId: string,
  records: readonly unknown[],
): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < records.length; i += 5_000) {
    const protocol = await processInformingPackage(
      sql,
      who,
      kind,
      { packageId: `${packageId}-${i / 5_000}`, senderCode: who.orgCode },
      records.slice(i, i + 5_000),
    );
    accepted += protocol.accepted;
  }
  return accepted;
}
