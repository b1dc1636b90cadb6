import { sendInChunks } from '../../demo/story-support';
import type { AccessContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import { type InformingMessageKind, processInformingPackage } from '../db/process-package';

export { addDays, ageOn, iso, maxDate, minDate, systemOf } from '../../demo/story-support';

/** Sends records in packages of at most 5 000 (the exchange's limit); answers how many were accepted. */
export function sendInforming(
  sql: Sql,
  who: AccessContext,
  kind: InformingMessageKind,
  packageId: string,
  records: readonly unknown[],
): Promise<number> {
  return sendInChunks(records, 5_000, packageId, (id, chunk) =>
    processInformingPackage(sql, who, kind, { packageId: id, senderCode: who.orgCode }, chunk),
  );
}
