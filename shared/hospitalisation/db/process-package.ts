import type { Permission } from '../../platform/access/permissions';
import type { AccessContext } from '../../platform/access/scoped';
import type { Sql, Tx } from '../../platform/db/connection';
import {
  type ExchangeDefinition,
  type ProcessInOptions,
  type ProcessOptions,
  packageProcessor,
  packageProcessorIn,
} from '../../platform/exchange/package-processor';
import type { PackageProtocol as PlatformPackageProtocol } from '../../platform/exchange/protocol';
import { fire } from '../../platform/flk/issue';
import { hospitalisationPermissions } from '../permissions';
import { admissionHandler } from './admission-handler';
import { cancellationHandler } from './cancellation-handler';
import { dischargeHandler } from './discharge-handler';
import { freeBedsHandler } from './free-beds-handler';
import type { KindHandler } from './kind-handler';
import { type HospContext, openHospContext } from './lookups';
import { movementHandler } from './movement-handler';
import { planHandler } from './plan-handler';
import { referralHandler } from './referral-handler';

export type { RecordProtocol } from '../../platform/exchange/protocol';

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

export type PackageProtocol = PlatformPackageProtocol<HospMessageKind>;

export const maxPackageRecords = 5_000;

/** Every kind: its handler, the permission its sender needs, and how a lost unique-key race is answered. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record and facts types
function kind(handler: KindHandler<any, any>, permission: Permission = hospitalisationPermissions.send) {
  return {
    ...handler,
    permission,
    // Two senders racing for one referral number: the loser's record is rejected, never half-written.
    onUniqueViolation: (ctx: HospContext) => fire(ctx.rules, 'HOSP.REF.DUPLICATE', undefined, 'number'),
  };
}

/** The hospitalisation exchange as the platform's package processor runs it. */
export const hospExchange: ExchangeDefinition<HospMessageKind, HospContext> = {
  packageTable: 'hosp.package',
  maxRecords: maxPackageRecords,
  openContext: openHospContext,
  kinds: {
    referral: kind(referralHandler),
    cancellation: kind(cancellationHandler, hospitalisationPermissions.cancelReferral),
    admission: kind(admissionHandler),
    movement: kind(movementHandler),
    discharge: kind(dischargeHandler),
    'free-beds': kind(freeBedsHandler),
    plan: kind(planHandler),
  },
};
const process = packageProcessor(hospExchange);
const processIn = packageProcessorIn(hospExchange);

/**
 * Processes one package of one hospitalisation message kind for every channel (SOAP, REST, T-files, UI) through
 * the platform's package processor (shared/platform/exchange): header, sender and permission checks, per-record
 * schema and FLK, idempotent writes, the package journal `hosp.package` and its protocol.
 */
export function processPackage(
  sql: Sql,
  who: AccessContext,
  kind: HospMessageKind,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessOptions,
): Promise<PackageProtocol> {
  return process(sql, who, kind, header, records, options);
}

/**
 * The same for packages within a caller-scoped transaction the caller holds (`withCaller`): the packages of a
 * T-file are stored together or not at all. Optimistic unless `careful`: see `packageProcessorIn`.
 */
export function processPackageIn(
  tx: Tx,
  who: AccessContext,
  kind: HospMessageKind,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessInOptions,
): Promise<PackageProtocol> {
  return processIn(tx, who, kind, header, records, options);
}
