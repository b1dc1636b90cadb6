import { randomUUID } from 'node:crypto';
import {
  type HospMessageKind,
  type PackageProtocol,
  processPackage,
} from '../../../shared/hospitalisation/db/process-package';
import type { AccessContext } from '../../../shared/platform/access/scoped';
import type { BasePorts } from '../../../shared/platform/ports/ports';
import { problems } from '../../lib/problem';

/** Runs a package through the service; a refused package is a `Refusal`, which the REST wrapper answers. */
export async function sendPackage(
  ports: BasePorts,
  who: AccessContext,
  kind: HospMessageKind,
  header: { packageId: string; senderCode: string },
  records: readonly unknown[],
): Promise<PackageProtocol> {
  return processPackage(await ports.sql(), who, kind, header, records);
}

/**
 * One record from the UI: a one-record package under a fresh id. A rejected record answers 400 with its FLK
 * errors (nothing stored); an accepted one answers its id and any warnings.
 */
export async function sendOne(
  ports: BasePorts,
  who: AccessContext,
  kind: HospMessageKind,
  record: unknown,
): Promise<{ id: string; warnings: PackageProtocol['records'][number]['issues'] }> {
  const protocol = await sendPackage(
    ports,
    who,
    kind,
    { packageId: `web-${randomUUID()}`, senderCode: who.orgCode },
    [record],
  );
  const result = protocol.records[0]!;
  if (result.status === 'rejected') {
    throw problems.invalid(
      result.issues.map((i) => ({ code: i.code, field: i.field, value: i.value, message: i.message })),
    );
  }
  return { id: result.id!, warnings: result.issues };
}
