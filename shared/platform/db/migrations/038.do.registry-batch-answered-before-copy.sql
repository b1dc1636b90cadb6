-- The registry import asks the register about a batch's cases before it copies them, and copies each case with
-- its answer (person, СМО, merged) in its row (shared/registry/db/registry-import.ts, answerBatch). Until now the
-- batch was copied first and then resolved by an UPDATE of every staged case (registry.resolve_staged_batch,
-- migration 036): a second version of each row and of its key's index entry, 3.1–3.3 s of the backend's time at
-- 200,000 cases. The questions are those of 036: the person found by ЕНП, insured on DATE_Z_2 (the policy's СМО
-- fills a case that names none), the IDCASE not stored for the МО (by an earlier batch of the import too). The
-- caller counts the IDCASE repeated within the batch itself and asks only about the others.

-- Answers the cases asked about (1-based positions in the arrays) that the register takes at once. SECURITY
-- DEFINER: the register's persons and cases beyond the caller's sight are looked up, as the checks do, and only
-- ids come back (the caller's МО's cases only).
create function registry.batch_register_answers(p_enps char(16)[], p_dates date[], p_idcases bigint[])
returns table (i integer, person_id bigint, smo_code text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select k.i::integer, p.id, po.smo_code
  from unnest(p_enps, p_dates, p_idcases) with ordinality as k(enp, date_z_2, idcase, i)
  join person.person p on p.enp = k.enp
  cross join lateral (
    select po.smo_code from person.policy po
    where po.person_id = p.id and po.date_beg <= k.date_z_2 and (po.date_end is null or po.date_end >= k.date_z_2)
    limit 1) po
  where not exists (select 1 from registry.zcase z where z.mo_code = app.org_code() and z.idcase = k.idcase) $$;
grant execute on function registry.batch_register_answers(char(16)[], date[], bigint[]) to omslink_app;

-- A staged batch merged in one round trip: its cases copied as merged are inserted, under the audit guard (the
-- import's one audit entry, written at the end, names every person).
create or replace function registry.merge_staged_batch(p_import_id bigint, p_from integer, p_to integer,
                                                       p_file_kind text, p_year integer, p_month integer,
                                                       p_nschet text, out sl integer, out services integer)
  language plpgsql
  set search_path = pg_catalog, pg_temp as $$
begin
  perform set_config('omslink.audit_bulk', 'on', true);
  select i.sl, i.services into sl, services
  from registry.insert_staged_cases(p_import_id, p_from, p_to, true, p_file_kind, p_year, p_month, p_nschet) i;
end $$;

drop function registry.resolve_staged_batch(bigint, integer, integer, text);
