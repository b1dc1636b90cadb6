-- Packages at the speed of the database (issue 10): the package processor checks and writes a package's records
-- a set at a time, and writes one audit entry per package naming every record and person it touched.

-- ---------------------------------------------------------------------------------------------------------
-- Audit. A package writes its own entry (shared/platform/exchange/package-processor.ts) and says so for its
-- transaction (`omslink.audit_bulk`, as the ЕРЗ import does since migration 009): the statement triggers of the
-- exchange tables then stay quiet. Every other write to them (an operator's correction, a future path) is
-- audited by the triggers as before.
create or replace function audit.exchange_table_changed() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  ids text[];
  persons bigint[];
  action text := case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end;
begin
  if app.setting('omslink.audit_bulk') = 'on' then
    return null;
  end if;
  if tg_op = 'DELETE' then
    select coalesce(array_agg(id::text), '{}'), coalesce(array_agg(distinct person_id), '{}')
      into ids, persons from old_rows;
  else
    select coalesce(array_agg(id::text), '{}'), coalesce(array_agg(distinct person_id), '{}')
      into ids, persons from new_rows;
  end if;
  if cardinality(ids) > 0 then
    perform audit.record(action, tg_table_schema || '.' || tg_table_name, ids, persons);
  end if;
  return null;
end $$;

-- The searches of shared/audit/db read the log newest first (audit_at_id, which also serves a period) and filter
-- by user, organisation, entity, request, person and record (one index each). The BRIN index on `at` serves
-- nothing audit_at_id does not, and every entry paid for it.
drop index audit.audit_at;

-- ---------------------------------------------------------------------------------------------------------
-- Set-based versions of the exchange's SECURITY DEFINER helpers, called once per package instead of per record.

-- Links organisations to persons (app.link_person for many pairs at once).
create function app.link_persons(p_person_ids bigint[], p_org_codes text[], p_source text) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  insert into person.person_link (person_id, org_code, source)
  select distinct l.person_id, l.org_code, p_source
  from unnest(p_person_ids, p_org_codes) l(person_id, org_code)
  where l.person_id is not null and l.org_code is not null
  on conflict do nothing $$;

-- Referrals just sent by the caller (the referring МО) match the planned stays that wait for them at their
-- hospital (hosp.match_waiting_stays for many referrals at once): the stays get the referral, the referral
-- becomes admitted (or discharged, when one of its stays is), and its history says so. Answers the stays matched.
create function hosp.match_waiting_stays_of(p_referral_ids bigint[])
returns table (referral_id bigint, stay_id bigint, person_id bigint)
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
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
  select m.referral_id, m.stay_id, m.person_id from matched m $$;

-- The hospital admits or discharges on referrals other МО sent (hosp.set_referral_status for many at once):
-- answers the referrals whose status changed.
create function hosp.set_referral_statuses(p_referral_ids bigint[], p_status text) returns setof bigint
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  update hosp.referral set status = p_status, updated_at = now(), change_seq = nextval('hosp.change_seq')
  where id = any(p_referral_ids) and status <> p_status
    and (to_mo_code = app.org_code() or from_mo_code = app.org_code())
  returning id $$;

-- Referrals by number across scopes (hosp.referral_by_number for many numbers at once), with who cancelled them
-- and under which record where the caller is a party to the referral (as row-level security would show it).
create function hosp.referrals_by_number(p_numbers text[])
returns table (number text, id bigint, sender_code text, source_id text, to_mo_code text, from_mo_code text,
               status text, referral_date date, valid_until date, person_id bigint, smo_code text,
               cancel_source_id text, cancel_org_code text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select r.number, r.id, r.sender_code, r.source_id, r.to_mo_code, r.from_mo_code, r.status, r.referral_date,
         r.valid_until, r.person_id, r.smo_code,
         case when app.org_code() in (r.from_mo_code, r.to_mo_code, r.smo_code) then r.cancel_source_id end,
         case when app.org_code() in (r.from_mo_code, r.to_mo_code, r.smo_code) then r.cancel_org_code end
  from hosp.referral r where r.number = any(p_numbers) $$;

grant execute on function app.link_persons(bigint[], text[], text), hosp.match_waiting_stays_of(bigint[]),
  hosp.set_referral_statuses(bigint[], text), hosp.referrals_by_number(text[]) to omslink_app;

-- ---------------------------------------------------------------------------------------------------------
-- Identity resolution of many inputs at once (a package of records, a file): what person.resolve_identity answers
-- for each, keyed by the caller's key. Inputs with an ЕНП the register holds (nearly all of them) are answered by
-- one join — the ЕНП branch of person.resolve_identity: the person, whether ФИО or birth date differ, the policy
-- valid on the date and the sex; every other input goes through person.resolve_identity itself (СНИЛС, ФИО +
-- birth date + document). test/integration/identity-resolution.int.test.ts proves both answer the same.
create function person.resolve_identities(
  p_keys text[], p_enp text[], p_snils text[], p_fam text[], p_im text[], p_ot text[], p_birth_dates date[],
  p_doc_ser text[], p_doc_num text[], p_on_dates date[], p_require_document boolean default true)
returns table (
  key text, person_id bigint, method text, candidates integer, mismatch boolean,
  policy_type smallint, policy_number text, smo_code text, policy_date_beg date, policy_date_end date,
  sex smallint)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  with q as (
    select * from unnest(p_keys, p_enp, p_snils, p_fam, p_im, p_ot, p_birth_dates, p_doc_ser, p_doc_num,
                         p_on_dates) as q(key, enp, snils, fam, im, ot, birth_date, doc_ser, doc_num, on_date)
  ), by_enp as (
    select q.key, q.fam as sent_fam, q.im as sent_im, q.birth_date as sent_birth_date,
           coalesce(q.on_date, current_date) as on_date, p.id, p.fam, p.im, p.birth_date, p.sex
    from q join person.person p on p.enp = q.enp
    where nullif(q.enp, '') is not null
  )
  -- ФИО as the register writes them (the usual case) need no normalising to be found equal.
  select e.key, e.id, 'enp', 1,
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
  where not exists (select 1 from by_enp e where e.key = q.key) $$;

grant execute on function person.resolve_identities(text[], text[], text[], text[], text[], text[], date[], text[],
  text[], date[], boolean) to omslink_app;
