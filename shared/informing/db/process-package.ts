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
import { informingPermissions } from '../permissions';
import { requestHandler } from './request-handler';
import { resultHandler } from './result-handler';
import { surveyHandler } from './survey-handler';

export type InformingMessageKind = 'request' | 'result' | 'survey';
export type InformingProtocol = PackageProtocol<InformingMessageKind>;

/** The informing exchange as the platform's package processor runs it. */
export const informingExchange: ExchangeDefinition<InformingMessageKind, ExchangeContext> = {
  packageTable: 'informing.package',
  maxRecords: 5_000,
  openContext: async (tx) => ({ tx, rules: await loadFlkRules(tx) }),
  kinds: {
    request: { ...requestHandler, permission: informingPermissions.sendRequest },
    result: { ...resultHandler, permission: informingPermissions.sendResult },
    survey: { ...surveyHandler, permission: informingPermissions.sendResult },
  },
};
const process = packageProcessor(informingExchange);

/** One package of informing requests or results, for every channel. */
export function processInformingPackage(
  sql: Sql,
  who: AccessContext,
  kind: InformingMessageKind,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessOptions,
): Promise<InformingProtocol> {
  return process(sql, who, kind, header, records, options);
}
