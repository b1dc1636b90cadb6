-- Informing area (issue 14): the fund's and each СМО's summary of informing results per СМО, method and outcome
-- from counters. Measured at 1,000,000 persons (1,128,322 results over a year) before this migration: 1,301 ms p50,
-- 1,440 ms p95 for a year, counting the results under row-level security (goal 1,000 ms).

-- Counters per day × СМО × method × outcome. No personal data; the fund reads all, an СМО its own (an МО counts the
-- results of its own requests directly: few rows, its `result_sender_date` index).
create table informing.result_count (
  result_date  date not null,
  smo_code     text not null,
  method       smallint not null,
  outcome      smallint not null,
  n            bigint not null,
  primary key (result_date, smo_code, method, outcome)
);
create index result_count_smo on informing.result_count (smo_code, result_date);
alter table informing.result_count enable row level security;
create policy result_count_read on informing.result_count for select
  using (app.org_kind() = 'TFOMS' or smo_code = app.org_code());
grant select on informing.result_count to omslink_app;

-- Adds the results of `p_rows` (JSON) to the counters with sign `p_sign`, in key order (two writers touch shared
-- counters in the same order: no deadlock).
create function informing.count_results(p_rows jsonb, p_sign integer) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  insert into informing.result_count as c (result_date, smo_code, method, outcome, n)
  select result_date, smo_code, method, outcome, p_sign * count(*)
  from jsonb_to_recordset(p_rows) as r(result_date date, smo_code text, method smallint, outcome smallint)
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (result_date, smo_code, method, outcome) do update set n = c.n + excluded.n $$;

create function informing.result_counted() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  if tg_op = 'UPDATE' then
    perform informing.count_results((select coalesce(jsonb_agg(to_jsonb(o)), '[]') from old_rows o), -1);
  end if;
  perform informing.count_results((select coalesce(jsonb_agg(to_jsonb(n)), '[]') from new_rows n), 1);
  return null;
end $$;

create trigger result_count_insert after insert on informing.result referencing new table as new_rows
  for each statement execute function informing.result_counted();
create trigger result_count_update after update on informing.result
  referencing old table as old_rows new table as new_rows
  for each statement execute function informing.result_counted();

-- Counts everything again (after a bulk load that ran with triggers off, as the bench's does). Owner only.
create function informing.recount_results() returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  delete from informing.result_count;
  insert into informing.result_count (result_date, smo_code, method, outcome, n)
  select result_date, smo_code, method, outcome, count(*) from informing.result group by 1, 2, 3, 4 $$;
revoke execute on function informing.recount_results() from public;
select informing.recount_results();
