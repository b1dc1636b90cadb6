import type { Tx } from '../../platform/db/connection';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import { checkCaseWithPerson } from '../domain/case-checks';
import type { CaseCheckContext } from '../domain/check-context';
import type { RegistryFileKind } from '../domain/file-kinds';
import type { RegistryFinding } from '../domain/findings';
import { checkPackageHeader } from '../domain/header-checks';
import { checkPerson } from '../domain/person-checks';
import type { Pers, Schet, Zap, ZlHeader } from '../domain/registry-tags';
import { registryReference } from './registry-reference';

/**
 * The record-level FLK of one package with what it reads loaded once: the configured rules, the directories
 * and organisations (registry-reference.ts). Nothing grows with the file here: the keys repeated across records
 * (N_ZAP, ID_PAC) and the L-file's document rules that depend on the case's policy type are set-based checks
 * of the import (registry-set-checks.ts). When the L-file comes first in the archive its birth dates are kept
 * so that the rules needing the patient's age apply to every case; when the main file comes first they run
 * set-based after the read instead (registry-set-checks.ts `ageRules`).
 */
export interface RegistryChecks {
  header(): RegistryFinding[];
  case(zap: Zap): RegistryFinding[];
  person(pers: Pers): RegistryFinding[];
}

/** Today in Moscow (`YYYY-MM-DD`): the day the checks compare dates with. */
export function todayInMoscow(now = new Date()): string {
  return new Date(now.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

export async function loadRegistryChecks(
  tx: Tx,
  input: { fileKind: RegistryFileKind; header: ZlHeader | null; schet: Schet | null; today?: string },
  birthDates?: ReadonlyMap<string, string>,
): Promise<RegistryChecks> {
  const [rules, reference] = await Promise.all([loadFlkRules(tx), registryReference(tx)]);
  const today = input.today ?? todayInMoscow();
  const ctx: CaseCheckContext | null =
    input.header && input.schet
      ? {
          fileKind: input.fileKind,
          schet: input.schet,
          header: input.header,
          directories: reference.book,
          organisations: reference.organisations,
          rules,
          today,
          ...(birthDates && birthDates.size > 0 ? { birthDateOf: (id: string) => birthDates.get(id) } : {}),
        }
      : null;
  const personCtx = { directories: reference.book, rules, today };
  return {
    header: () => (ctx ? checkPackageHeader(ctx) : []),
    case: (zap) => {
      if (!ctx) return [];
      return checkCaseWithPerson(zap, undefined, ctx);
    },
    person: (pers) => {
      return checkPerson(pers, personCtx);
    },
  };
}
