import type { Tx } from '../../platform/db/connection';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import { checkCaseWithPerson } from '../domain/case-checks';
import type { CaseCheckContext } from '../domain/check-context';
import type { RegistryFileKind } from '../domain/file-kinds';
import type { RegistryFinding } from '../domain/findings';
import { checkPackageHeader } from '../domain/header-checks';
import { RegistryKeys } from '../domain/package-keys';
import { checkPerson } from '../domain/person-checks';
import type { Pers, Schet, Zap, ZlHeader } from '../domain/registry-tags';
import { registryReference } from './registry-reference';

/**
 * The record-level FLK of one package with what it reads loaded once: the configured rules, the directories
 * and organisations (registry-reference.ts), the keys seen so far (N_ZAP, ID_PAC). When the L-file comes first
 * in the archive its birth dates are kept (one entry per person) so that the rules needing the patient's age
 * apply to every case; when the main file comes first they are skipped (docs/design/registry-exchange.md), and
 * the policy type of each patient's cases is kept instead for the L-file's document rules.
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
  const keys = new RegistryKeys(rules);
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
  // The policy type of each patient's cases (VPOLIS), when the main file comes first: a person without a
  // single policy (VPOLIS ≠ 3) must have DOCDATE and DOCORG.
  const policyTypes = new Map<string, string>();
  return {
    header: () => (ctx ? checkPackageHeader(ctx) : []),
    case: (zap) => {
      if (!ctx) return [];
      policyTypes.set(zap.PACIENT.ID_PAC, zap.PACIENT.VPOLIS);
      const found = checkCaseWithPerson(zap, undefined, ctx);
      const repeated = keys.checkCase(zap);
      return repeated.length ? [...found, ...repeated] : found;
    },
    person: (pers) => {
      const found = checkPerson(pers, personCtx, policyTypes.get(pers.ID_PAC));
      const repeated = keys.checkPerson(pers);
      return repeated.length ? [...found, ...repeated] : found;
    },
  };
}
