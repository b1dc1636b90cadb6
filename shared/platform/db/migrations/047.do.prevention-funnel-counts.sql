-- Prevention area, seventh part (issue 13, docs/design/prevention-exchange.md "Load"): the funnel from counters and
-- the due lists by index order, measured at 1,000,000 persons (813,459 plan entries) before this migration: the
-- region's funnel 355 ms p95, an МО's 456 ms, an СМО's 493 ms (each counted the plan entries under row-level
-- security), the due lists 215–233 ms (every due row of the month joined to its person to sort by surname).

-- Counters per year × kind × МО × district × СМО × furthest rank (0: not started), of the entries not withdrawn.
-- No personal data; row-level security keeps each organisation to its own side as the plan entries do.
create table prevention.funnel_count (
  year           smallint not null,
  kind           text not null,
  mo_code        text not null,
  district_code  text not null,
  smo_code       text not null,
  rank           smallint not null,
  n              bigint not null,
  primary key (year, kind, mo_code, district_code, smo_code, rank)
);
create index funnel_count_smo on prevention.funnel_count (smo_code, year, kind);
alter table prevention.funnel_count enable row level security;
create policy funnel_count_read on prevention.funnel_count for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or smo_code = app.org_code());
grant select on prevention.funnel_count to omslink_app;

-- Adds the rows of `p_rows` (plan entries as JSON) to the counters with sign `p_sign`, in key order (two writers
-- touch shared counters in the same order: no deadlock).
create function prevention.count_plan_entries(p_rows jsonb, p_sign integer) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  insert into prevention.funnel_count as c (year, kind, mo_code, district_code, smo_code, rank, n)
  select year, kind, mo_code, coalesce(district_code, ''), coalesce(smo_code, ''), coalesce(furthest_rank, 0),
         p_sign * count(*)
  from jsonb_to_recordset(p_rows) as r(year smallint, kind text, mo_code text, district_code text, smo_code text,
                                       furthest_rank smallint, withdrawn boolean)
  where not withdrawn
  group by 1, 2, 3, 4, 5, 6
  order by 1, 2, 3, 4, 5, 6
  on conflict (year, kind, mo_code, district_code, smo_code, rank) do update set n = c.n + excluded.n $$;

create function prevention.plan_entry_counted() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  if tg_op = 'UPDATE' then
    perform prevention.count_plan_entries(
      (select coalesce(jsonb_agg(to_jsonb(o)), '[]') from old_rows o), -1);
  end if;
  perform prevention.count_plan_entries((select coalesce(jsonb_agg(to_jsonb(n)), '[]') from new_rows n), 1);
  return null;
end $$;

create trigger funnel_count_insert after insert on prevention.plan_entry referencing new table as new_rows
  for each statement execute function prevention.plan_entry_counted();
create trigger funnel_count_update after update on prevention.plan_entry
  referencing old table as old_rows new table as new_rows
  for each statement execute function prevention.plan_entry_counted();

-- Counts everything again (after a bulk load that ran with triggers off, as the bench's does). Owner only.
create function prevention.recount_funnel() returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  delete from prevention.funnel_count;
  insert into prevention.funnel_count (year, kind, mo_code, district_code, smo_code, rank, n)
  select year, kind, mo_code, coalesce(district_code, ''), coalesce(smo_code, ''), coalesce(furthest_rank, 0), count(*)
  from prevention.plan_entry where not withdrawn
  group by 1, 2, 3, 4, 5, 6 $$;
revoke execute on function prevention.recount_funnel() from public;
select prevention.recount_funnel();

-- The due lists walk an index in their order and stop at the page: the person's name to sort by is kept on the
-- entry (`sort_name`, written with it; the list shows the register's current name), and the partial indexes hold
-- only the entries not started.
alter table prevention.plan_entry add column sort_name text not null default '';
update prevention.plan_entry e set sort_name = concat_ws(' ', p.fam, p.im, p.ot)
from person.person p where p.id = e.person_id;
create index plan_entry_mo_due on prevention.plan_entry (mo_code, year, district_code, sort_name, id)
  where furthest_step is null and not withdrawn;
create index plan_entry_smo_due on prevention.plan_entry (smo_code, year, sort_name, id)
  where furthest_step is null and not withdrawn;
