import type { Tx } from '../../platform/db/connection';
import type { ExchangeContext } from '../../platform/exchange/package-processor';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import type { ScheduleFacts } from '../domain/schedule-rules';

/** What every package of the prevention exchange shares: its transaction and the FLK rules (kept 30 s). */
export type PreventionContext = ExchangeContext;

export async function openPreventionContext(tx: Tx): Promise<PreventionContext> {
  return { tx, rules: await loadFlkRules(tx) };
}

/** The facts a package of slots or contacts is checked against, in one statement: today and the МО's departments. */
export async function loadScheduleFacts(ctx: PreventionContext, moCode: string): Promise<ScheduleFacts> {
  const [row] = await ctx.tx<{ today: string; departments: string[] }[]>`
    select current_date::text as today,
           coalesce((select array_agg(code) from org.department where mo_code = ${moCode}), '{}') as departments`;
  return { rules: ctx.rules, today: row!.today, departments: new Set(row!.departments) };
}
