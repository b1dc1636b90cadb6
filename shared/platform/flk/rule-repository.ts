import type { Db } from '../db/connection';
import type { FlkRule, FlkRuleSet } from './issue';

const ttlMs = 30_000;
let cached: { rules: FlkRuleSet; until: number } | undefined;

/**
 * The FLK rules valid today, keyed by id. Severity changes by the НСИ operator take effect within 30 s in every
 * running process (the cache is per Lambda container).
 */
export async function loadFlkRules(db: Db, now = Date.now()): Promise<FlkRuleSet> {
  if (cached && cached.until > now) return cached.rules;
  const rows = await db<FlkRule[]>`
    select id, f012_code as "f012Code", field, severity, message from flk.rule
    where date_beg <= current_date and (date_end is null or date_end >= current_date)`;
  const rules = new Map(rows.map((r) => [r.id, r]));
  cached = { rules, until: now + ttlMs };
  return rules;
}

/** Forgets the cached rules (after a severity change in this process, and in tests). */
export function forgetFlkRules(): void {
  cached = undefined;
}
