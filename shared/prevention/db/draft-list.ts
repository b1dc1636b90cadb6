import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { PreventionKind } from '../domain/exam-steps';

/** One person of an МО's draft plan list: what a plan-entry record needs, with the name to show. */
export interface DraftEntry {
  sourceId: string;
  patient: { enp: string };
  personId: string;
  fio: string;
  birthDate: string;
  year: number;
  kind: PreventionKind;
  months: number[];
  districtCode: string | null;
  doctorSnils: string | null;
}

/**
 * The МО's draft plan list for a year and kind (docs/design/prevention-exchange.md, "Eligibility"): its persons
 * attached on 1 January of the year (or since, up to today), of an age the kind calls for in that year — the rules
 * of `domain/eligibility.ts` stated in SQL (test/integration/prevention-draft.int.test.ts compares the two) — less
 * those who finished that kind in the year and those already on the МО's plan; ДН: the persons with an open ДН
 * record, in the months of its visit windows. ПМО and ДВН are planned in the person's birth month. УДВН has no
 * draft (the МО adds its persons itself). A page at a time, in district and surname order; audited.
 */
export async function draftList(
  tx: Tx,
  q: { moCode: string; year: number; kind: PreventionKind; page: number; pageSize: number },
): Promise<{ items: DraftEntry[]; hasMore: boolean }> {
  if (q.kind === 'UDVN') return { items: [], hasMore: false };
  const rows = await tx<DraftEntry[]>`
    with attached as (
      select distinct on (a.person_id) a.person_id, a.district_code, a.doctor_snils
      from person.attachment a
      where a.mo_code = ${q.moCode}
        and a.date_beg <= least(current_date, make_date(${q.year}, 12, 31))
        and (a.date_end is null or a.date_end >= make_date(${q.year}, 1, 1))
      order by a.person_id, a.date_beg desc
    ), candidates as (
      select t.person_id, t.district_code, t.doctor_snils, p.fam, p.im, p.ot, p.birth_date, p.enp,
             ${q.year}::int - extract(year from p.birth_date)::int as age
      from attached t join person.person p on p.id = t.person_id
      where p.enp is not null
    ), eligible as (
      select c.*,
             case when ${q.kind} = 'DN' then
               array(select distinct extract(month from g)::int
                     from prevention.dispensary d, unnest(d.visit_from, d.visit_to) w(f, t),
                          generate_series(greatest(w.f, make_date(${q.year}, 1, 1)),
                                          least(w.t, make_date(${q.year}, 12, 31)), interval '1 month') g
                     where d.mo_code = ${q.moCode} and d.person_id = c.person_id and d.date_out is null
                     order by 1)
             else array[extract(month from c.birth_date)::int] end as months
      from candidates c
      where case ${q.kind}
              when 'DVN' then c.age >= 40 or (c.age between 18 and 39 and (c.age - 18) % 3 = 0)
              when 'PMO' then c.age >= 18 and not (c.age >= 40 or (c.age between 18 and 39 and (c.age - 18) % 3 = 0))
              else exists (select 1 from prevention.dispensary d
                           where d.mo_code = ${q.moCode} and d.person_id = c.person_id and d.date_out is null)
            end
        and not exists (select 1 from prevention.plan_entry e
                        where e.mo_code = ${q.moCode} and e.year = ${q.year} and e.kind = ${q.kind}
                          and e.person_id = c.person_id)
        and not exists (select 1 from prevention.step s
                        where s.person_id = c.person_id and s.year = ${q.year} and s.kind = ${q.kind}
                          and s.step in (103, 107, 108, 109, 203, 204, 205))
    )
    select concat('draft-', ${q.year}::int, '-', ${q.kind}::text, '-', e.enp) as "sourceId",
           json_build_object('enp', e.enp) as patient, e.person_id::text as "personId",
           concat_ws(' ', e.fam, e.im, e.ot) as fio, e.birth_date::text as "birthDate", ${q.year}::int as year,
           ${q.kind}::text as kind, e.months, e.district_code as "districtCode", e.doctor_snils as "doctorSnils"
    from eligible e
    where ${q.kind} <> 'DN' or cardinality(e.months) > 0
    order by e.district_code, e.fam, e.im, e.person_id
    limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}`;
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) {
    await audit(tx, 'read', 'person.attachment', { persons: items.map((i) => i.personId) });
  }
  return { items, hasMore: rows.length > q.pageSize };
}
