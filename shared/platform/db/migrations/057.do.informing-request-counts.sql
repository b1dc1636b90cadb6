-- Informing area (issue 14): the fund's and each СМО's timeliness of informing from counters. Measured at 1,000,000
-- persons (1,016,796 requests over a year) before this migration: 770 ms p50, 806 ms p95 for a year, counting the
-- requests under row-level security (goal 1,000 ms, and it grows with the region).

-- Counters per request date × СМО × reason × status × deadline × closed by the deadline. Whether an open request is
-- overdue depends on the day it is read, so the deadline is part of the key (the rules' deadlines are a few days
-- after the request date: few keys per day). No personal data; the fund reads all, an СМО its own (an МО counts the
-- requests it sent directly: few rows, its `request_sender` index).
create table informing.request_count (
  request_date  date not null,
  smo_code      text not null,
  reason        text not null,
  status        text not null,
  deadline      date not null,
  on_time       boolean not null,
  n             bigint not null,
  primary key (request_date, smo_code, reason, status, deadline, on_time)
);
create index request_count_smo on informing.request_count (smo_code, request_date);
alter table informing.request_count enable row level security;
create policy request_count_read on informing.request_count for select
  using (app.org_kind() = 'TFOMS' or smo_code = app.org_code());
grant select on informing.request_count to omslink_app;

-- Adds the requests of `p_rows` (JSON) to the counters with sign `p_sign`, in key order (two writers touch shared
-- counters in the same order: no deadlock).
create function informing.count_requests(p_rows jsonb, p_sign integer) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  insert into informing.request_count as c (request_date, smo_code, reason, status, deadline, on_time, n)
  select request_date, smo_code, reason, status, deadline, coalesce(closed_on <= deadline, false), p_sign * count(*)
  from jsonb_to_recordset(p_rows) as r(request_date date, smo_code text, reason text, status text, deadline date,
                                       closed_on date)
  group by 1, 2, 3, 4, 5, 6
  order by 1, 2, 3, 4, 5, 6
  on conflict (request_date, smo_code, reason, status, deadline, on_time) do update set n = c.n + excluded.n $$;

-- Only the counted columns are compared and passed: an update that moves none of them (an assignment, a
-- change-sequence bump) cancels out in the multiset difference and writes no counter.
create function informing.request_counted() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  if tg_op = 'UPDATE' then
    perform informing.count_requests(coalesce(jsonb_agg(to_jsonb(d)), '[]'), -1)
    from (select request_date, smo_code, reason, status, deadline, closed_on from old_rows
          except all
          select request_date, smo_code, reason, status, deadline, closed_on from new_rows) d;
    perform informing.count_requests(coalesce(jsonb_agg(to_jsonb(d)), '[]'), 1)
    from (select request_date, smo_code, reason, status, deadline, closed_on from new_rows
          except all
          select request_date, smo_code, reason, status, deadline, closed_on from old_rows) d;
    return null;
  end if;
  perform informing.count_requests(coalesce(jsonb_agg(to_jsonb(d)), '[]'), 1)
  from (select request_date, smo_code, reason, status, deadline, closed_on from new_rows) d;
  return null;
end $$;

create trigger request_count_insert after insert on informing.request referencing new table as new_rows
  for each statement execute function informing.request_counted();
create trigger request_count_update after update on informing.request
  referencing old table as old_rows new table as new_rows
  for each statement execute function informing.request_counted();

-- Counts everything again (after a bulk load that ran with triggers off, as the bench's does). Owner only.
create function informing.recount_requests() returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  delete from informing.request_count;
  insert into informing.request_count (request_date, smo_code, reason, status, deadline, on_time, n)
  select request_date, smo_code, reason, status, deadline, coalesce(closed_on <= deadline, false), count(*)
  from informing.request group by 1, 2, 3, 4, 5, 6 $$;
revoke execute on function informing.recount_requests() from public;
select informing.recount_requests();
