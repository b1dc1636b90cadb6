import { can } from '../../platform/access/permissions';
import { type AccessContext, audit, withCaller } from '../../platform/access/scoped';
import type { Sql, Tx } from '../../platform/db/connection';
import { type FlkIssue, fire, hasErrors } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';
import { schemaIssues } from '../../platform/flk/schema-issues';
import type { PackageHeader } from '../domain/records';
import { hospitalisationPermissions } from '../permissions';
import { admissionHandler } from './admission-handler';
import { cancellationHandler } from './cancellation-handler';
import { dischargeHandler } from './discharge-handler';
import { freeBedsHandler } from './free-beds-handler';
import type { KindHandler } from './kind-handler';
import { Lookups } from './lookups';
import { movementHandler } from './movement-handler';
import { planHandler } from './plan-handler';
import { referralHandler } from './referral-handler';

export type HospMessageKind =
  | 'referral'
  | 'cancellation'
  | 'admission'
  | 'movement'
  | 'discharge'
  | 'free-beds'
  | 'plan';

export const hospMessageKinds: readonly HospMessageKind[] = [
  'referral',
  'cancellation',
  'admission',
  'movement',
  'discharge',
  'free-beds',
  'plan',
];

export interface RecordProtocol {
  ordinal: number;
  sourceId: string | null;
  status: 'accepted' | 'rejected';
  id?: string;
  issues: FlkIssue[];
}

export interface PackageProtocol {
  packageId: string;
  kind: HospMessageKind;
  status: 'accepted' | 'partially_accepted' | 'rejected' | 'duplicate';
  total: number;
  accepted: number;
  rejected: number;
  records: RecordProtocol[];
}

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record and facts types
const handlers: Record<HospMessageKind, KindHandler<any, any>> = {
  referral: referralHandler,
  cancellation: cancellationHandler,
  admission: admissionHandler,
  movement: movementHandler,
  discharge: dischargeHandler,
  'free-beds': freeBedsHandler,
  plan: planHandler,
};

export const maxPackageRecords = 5_000;

/**
 * Processes one package of one message kind for every channel (SOAP, REST, T-files): the sender must be the
 * caller's organisation and entitled to the kind; each record goes through its schema and FLK; valid records
 * are written (idempotently, by sender + source id), rejected ones store nothing; the package and its protocol
 * are kept, so the same package id again answers the stored protocol as a duplicate.
 */
export async function processPackage(
  sql: Sql,
  who: AccessContext,
  kind: HospMessageKind,
  header: PackageHeader,
  records: readonly unknown[],
): Promise<PackageProtocol> {
  if (header.senderCode !== who.orgCode) {
    throw Refusal.forbidden(
      `Отправитель пакета (${header.senderCode.slice(0, 16)}) не совпадает с организацией учётной записи (${who.orgCode})`,
    );
  }
  if (
    !can(
      who,
      kind === 'cancellation' ? hospitalisationPermissions.cancelReferral : hospitalisationPermissions.send,
    )
  ) {
    throw Refusal.forbidden('Учётной записи не разрешено передавать такие сведения');
  }
  if (records.length === 0) throw Refusal.request('902', 'Пакет не содержит записей', 'records');
  if (records.length > maxPackageRecords) {
    throw Refusal.request('904', `В пакете больше ${maxPackageRecords} записей: разделите его`, 'records');
  }
  return withCaller(sql, who, async (tx) => {
    await tx`select pg_advisory_xact_lock(727020, hashtext(${`${who.orgCode}/${kind}/${header.packageId}`}))`;
    const [seen] = await tx<{ protocol: PackageProtocol }[]>`
      select protocol from hosp.package
      where sender_code = ${who.orgCode} and kind = ${kind} and package_id = ${header.packageId}`;
    if (seen) return { ...seen.protocol, status: 'duplicate' };
    const [pkg] = await tx<{ id: string }[]>`
      insert into hosp.package (package_id, sender_code, kind, channel, username, status, total, accepted, rejected,
                                protocol)
      values (${header.packageId}, ${who.orgCode}, ${kind}, ${who.channel}, ${who.username}, 'rejected',
              ${records.length}, 0, 0, '{}')
      returning id::text`;
    const ctx = await Lookups.open(tx);
    const protocols: RecordProtocol[] = [];
    for (const [index, raw] of records.entries()) {
      protocols.push(await processRecord(ctx, who, handlers[kind], raw, index + 1, pkg!.id));
    }
    const accepted = protocols.filter((p) => p.status === 'accepted').length;
    const protocol: PackageProtocol = {
      packageId: header.packageId,
      kind,
      status: accepted === protocols.length ? 'accepted' : accepted === 0 ? 'rejected' : 'partially_accepted',
      total: protocols.length,
      accepted,
      rejected: protocols.length - accepted,
      records: protocols,
    };
    await tx`
      update hosp.package set status = ${protocol.status}, accepted = ${accepted}, rejected = ${protocol.rejected},
             protocol = ${tx.json(protocol as never)}
      where id = ${pkg!.id}`;
    await audit(
      tx,
      'import',
      'hosp.package',
      { records: [pkg!.id] },
      {
        kind,
        total: protocol.total,
        accepted,
        rejected: protocol.rejected,
      },
    );
    return protocol;
  });
}

async function processRecord(
  ctx: Lookups,
  who: AccessContext,
  // biome-ignore lint/suspicious/noExplicitAny: see `handlers`
  handler: KindHandler<any, any>,
  raw: unknown,
  ordinal: number,
  packageRef: string,
): Promise<RecordProtocol> {
  const sourceId =
    raw && typeof raw === 'object' && 'sourceId' in raw
      ? String((raw as { sourceId: unknown }).sourceId)
      : null;
  const parsed = handler.schema.safeParse(raw);
  if (!parsed.success) {
    return { ordinal, sourceId, status: 'rejected', issues: schemaIssues(parsed.error) };
  }
  const { issues, facts } = await handler.check(ctx, who, parsed.data);
  if (hasErrors(issues)) return { ordinal, sourceId, status: 'rejected', issues };
  try {
    const id = await savepoint(ctx.tx, () => handler.write(ctx, who, parsed.data, facts, packageRef));
    return { ordinal, sourceId, status: 'accepted', id, issues };
  } catch (error) {
    // Two senders racing for one referral number: the loser's record is rejected, never half-written.
    if ((error as { code?: string }).code === '23505') {
      return {
        ordinal,
        sourceId,
        status: 'rejected',
        issues: [...issues, ...fire(ctx.rules, 'HOSP.REF.DUPLICATE', undefined, 'number')],
      };
    }
    throw error;
  }
}

function savepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  return tx.savepoint(() => fn()) as Promise<T>;
}
