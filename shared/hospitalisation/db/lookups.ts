import type { Db, Tx } from '../../platform/db/connection';
import type { ExchangeContext } from '../../platform/exchange/package-processor';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import type { Sex, SexRules } from '../domain/sex-specific';

/**
 * What every package of the hospitalisation exchange shares: its transaction, the FLK rules and the sex-specific
 * codes — reference data kept per process for 30 s, so a package reads none of it. What its records look up is
 * answered per package by one statement (package-facts.ts).
 */
export interface HospContext extends ExchangeContext {
  sexRules: SexRules;
}

export async function openHospContext(tx: Tx): Promise<HospContext> {
  const [rules, sexRules] = await Promise.all([loadFlkRules(tx), cachedSexRules(tx)]);
  return { tx, rules, sexRules };
}

const sexRulesTtlMs = 30_000;
let sexRulesCached: { rules: Promise<SexRules>; until: number } | undefined;

/**
 * The sex-specific codes are reference data (they change with a migration): kept per process for 30 s like the
 * FLK rules, so a package does not read them again.
 */
function cachedSexRules(db: Db, now = Date.now()): Promise<SexRules> {
  if (sexRulesCached && sexRulesCached.until > now) return sexRulesCached.rules;
  const rules = loadSexRules(db);
  sexRulesCached = { rules, until: now + sexRulesTtlMs };
  rules.catch(() => {
    sexRulesCached = undefined;
  });
  return rules;
}

/** Loads the sex-specific reference data: ICD-10 ranges for one sex, V020 bed profiles for one sex. */
export async function loadSexRules(db: Db): Promise<SexRules> {
  const [diagnoses, beds] = await Promise.all([
    db<{ codeFrom: string; codeTo: string; sex: Sex }[]>`
      select code_from as "codeFrom", code_to as "codeTo", sex from nsi.sex_restricted_diagnosis
      order by code_from`,
    db<{ bed: number; sex: Sex }[]>`
      select bed_profile_v020 as bed, sex from nsi.sex_specific_bed_profile`,
  ]);
  return {
    diagnoses: diagnoses.map((d) => ({ codeFrom: d.codeFrom, codeTo: d.codeTo, sex: d.sex })),
    bedProfiles: new Map(beds.map((b) => [b.bed, b.sex])),
  };
}
