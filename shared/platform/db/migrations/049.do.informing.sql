-- Informing area, first part (issue 14, docs/design/informing-exchange.md): informing requests (заявки на
-- информирование) routed to the person's СМО, the СМО's informing results, and the rules that generate requests
-- from what the system already holds (prevention plans, steps, ДН; planned hospitalisations) as data ТФОМС tunes.
-- Personal data: the sender, the person's СМО and ТФОМС read a request; the СМО and ТФОМС (and the request's sender)
-- its results.

create schema informing;
create sequence informing.change_seq;

create table informing.package (
  id           bigint generated always as identity primary key,
  package_id   text not null,
  sender_code  text not null references org.organisation (code),
  kind         text not null check (kind in ('request', 'result')),
  channel      text not null,
  username     text not null,
  received_at  timestamptz not null default now(),
  status       text not null check (status in ('accepted', 'partially_accepted', 'rejected')),
  total        integer not null,
  accepted     integer not null,
  rejected     integer not null,
  protocol     jsonb not null,
  unique (sender_code, kind, package_id)
);

create table informing.request (
  id             bigint generated always as identity primary key,
  sender_code    text not null references org.organisation (code),
  source_id      text not null,
  package_ref    bigint references informing.package (id),
  person_id      bigint not null references person.person (id),
  smo_code       text not null references org.organisation (code),
  reason         text not null
                 check (reason in ('PMO', 'DVN1', 'DVN2', 'UDVN', 'DN', 'HOSP_PLANNED', 'ONCO', 'OTHER')),
  primary_inf    smallint not null default 1 check (primary_inf in (1, 2)),
  request_date   date not null default current_date,
  window_from    date,
  window_to      date,
  deadline       date not null,
  mo_code        text references org.organisation (code),
  district_code  text,
  comment        text,
  -- Generated requests: the rule and the fact (e.g. 'plan_entry:123'), unique per reason and person.
  rule_id        text,
  source_fact    text,
  status         text not null default 'open' check (status in ('open', 'informed', 'refused', 'closed')),
  closed_on      date,
  attempts       smallint not null default 0,
  assignee       text,
  received_at    timestamptz not null default now(),
  change_seq     bigint not null default nextval('informing.change_seq'),
  unique (sender_code, source_id)
);
create unique index request_fact on informing.request (reason, person_id, source_fact) where source_fact is not null;
create index request_smo_open on informing.request (smo_code, deadline, id) where status = 'open';
create index request_smo on informing.request (smo_code, request_date desc, id);
create index request_sender on informing.request (sender_code, request_date desc, id);
create index request_smo_seq on informing.request (smo_code, change_seq);
create index request_person on informing.request (person_id);

create table informing.result (
  id            bigint generated always as identity primary key,
  sender_code   text not null references org.organisation (code),
  source_id     text not null,
  package_ref   bigint references informing.package (id),
  request_id    bigint not null references informing.request (id),
  person_id     bigint not null references person.person (id),
  smo_code      text not null references org.organisation (code),
  request_sender text not null,
  result_date   date not null,
  method        smallint not null check (method between 1 and 7),
  step          smallint not null check (step between 1 and 4),
  outcome       smallint not null check (outcome between 1 and 5),
  operator      text,
  received_at   timestamptz not null default now(),
  change_seq    bigint not null default nextval('informing.change_seq'),
  unique (sender_code, source_id)
);
create index result_request on informing.result (request_id);
create index result_smo_seq on informing.result (smo_code, change_seq);
create index result_sender_seq on informing.result (request_sender, change_seq);

-- The generation rules: a request per matching fact whose window starts within lead_days; deadline_days after
-- the run (never after the window ends).
create table informing.rule (
  id             text primary key,
  reason         text not null,
  title          text not null,
  enabled        boolean not null default true,
  lead_days      smallint not null check (lead_days between 0 and 366),
  deadline_days  smallint not null check (deadline_days between 0 and 366),
  updated_by     text,
  updated_at     timestamptz not null default now()
);
insert into informing.rule (id, reason, title, lead_days, deadline_days) values
  ('plan-pmo', 'PMO', 'Приглашение на профилактический осмотр по плану МО', 30, 14),
  ('plan-dvn', 'DVN1', 'Приглашение на диспансеризацию (I этап) по плану МО', 30, 14),
  ('plan-udvn', 'UDVN', 'Приглашение на углублённую диспансеризацию по плану МО', 30, 14),
  ('stage-2', 'DVN2', 'Приглашение на II этап диспансеризации после направления', 0, 5),
  ('dn-visit', 'DN', 'Напоминание о плановом посещении диспансерного наблюдения', 30, 14),
  ('hosp-planned', 'HOSP_PLANNED', 'Напоминание о дате плановой госпитализации', 7, 3);

alter table informing.package enable row level security;
alter table informing.request enable row level security;
alter table informing.result enable row level security;
alter table informing.rule enable row level security;

create policy package_read on informing.package for select
  using (app.org_kind() = 'TFOMS' or sender_code = app.org_code());
create policy package_write on informing.package for insert with check (sender_code = app.org_code());
create policy package_finish on informing.package for update
  using (sender_code = app.org_code()) with check (sender_code = app.org_code());

create policy request_read on informing.request for select
  using (app.org_kind() = 'TFOMS' or smo_code = app.org_code() or sender_code = app.org_code());
create policy request_insert on informing.request for insert
  with check (app.org_kind() = 'MO' and sender_code = app.org_code());
-- The СМО works its requests (status, attempts, assignee); the sender changes what it sent.
create policy request_update on informing.request for update
  using (smo_code = app.org_code() or sender_code = app.org_code())
  with check (smo_code = app.org_code() or sender_code = app.org_code());

create policy result_read on informing.result for select
  using (app.org_kind() = 'TFOMS' or smo_code = app.org_code() or request_sender = app.org_code());
create policy result_insert on informing.result for insert
  with check (app.org_kind() = 'SMO' and smo_code = app.org_code() and sender_code = app.org_code());
create policy result_update on informing.result for update
  using (smo_code = app.org_code()) with check (smo_code = app.org_code() and sender_code = app.org_code());

create policy rule_read on informing.rule for select using (app.username() is not null);
create policy rule_write on informing.rule for update using (app.org_kind() = 'TFOMS') with check (app.org_kind() = 'TFOMS');

create trigger audit_insert after insert on informing.request referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on informing.request referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_insert after insert on informing.result referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on informing.result referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();

-- What a result's checks need of the requests it names, across scopes for the calling СМО only: each request by
-- our id or by its sender and source id, with its СМО, status and dates.
create function informing.requests_for_results(p_ids bigint[], p_senders text[], p_source_ids text[])
returns table (key text, id bigint, smo_code text, status text, request_date date, person_id bigint,
               sender_code text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select 'id:' || r.id, r.id, r.smo_code, r.status, r.request_date, r.person_id, r.sender_code
  from informing.request r where r.id = any(p_ids) and app.org_kind() = 'SMO'
  union all
  select 'src:' || r.sender_code || '/' || r.source_id, r.id, r.smo_code, r.status, r.request_date, r.person_id,
         r.sender_code
  from unnest(p_senders, p_source_ids) q(sender, source_id)
  join informing.request r on r.sender_code = q.sender and r.source_id = q.source_id
  where app.org_kind() = 'SMO' $$;
grant execute on function informing.requests_for_results(bigint[], text[], text[]) to omslink_app;

-- One run of the enabled rules on p_today (ТФОМС's generation): a request per fact, to the person's СМО on that day,
-- deadline p_today + deadline_days but not after the window ends; a fact that has its request gets none again.
-- Answers the requests made per rule. SECURITY DEFINER: it reads the prevention and hospitalisation tables across
-- scopes and writes requests under the fund's code; only the fund may call it.
create function informing.generate(p_today date)
returns table (rule_id text, made integer)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  r record;
  n integer;
  fund text;
begin
  if app.org_kind() is distinct from 'TFOMS' then
    raise exception 'only the fund generates informing requests' using errcode = '42501';
  end if;
  fund := app.org_code();
  for r in select * from informing.rule where enabled order by id loop
    with facts as (
      -- Plan entries not started whose month (or quarter) begins within the lead time.
      select 'plan_entry:' || e.id as fact, e.person_id, e.mo_code, e.district_code,
             make_date(e.year, m.month, 1) as window_from,
             (make_date(e.year, m.month, 1) + interval '1 month - 1 day')::date as window_to
      from prevention.plan_entry e
      cross join lateral (
        select min(x)::int as month from unnest(e.months) x
        where make_date(e.year, x, 1) + interval '1 month' > p_today) m
      where r.reason in ('PMO', 'DVN1', 'UDVN') and e.kind = case r.reason when 'PMO' then 'PMO'
                                                                         when 'DVN1' then 'DVN' else 'UDVN' end
        and not e.withdrawn and e.furthest_step is null and m.month is not null
        and make_date(e.year, m.month, 1) <= p_today + r.lead_days
      union all
      -- Sent to stage 2 (the furthest step 104): invite within days.
      select 'plan_entry:' || e.id, e.person_id, e.mo_code, e.district_code, e.furthest_step_date,
             (e.furthest_step_date + 30)
      from prevention.plan_entry e
      where r.reason = 'DVN2' and e.furthest_step = 104 and not e.withdrawn
        and e.furthest_step_date >= p_today - 30
      union all
      -- ДН: the next visit window of an open observation opening within the lead time, no visit since it opened.
      select 'dispensary:' || d.id || ':' || w.f, d.person_id, d.mo_code, null, w.f, w.t
      from prevention.dispensary d
      cross join lateral (
        select f, t from unnest(d.visit_from, d.visit_to) v(f, t)
        where t >= p_today and (d.last_visit is null or d.last_visit < f) order by f limit 1) w
      where r.reason = 'DN' and d.date_out is null and w.f <= p_today + r.lead_days
      union all
      -- An issued referral's planned hospitalisation within the lead time.
      select 'referral:' || h.id, h.person_id, h.to_mo_code, null, h.planned_date, h.planned_date
      from hosp.referral h
      where r.reason = 'HOSP_PLANNED' and h.status = 'issued'
        and h.planned_date between p_today and p_today + r.lead_days
    ), routed as (
      select f.*, po.smo_code
      from facts f
      join lateral (select smo_code from person.policy po
                    where po.person_id = f.person_id and po.date_beg <= p_today
                      and (po.date_end is null or po.date_end >= p_today)
                    order by po.date_beg desc limit 1) po on true
    ), made as (
      insert into informing.request (sender_code, source_id, person_id, smo_code, reason, primary_inf,
                                     request_date, window_from, window_to, deadline, mo_code, district_code,
                                     rule_id, source_fact)
      select fund, 'gen:' || r.id || ':' || f.fact, f.person_id, f.smo_code, r.reason, 1, p_today,
             f.window_from, f.window_to,
             greatest(p_today, least(p_today + r.deadline_days, coalesce(f.window_to, p_today + r.deadline_days))),
             f.mo_code, f.district_code, r.id, f.fact
      from routed f
      order by f.fact
      on conflict do nothing
      returning 1
    )
    select count(*)::int into n from made;
    rule_id := r.id;
    made := n;
    return next;
  end loop;
end $$;
revoke execute on function informing.generate(date) from public;
grant execute on function informing.generate(date) to omslink_app;

insert into flk.rule (id, f012_code, field, severity, message) values
  ('INF.WINDOW', '904', 'windowTo', 'error', 'Окно информирования заканчивается раньше, чем начинается'),
  ('INF.DEADLINE', '904', 'deadline', 'error',
   'Срок информирования раньше даты заявки или позже окончания окна'),
  ('INF.PERSON.NO_SMO', '904', 'patient', 'error',
   'У гражданина нет действующего полиса на дату заявки: заявку некому направить'),
  ('INF.REQUEST.UNKNOWN', '904', 'requestId', 'error', 'Заявка на информирование не найдена среди заявок СМО'),
  ('INF.RESULT.DATE', '904', 'date', 'error', 'Дата информирования в будущем или раньше даты заявки'),
  ('INF.RESULT.CLOSED', '904', 'requestId', 'error',
   'Заявка уже закрыта: гражданин проинформирован, отказался или выбыл');

grant usage on schema informing to omslink_app;
grant select, insert on informing.package to omslink_app;
grant update (status, total, accepted, rejected, protocol) on informing.package to omslink_app;
grant select, insert, update on informing.request, informing.result to omslink_app;
grant select on informing.rule to omslink_app;
grant update (enabled, lead_days, deadline_days, updated_by, updated_at) on informing.rule to omslink_app;
grant usage on all sequences in schema informing to omslink_app;
