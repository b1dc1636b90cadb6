import type { AccessContext } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';

/** The one prevention worklist: persons planned for this month who have not started (the due list's rows). */
export interface PreventionWorklistCount {
  id: 'due-this-month';
  title: string;
  /** The month counted, `YYYY-MM` (the database's today): the due list the count opens. */
  month: string;
  count: number;
}

const titles: Partial<Record<AccessContext['orgKind'], string>> = {
  MO: 'Запланированы на этот месяц и ещё не начали медосмотр',
  SMO: 'Ваши застрахованные, которым медосмотр запланирован на этот месяц и ещё не начат',
};

/**
 * The caller's prevention worklists with their counts: an МО's planned persons due this month not yet started, an
 * СМО's insured persons due. The count runs the due list's condition (`dueList` of db/funnel-queries.ts: not
 * withdrawn, no step, the month or its quarter) with the caller's side of the scope stated — the МО that planned,
 * the person's СМО — which is what row-level security leaves of the list, so it equals the rows the list shows.
 * Counting reads no personal data: no audit. The fund has no such worklist.
 */
export async function preventionWorklists(tx: Tx, who: AccessContext): Promise<PreventionWorklistCount[]> {
  const title = titles[who.orgKind];
  if (!title) return [];
  const scope = who.orgKind === 'MO' ? tx`e.mo_code = ${who.orgCode}` : tx`e.smo_code = ${who.orgCode}`;
  const [row] = await tx<{ month: string; count: number }[]>`
    with today as (select extract(year from current_date)::int as y, extract(month from current_date)::int as m)
    select to_char(current_date, 'YYYY-MM') as month,
           (select count(*)::int from prevention.plan_entry e, today
            where ${scope} and e.year = today.y and not e.withdrawn and e.furthest_step is null
              and (today.m::smallint = any(e.months) or e.quarter = (today.m + 2) / 3)) as count`;
  return [{ id: 'due-this-month', title, month: row!.month, count: row!.count }];
}
