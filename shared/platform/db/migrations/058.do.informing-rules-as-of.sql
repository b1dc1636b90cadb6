-- Informing area (issue 14): the stage-2 and onco rules read the facts as of the run's date. A run for a past date
-- (the demo replays a year of weekly runs) made every stage-2 invitation on its first run, before the steps it
-- invited for had happened, and no onco request for a suspicion diagnosed only later; a run for today is unchanged.
-- The function is repeated whole, as `create or replace` in a linear migration must be.

create or replace function informing.generate(p_today date)
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
        and e.furthest_step_date between p_today - 30 and p_today
      union all
      -- ДН: the next visit window of an open observation opening within the lead time, no visit since it opened.
      select 'dispensary:' || d.id || ':' || w.f, d.person_id, d.mo_code, null, w.f, w.t
      from prevention.dispensary d
      cross join lateral (
        select f, t from unnest(d.visit_from, d.visit_to) v(f, t)
        where t >= p_today and (d.last_visit is null or d.last_visit < f) order by f limit 1) w
      where r.reason = 'DN' and d.date_out is null and w.f <= p_today + r.lead_days
      union all
      -- A suspicion of cancer (DS_ONK = 1) not followed by a diagnosis within the rule's lead days (here: the days
      -- waited), and no older than 90 days: the person is told where to go for the examination.
      select 'onco:' || o.person_id || ':' || o.suspicion_date, o.person_id, o.mo_codes[1], null,
             o.suspicion_date, o.suspicion_date + 30
      from registry.onco_person o
      where r.reason = 'ONCO' and (o.diagnosis_date is null or o.diagnosis_date > p_today)
        and o.suspicion_date is not null
        and o.suspicion_date <= p_today - r.lead_days and o.suspicion_date >= p_today - 90
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
