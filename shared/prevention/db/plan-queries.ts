import type postgres from 'postgres';
import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { PreventionKind } from '../domain/exam-steps';

export interface PlanQuery {
  year: number;
  kind?: PreventionKind | undefined;
  moCode?: string | undefined;
  personId?: string | undefined;
  districtCode?: string | undefined;
  /** Entries planned for this month (or its quarter). */
  month?: number | undefined;
  withWithdrawn?: boolean | undefined;
  page: number;
  pageSize: number;
}

export interface PlanEntryView {
  id: string;
  sourceId: string;
  moCode: string;
  personId: string;
  fio: string;
  birthDate: string;
  enp: string;
  smoCode: string | null;
  year: number;
  kind: PreventionKind;
  months: number[];
  quarter: number | null;
  districtCode: string | null;
  doctorSnils: string | null;
  category: number;
  withdrawn: boolean;
  furthestStep: number | null;
  furthestStepDate: string | null;
}

/**
 * A page of the plan entries the caller may read (row-level security: the МО its own, the СМО its insured, the fund
 * all) for a year, by kind, МО, district and month (`planEntryPage`).
 */
export async function listPlanEntries(
  tx: Tx,
  q: PlanQuery,
): Promise<{ items: PlanEntryView[]; hasMore: boolean }> {
  const month = q.month ?? null;
  return planEntryPage(
    tx,
    tx`e.year = ${q.year}
      and (${q.kind ?? null}::text is null or e.kind = ${q.kind ?? null})
      and (${q.moCode ?? null}::text is null or e.mo_code = ${q.moCode ?? null})
      and (${q.personId ?? null}::bigint is null or e.person_id = ${q.personId ?? null}::bigint)
      and (${q.districtCode ?? null}::text is null or e.district_code = ${q.districtCode ?? null})
      and (${month}::int is null or ${month}::smallint = any(e.months) or e.quarter = (${month}::int + 2) / 3)
      and (${q.withWithdrawn ?? false} or not e.withdrawn)`,
    q,
  );
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/**
 * A page of plan entries matching `where` (over `prevention.plan_entry e`) within the caller's scope, in `order`
 * (by default МО, district and surname), with the person's name, birth date and ЕНП; whether another page follows. Audited:
 * the persons shown.
 */
export async function planEntryPage(
  tx: Tx,
  where: Fragment,
  q: { page: number; pageSize: number },
  order: Fragment = tx`e.mo_code, e.district_code nulls last, p.fam, p.im, e.id`,
): Promise<{ items: PlanEntryView[]; hasMore: boolean }> {
  const rows = await tx<PlanEntryView[]>`
    select e.id::text, e.source_id as "sourceId", e.mo_code as "moCode", e.person_id::text as "personId",
           concat_ws(' ', p.fam, p.im, p.ot) as fio, p.birth_date::text as "birthDate", p.enp, e.smo_code as "smoCode",
           e.year, e.kind, e.months::int[] as months, e.quarter, e.district_code as "districtCode",
           e.doctor_snils as "doctorSnils", e.category, e.withdrawn, e.furthest_step as "furthestStep",
           e.furthest_step_date::text as "furthestStepDate"
    from prevention.plan_entry e
    join person.person p on p.id = e.person_id
    where ${where}
    order by ${order}
    limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}`;
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) {
    await audit(tx, 'read', 'prevention.plan_entry', {
      records: items.map((i) => i.id),
      persons: items.map((i) => i.personId),
    });
  }
  return { items, hasMore: rows.length > q.pageSize };
}
