import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { Refusal } from '../../platform/flk/refusal';

export interface GenerationRule {
  id: string;
  reason: string;
  title: string;
  enabled: boolean;
  leadDays: number;
  deadlineDays: number;
  /**
   * A repeat rule (PRIMARY_INF 2): it reminds a person whose generated request of its reason was informed at least
   * `leadDays` ago while what it invited to is still undone.
   */
  repeat: boolean;
  updatedBy: string | null;
  updatedAt: string;
}

/** The rules that generate informing requests (data; docs/design/informing-exchange.md). */
export function listRules(tx: Tx): Promise<GenerationRule[]> {
  return tx<GenerationRule[]>`
    select id, reason, title, enabled, lead_days as "leadDays", deadline_days as "deadlineDays", repeat,
           updated_by as "updatedBy", updated_at::text as "updatedAt"
    from informing.rule order by id`;
}

/** The fund switches a rule on or off and tunes its lead time and deadline. Audited. */
export async function changeRule(
  tx: Tx,
  id: string,
  change: { enabled: boolean; leadDays: number; deadlineDays: number },
): Promise<GenerationRule> {
  const rows = await tx<{ id: string }[]>`
    update informing.rule
      set enabled = ${change.enabled}, lead_days = ${change.leadDays}, deadline_days = ${change.deadlineDays},
          updated_by = app.username(), updated_at = now()
    where id = ${id} returning id`;
  if (rows.length === 0) throw Refusal.notFound(`Правило «${id}» не найдено.`);
  await audit(tx, 'update', 'informing.rule', { records: [id] });
  return (await listRules(tx)).find((r) => r.id === id)!;
}

/**
 * One run of the enabled rules on `today` (`informing.generate`, migration 049): the requests each made. A run is
 * idempotent — a fact that has its request gets none again. The requests are written under the fund's code and
 * audited by the table's triggers.
 */
export function generateRequests(tx: Tx, today: string): Promise<{ ruleId: string; made: number }[]> {
  return tx<{ ruleId: string; made: number }[]>`
    select rule_id as "ruleId", made from informing.generate(${today}::date)`;
}
