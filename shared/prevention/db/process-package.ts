import type { AccessContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import {
  type ExchangeDefinition,
  type ProcessOptions,
  packageProcessor,
} from '../../platform/exchange/package-processor';
import type { PackageProtocol as PlatformPackageProtocol } from '../../platform/exchange/protocol';
import { preventionPermissions } from '../permissions';
import { dispensaryHandler } from './dispensary-handler';
import { openPreventionContext, type PreventionContext } from './lookups';
import { planEntryHandler } from './plan-handler';
import { planVolumeHandler } from './plan-volume-handler';
import { polyclinicCaseHandler } from './polyclinic-case-handler';
import { contactHandler, scheduleSlotHandler } from './schedule-handlers';
import { stepHandler } from './step-handler';

export type PreventionMessageKind =
  | 'schedule-slot'
  | 'contact'
  | 'plan-entry'
  | 'plan-volume'
  | 'step'
  | 'dispensary'
  | 'polyclinic-case';

export type PreventionProtocol = PlatformPackageProtocol<PreventionMessageKind>;

export const maxPreventionRecords = 5_000;

/** The prevention exchange as the platform's package processor runs it. */
export const preventionExchange: ExchangeDefinition<PreventionMessageKind, PreventionContext> = {
  packageTable: 'prevention.package',
  maxRecords: maxPreventionRecords,
  openContext: openPreventionContext,
  kinds: {
    'schedule-slot': { ...scheduleSlotHandler, permission: preventionPermissions.sendSchedule },
    contact: { ...contactHandler, permission: preventionPermissions.sendSchedule },
    'plan-entry': { ...planEntryHandler, permission: preventionPermissions.sendPlan },
    'plan-volume': { ...planVolumeHandler, permission: preventionPermissions.sendPlan },
    step: { ...stepHandler, permission: preventionPermissions.sendPlan },
    dispensary: { ...dispensaryHandler, permission: preventionPermissions.sendPlan },
    'polyclinic-case': { ...polyclinicCaseHandler, permission: preventionPermissions.sendPlan },
  },
};
const process = packageProcessor(preventionExchange);

/**
 * Processes one package of one prevention message kind for every channel through the platform's package
 * processor: header, sender and permission, per-record schema and FLK, idempotent writes, the journal
 * `prevention.package` and its protocol.
 */
export function processPreventionPackage(
  sql: Sql,
  who: AccessContext,
  kind: PreventionMessageKind,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessOptions,
): Promise<PreventionProtocol> {
  return process(sql, who, kind, header, records, options);
}
