-- The set-based exchange functions of migration 017 as PL/pgSQL (issue 10). As SQL functions PostgreSQL 17
-- planned their statements again on every call — 0.45 ms for matching waiting stays and 0.6 ms for resolving
-- identities, more than running them, on every package. PL/pgSQL keeps a statement's plans for the connection
-- (custom plans first, the generic one once it proves no worse); a small package's transaction asks for generic
-- plans outright (plan_cache_mode, shared/platform/exchange/package-processor.ts), a file's packages are planned
-- for their arrays. The bodies are those of migration 017 unchanged; `#variable_conflict use_column` keeps column
-- names meaning columns.

create or replace function app.link_persons(p_person_ids bigint[], p_org_codes text[], p_source text) returns void
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  insert into person.person_link (person_id, org_code, source)
  select distinct l.person_id, l.org_code, p_source
  from unnest(p_person_ids, p_org_codes) l(person_id, org_code)
  where l.person_id is not null and l.org_code is not null
  on conflict do nothing;
end $$;

create or replace function hosp.match_waiting_stays_of(p_referral_ids bigint[])
returns table (referral_id bigint, stay_id bigint, person_id bigint)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
#variable_conflict use_column
begin
  return query
  with matched as (
    update hosp.stay s
    set referral_id = r.id, referring_mo_code = r.from_mo_code, updated_at = now(),
        change_seq = nextval('hosp.change_seq')
    from hosp.referral r
    where r.id = any(p_referral_ids) and r.from_mo_code = app.org_code()
      and s.referral_id is null and s.kind = 'planned' and s.referral_number = r.number
      and s.mo_code = r.to_mo_code
    returning r.id as referral_id, s.id as stay_id, s.person_id, s.discharged_on
  ), counted as (
    select m.referral_id, count(*)::int as stays, bool_or(m.discharged_on is not null) as discharged
    from matched m group by m.referral_id
  ), statuses as (
    update hosp.referral r
    set status = case when c.discharged then 'discharged' else 'admitted' end, updated_at = now(),
        change_seq = nextval('hosp.change_seq')
    from counted c
    where r.id = c.referral_id and r.status = 'issued'
    returning r.id
  ), events as (
    insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                            from_mo_code, to_mo_code, smo_code)
    select 'referral', r.id, 'matched', app.org_code(), app.username(), app.channel(),
           jsonb_build_object('stays', c.stays), r.person_id, r.from_mo_code, r.to_mo_code, r.smo_code
    from counted c join hosp.referral r on r.id = c.referral_id
    order by r.id
  )
  select m.referral_id, m.stay_id, m.person_id from matched m;
end $$;

create or replace function hosp.set_referral_statuses(p_referral_ids bigint[], p_status text) returns setof bigint
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  return query
  update hosp.referral set status = p_status, updated_at = now(), change_seq = nextval('hosp.change_seq')
  where id = any(p_referral_ids) and status <> p_status
    and (to_mo_code = app.org_code() or from_mo_code = app.org_code())
  returning id;
end $$;

create or replace function hosp.referrals_by_number(p_numbers text[])
returns table (number text, id bigint, sender_code text, source_id text, to_mo_code text, from_mo_code text,
               status text, referral_date date, valid_until date, person_id bigint, smo_code text,
               cancel_source_id text, cancel_org_code text)
  language plpgsql stable security definer
  set search_path = pg_catalog, pg_temp as $$
#variable_conflict use_column
begin
  return query
  select r.number, r.id, r.sender_code, r.source_id, r.to_mo_code, r.from_mo_code, r.status, r.referral_date,
         r.valid_until, r.person_id, r.smo_code,
         case when app.org_code() in (r.from_mo_code, r.to_mo_code, r.smo_code) then r.cancel_source_id end,
         case when app.org_code() in (r.from_mo_code, r.to_mo_code, r.smo_code) then r.cancel_org_code end
  from hosp.referral r where r.number = any(p_numbers);
end $$;

create or replace function person.resolve_identities(
  p_keys text[], p_enp text[], p_snils text[], p_fam text[], p_im text[], p_ot text[], p_birth_dates date[],
  p_doc_ser text[], p_doc_num text[], p_on_dates date[], p_require_document boolean default true)
returns table (
  key text, person_id bigint, method text, candidates integer, mismatch boolean,
  policy_type smallint, policy_number text, smo_code text, policy_date_beg date, policy_date_end date,
  sex smallint)
  language plpgsql stable security definer
  set search_path = pg_catalog, pg_temp as $$
#variable_conflict use_column
begin
  return query
  with q as (
    select * from unnest(p_keys, p_enp, p_snils, p_fam, p_im, p_ot, p_birth_dates, p_doc_ser, p_doc_num,
                         p_on_dates) as q(key, enp, snils, fam, im, ot, birth_date, doc_ser, doc_num, on_date)
  ), by_enp as (
    select q.key, q.fam as sent_fam, q.im as sent_im, q.birth_date as sent_birth_date,
           coalesce(q.on_date, current_date) as on_date, p.id, p.fam, p.im, p.birth_date, p.sex
    from q join person.person p on p.enp = q.enp
    where nullif(q.enp, '') is not null
  )
  select e.key, e.id, 'enp'::text, 1,
         case when e.sent_fam is null or e.sent_fam = e.fam then false
              else nullif(person.norm_name(e.sent_fam), '') is not null
                   and person.norm_name(e.fam) <> person.norm_name(e.sent_fam) end
         or case when e.sent_im is null or e.sent_im = e.im then false
                 else nullif(person.norm_name(e.sent_im), '') is not null
                      and person.norm_name(e.im) <> person.norm_name(e.sent_im) end
         or (e.sent_birth_date is not null and e.birth_date <> e.sent_birth_date),
         po.policy_type, po.number, po.smo_code, po.date_beg, po.date_end, e.sex
  from by_enp e
  left join lateral (
    select * from person.policy x
    where x.person_id = e.id and x.date_beg <= e.on_date and (x.date_end is null or x.date_end >= e.on_date)
    order by x.date_beg desc limit 1) po on true
  union all
  select q.key, r.*
  from q
  cross join lateral person.resolve_identity(q.enp, q.snils, q.fam, q.im, q.ot, q.birth_date, q.doc_ser,
                                             q.doc_num, q.on_date, p_require_document) r
  where not exists (select 1 from by_enp e where e.key = q.key);
end $$;
