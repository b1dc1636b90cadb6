-- Reads that stay fast as the region grows (issue 10): every list and feed chooses its page on one table through
-- an index that matches the caller's scope and the sort order, and joins names to that page only.
-- test/integration/read-plans.int.test.ts explains each list and feed as each kind of organisation runs it and
-- fails on a sequential scan of a big table; test/bench/lists-bench.ts measures them at 1,000,000 persons.
--
-- The scope columns (an МО's sent or received referrals, an СМО's insured persons, the region) lead the indexes:
-- the queries state the scope as a plain column comparison next to the policy, so the planner reads the scope's
-- rows already in the list's order and stops after the page (before, at 65,000 referrals an incoming worklist
-- read the date index of the whole region and counted every visible referral).

-- Referral worklists: by referral date (the default, newest first) and by planned date, per scope.
create index referral_to_date on hosp.referral (to_mo_code, referral_date, id);
create index referral_from_date on hosp.referral (from_mo_code, referral_date, id);
create index referral_smo_date on hosp.referral (smo_code, referral_date, id);
create index referral_to_planned on hosp.referral (to_mo_code, planned_date, id);
create index referral_from_planned on hosp.referral (from_mo_code, planned_date, id);
create index referral_smo_planned on hosp.referral (smo_code, planned_date, id);
create index referral_planned on hosp.referral (planned_date, id);
-- Issued referrals (not used, not cancelled) are a few per cent of the rows, and worklists filter on them: the valid
-- ones («to admit», the status filter) are the recent few, behind years of used and expired ones in planned-date
-- order, so they are found by validity (one short range, sorted after reading); the overdue ones (planned date
-- passed) newest first, by referral date among the issued only.
create index referral_to_issued on hosp.referral (to_mo_code, valid_until) where status = 'issued';
create index referral_from_issued on hosp.referral (from_mo_code, valid_until) where status = 'issued';
create index referral_smo_issued on hosp.referral (smo_code, valid_until) where status = 'issued';
create index referral_issued on hosp.referral (valid_until) where status = 'issued';
create index referral_to_issued_date on hosp.referral (to_mo_code, referral_date, id) where status = 'issued';
create index referral_from_issued_date on hosp.referral (from_mo_code, referral_date, id) where status = 'issued';
create index referral_smo_issued_date on hosp.referral (smo_code, referral_date, id) where status = 'issued';
create index referral_issued_date on hosp.referral (referral_date, id) where status = 'issued';
-- Search by the beginning of the number: a range under the "C" collation (LIKE is not leakproof, so under
-- row-level security it could never use an index, and a non-C collation cannot serve a prefix range anyway).
create index referral_number_prefix on hosp.referral (number collate "C");

-- The latest stay of a referral (every referral row of a page shows it; it was a sequential scan per row).
create index stay_referral on hosp.stay (referral_id, admitted_on) where referral_id is not null;
-- Stay lists, newest admission first, per scope: the hospital, the referring МО, the СМО, the region.
create index stay_mo_admitted on hosp.stay (mo_code, admitted_on, id);
create index stay_referring_admitted on hosp.stay (referring_mo_code, admitted_on, id);
create index stay_smo_admitted on hosp.stay (smo_code, admitted_on, id);
create index stay_admitted on hosp.stay (admitted_on, id);
-- Patients in hospital now (the default tab of a hospital and of the region): the stays not discharged.
create index stay_mo_in_hospital on hosp.stay (mo_code, admitted_on, id) where discharged_on is null;
create index stay_in_hospital on hosp.stay (admitted_on, id) where discharged_on is null;

-- An МО's event feed: the events of its referrals and stays on either side.
create index event_from_seq on hosp.event (from_mo_code, change_seq);
create index event_to_seq on hosp.event (to_mo_code, change_seq);

-- The name of a reference record valid on a date, as a set of at most one row: `left join lateral` inlines it, so a
-- page's names are joined by the planner (an index look-up per row, memoized per code) instead of one function
-- call per row and name (nsi.name_on stays for the callers that want a scalar).
create function nsi.record_name_on(p_directory text, p_code text, p_date date) returns table (name text)
  language sql stable parallel safe rows 1 as $$
  select r.name from nsi.record r
  where r.directory_code = p_directory and r.code = p_code and r.date_beg <= coalesce(p_date, current_date)
  order by (r.date_end is null or r.date_end >= coalesce(p_date, current_date)) desc, r.date_beg desc
  limit 1 $$;
grant execute on function nsi.record_name_on(text, text, date) to omslink_app;

-- Persons in list order and found by the beginning of the surname. The list sorts and searches on the surname's key
-- (person.norm_name of migration 011: upper case, «ё» as «е», single spaces) kept as a column under the "C"
-- collation: a search is a range of that column, which under row-level security is usable as an index condition
-- (`upper(fam) like …` never was: LIKE and upper() are not leakproof, so they ran as a filter after the scope check
-- over the whole register — 1.0–1.5 s for «Ивано» at 1,000,000 persons), and the same index gives the list order,
-- so a search stops after its page. It replaces the (fam, im, birth_date) index, which only that order used. (Not
-- named fam_key: person.resolve_identity has a variable of that name, which a column would make ambiguous.)
alter table person.person add column surname_key text collate "C" generated always as (person.norm_name(fam)) stored;
create index person_surname_key on person.person (surname_key, im, birth_date, id);
drop index person.person_fio_birth;
-- By birth date (the unique ЕНП index serves the ЕНП order).
create index person_birth_date on person.person (birth_date, id);

-- The person table's policy (migration 010) as per-row probes. Its EXISTS subqueries were planned as "hashed
-- SubPlans": the first row checked built a hash of the caller's whole scope (an СМО's 340,000 current policies:
-- 370 ms at 1,000,000 persons) because the planner sizes a scan's quals by the rows the scan could return, not
-- by the page a LIMIT takes. `offset 0` keeps each EXISTS a correlated probe through the person_id indexes (a
-- list page checks a few dozen persons); the conditions are those of migration 010.
drop policy person_read on person.person;
create policy person_read on person.person for select
  using (
    app.org_kind() = 'TFOMS'
    or (app.org_kind() = 'SMO' and exists (
          select 1 from person.policy po
          where po.person_id = person.id and po.smo_code = app.org_code()
            and po.date_beg <= current_date and (po.date_end is null or po.date_end >= current_date)
          offset 0))
    or (app.org_kind() = 'MO' and (
          exists (select 1 from person.attachment a
                  where a.person_id = person.id and a.mo_code = app.org_code()
                    and a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date)
                  offset 0)
          or exists (select 1 from person.person_link l
                     where l.person_id = person.id and l.org_code = app.org_code()
                     offset 0))));
