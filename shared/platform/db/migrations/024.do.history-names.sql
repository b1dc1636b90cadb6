-- Who did it, by name (issue 11): a referral's history and the audit log show the full name of the account that
-- acted, also when row-level security hides that account from the reader (another organisation's registrar or
-- MIS). Only the name is answered, and only to a signed-in caller.
create function auth.full_names(p_usernames text[]) returns table (username text, full_name text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select a.username, a.full_name from auth.account a
  where a.username = any(p_usernames) and app.username() is not null $$;

grant execute on function auth.full_names(text[]) to omslink_app;

-- Stays within a day in time order (issue 11): the stay lists' indexes of migration 016 also carry the admission
-- time, so a page in (date, time) order is still one ordered index scan per scope.
drop index hosp.stay_mo_admitted;
drop index hosp.stay_referring_admitted;
drop index hosp.stay_smo_admitted;
drop index hosp.stay_admitted;
drop index hosp.stay_mo_in_hospital;
drop index hosp.stay_in_hospital;
create index stay_mo_admitted on hosp.stay (mo_code, admitted_on, admitted_time, id);
create index stay_referring_admitted on hosp.stay (referring_mo_code, admitted_on, admitted_time, id);
create index stay_smo_admitted on hosp.stay (smo_code, admitted_on, admitted_time, id);
create index stay_admitted on hosp.stay (admitted_on, admitted_time, id);
create index stay_mo_in_hospital on hosp.stay (mo_code, admitted_on, admitted_time, id) where discharged_on is null;
create index stay_in_hospital on hosp.stay (admitted_on, admitted_time, id) where discharged_on is null;
