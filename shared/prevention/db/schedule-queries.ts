import type { Tx } from '../../platform/db/connection';
import type { PreventionKind } from '../domain/exam-steps';
import { type ScheduleGap, type SlotMethod, type SlotTimes, scheduleGaps } from '../domain/schedule';

export interface SlotQuery {
  moCode?: string | undefined;
  kind?: PreventionKind | undefined;
  method?: SlotMethod | undefined;
  evening?: boolean | undefined;
  saturday?: boolean | undefined;
  /** ISO dates, inclusive; `from` defaults to today, `to` to 92 days after `from`. */
  from?: string | undefined;
  to?: string | undefined;
  withCancelled?: boolean | undefined;
  page: number;
  pageSize: number;
}

export interface SlotView {
  id: string;
  sourceId: string;
  moCode: string;
  moName: string;
  kind: PreventionKind;
  departmentCode: string | null;
  date: string;
  timeFrom: string;
  timeTo: string;
  method: SlotMethod;
  address: string | null;
  capacity: number | null;
  comment: string | null;
  cancelled: boolean;
  evening: boolean;
  saturday: boolean;
  phones: string[];
}

/**
 * The published schedule slots in date order (every МО's: schedules carry no personal data), a page and whether
 * another follows. Each slot carries its МО's name and contact phones.
 */
export async function listScheduleSlots(
  tx: Tx,
  q: SlotQuery,
): Promise<{ items: SlotView[]; hasMore: boolean }> {
  const rows = await tx<SlotView[]>`
    with range as (
      select coalesce(${q.from ?? null}::date, current_date) as d1,
             coalesce(${q.to ?? null}::date, coalesce(${q.from ?? null}::date, current_date) + 92) as d2)
    select s.id::text, s.source_id as "sourceId", s.mo_code as "moCode", o.short_name as "moName", s.kind,
           s.department_code as "departmentCode", s.slot_date::text as date, to_char(s.time_from, 'HH24:MI') as "timeFrom",
           to_char(s.time_to, 'HH24:MI') as "timeTo", s.method, s.address, s.capacity, s.comment, s.cancelled,
           s.evening, s.saturday,
           coalesce((select array_agg(c.phone order by c.id) from prevention.contact c where c.mo_code = s.mo_code),
                    '{}') as phones
    from prevention.schedule_slot s
    cross join range r
    join org.organisation o on o.code = s.mo_code
    where s.slot_date between r.d1 and r.d2
      and (${q.moCode ?? null}::text is null or s.mo_code = ${q.moCode ?? null})
      and (${q.kind ?? null}::text is null or s.kind = ${q.kind ?? null})
      and (${q.method ?? null}::smallint is null or s.method = ${q.method ?? null})
      and (${q.evening ?? null}::boolean is null or s.evening = ${q.evening ?? null})
      and (${q.saturday ?? null}::boolean is null or s.saturday = ${q.saturday ?? null})
      and (${q.withCancelled ?? false} or not s.cancelled)
    order by s.slot_date, s.time_from, s.mo_code, s.id
    limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}`;
  return { items: rows.slice(0, q.pageSize), hasMore: rows.length > q.pageSize };
}

export interface ScheduleCompleteness {
  moCode: string;
  moName: string;
  month: string;
  missing: ScheduleGap[];
}

/**
 * The completeness check of the МО schedules over the months `from`..`to` (`YYYY-MM`): for each МО (one, or every
 * МО of the region) and month, what it offers none of — evening or Saturday hours, and mobile-team hours of an МО
 * with remote districts (`org.district.remote`, migration 048).
 */
export async function scheduleCompleteness(
  tx: Tx,
  q: { from: string; to: string; moCode?: string | undefined },
): Promise<ScheduleCompleteness[]> {
  const rows = await tx<
    {
      moCode: string;
      moName: string;
      remote: boolean;
      date: string;
      timeFrom: string;
      timeTo: string;
      method: SlotMethod;
    }[]
  >`
    select o.code as "moCode", o.short_name as "moName",
           exists (select 1 from org.district d
                   where d.mo_code = o.code and d.remote and (d.date_end is null or d.date_end >= current_date))
             as remote,
           s.slot_date::text as date,
           to_char(s.time_from, 'HH24:MI') as "timeFrom", to_char(s.time_to, 'HH24:MI') as "timeTo", s.method
    from org.organisation o
    left join prevention.schedule_slot s
      on s.mo_code = o.code and not s.cancelled
     and s.slot_date >= to_date(${q.from}, 'YYYY-MM') and s.slot_date < to_date(${q.to}, 'YYYY-MM') + interval '1 month'
    where o.kind = 'MO' and (${q.moCode ?? null}::text is null or o.code = ${q.moCode ?? null})
    order by o.code`;
  const months = monthsBetween(q.from, q.to);
  const byMo = new Map<string, { name: string; remote: boolean; slots: SlotTimes[] }>();
  for (const row of rows) {
    const entry = byMo.get(row.moCode) ?? { name: row.moName, remote: row.remote, slots: [] };
    if (row.date) entry.slots.push(row);
    byMo.set(row.moCode, entry);
  }
  return [...byMo].flatMap(([moCode, { name, remote, slots }]) =>
    scheduleGaps(slots, months, { remoteDistricts: remote }).map((gap) => ({ moCode, moName: name, ...gap })),
  );
}

/** `YYYY-MM` months from `from` to `to`, inclusive (at most 24). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  while (months.length < 24) {
    const m = `${year}-${String(month).padStart(2, '0')}`;
    months.push(m);
    if (m >= to) break;
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
