import type { AccessContext } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type RequestWorklist, worklistCondition } from './request-queries';

/** One informing worklist of an СМО's home page with its count. */
export interface InformingWorklistCount {
  id: RequestWorklist;
  title: string;
  count: number;
}

const titles: Record<RequestWorklist, string> = {
  'due-today': 'К информированию сегодня: заявки, срок которых истекает сегодня',
  overdue: 'Просрочено: заявки на информирование без результата после срока',
};

/**
 * An СМО's informing worklists: its open requests whose deadline is today (к информированию сегодня) and those
 * past their deadline (просрочено). Each count runs the condition its list runs (`worklistCondition` of
 * db/request-queries.ts, the list's `?worklist=`) with the СМО stated as row-level security states it, so it
 * equals the rows the list shows; both walk `request_smo_open`. Counting reads no personal data: no audit. Only
 * an СМО informs: the others have no such worklist.
 */
export async function informingWorklists(tx: Tx, who: AccessContext): Promise<InformingWorklistCount[]> {
  if (who.orgKind !== 'SMO') return [];
  const counts: InformingWorklistCount[] = [];
  for (const id of ['due-today', 'overdue'] as const) {
    const [row] = await tx<{ count: number }[]>`
      select count(*)::int as count from informing.request r
      where r.smo_code = ${who.orgCode} and ${worklistCondition(tx, id)}`;
    counts.push({ id, title: titles[id], count: row!.count });
  }
  return counts;
}
