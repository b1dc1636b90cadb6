import type { AccessContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import {
  type ExchangeContext,
  type ExchangeDefinition,
  type ProcessOptions,
  packageProcessor,
} from '../../platform/exchange/package-processor';
import type { PackageProtocol } from '../../platform/exchange/protocol';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import { consultationPermissions } from '../permissions';
import { conclusionHandler } from './conclusion-handler';
import { consultationRequestHandler } from './request-handler';

export type ConsultationMessageKind = 'request' | 'conclusion';
export type ConsultationProtocol = PackageProtocol<ConsultationMessageKind>;

/** The consultation exchange as the platform's package processor runs it. */
export const consultationExchange: ExchangeDefinition<ConsultationMessageKind, ExchangeContext> = {
  packageTable: 'consultation.package',
  maxRecords: 1_000,
  openContext: async (tx) => ({ tx, rules: await loadFlkRules(tx) }),
  kinds: {
    request: { ...consultationRequestHandler, permission: consultationPermissions.send },
    conclusion: { ...conclusionHandler, permission: consultationPermissions.send },
  },
};
const process = packageProcessor(consultationExchange);

/** One package of consultation requests or conclusions, for every channel. */
export function processConsultationPackage(
  sql: Sql,
  who: AccessContext,
  kind: ConsultationMessageKind,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessOptions,
): Promise<ConsultationProtocol> {
  return process(sql, who, kind, header, records, options);
}
