-- The registry import merges while it reads (docs/design/registry-exchange.md, "Merging while reading"). Until
-- now every case waited in staging for the end of the file: the reader kept Node busy while PostgreSQL idled, then
-- PostgreSQL merged (8 s at 200,000 cases) while Node idled. Now each staged batch whose cases pass every check the
-- register can answer at once — the person found by ЕНП, insured on the case's last day, its IDCASE not stored
-- yet — is merged while the next batch is read. Whatever is left (no ЕНП match, not insured, a repeat or a
-- correction, an IDCASE repeated in the file) waits for the end as before, and a merged case that the whole-file
-- checks reject at the end (its patient missing from the L-file, a repeated N_ZAP …) is deleted in the same
-- transaction: the protocol and the stored rows are those of a check-everything-first import.

-- A case merged from its batch (its person and СМО set then); the end-of-file checks skip it where it passed.
alter table registry.stage_case add column merged boolean not null default false;

-- The batch merge joins a batch's case data by its key (the end-of-file merge hash-joined the whole table).
alter table registry.stage_case_data add primary key (import_id, ordinal);
-- Compressed and kept in the row (storage MAIN): with toast_tuple_target 256 and the default storage, a case's
-- compressed JSON (about 700 bytes) went on to the TOAST table, one more row and index entry written per case and
-- read back by the merge.
alter table registry.stage_case_data alter column data set storage main;

-- The SL with a drug given under the scheme «нет» (children only), which the age rule checks when the L-file came
-- last: rare, so indexed apart (the rule scanned every staged SL: 0.53 s at 200,000 cases).
create index stage_sl_no_scheme on registry.stage_sl (import_id, ordinal) where no_scheme;

-- The cases of staged batch [p_from, p_to] that can be merged now: ok, their IDCASE neither stored for the МО (by
-- an earlier import or an earlier batch of this one: a case repeated later in the file waits for the end) nor
-- repeated within the batch, found by ЕНП, insured on DATE_Z_2 (the СМО filled from that policy where the case
-- names none, as check_staged_insurance does). Marks them merged; answers how many.
create function registry.resolve_staged_batch(p_import_id bigint, p_from integer, p_to integer, p_mo_code text)
returns integer
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare n integer;
begin
  update registry.stage_case c
  set person_id = f.person_id, smo_code = coalesce(c.smo_code, f.smo_code), merged = true
  from (
    select k.ordinal, p.id as person_id, po.smo_code
    from (select b.*, count(*) over (partition by b.idcase) as same_idcase
          from registry.stage_case b
          where b.import_id = p_import_id and b.ordinal between p_from and p_to) k
    join person.person p on p.enp = k.enp::text
    cross join lateral (
      select po.smo_code from person.policy po
      where po.person_id = p.id and po.date_beg <= k.date_z_2
        and (po.date_end is null or po.date_end >= k.date_z_2)
      limit 1) po
    where k.ok and k.enp is not null and k.idcase is not null and k.same_idcase = 1
      and not exists (select 1 from registry.zcase z where z.mo_code = p_mo_code and z.idcase = k.idcase)
  ) f
  where c.import_id = p_import_id and c.ordinal = f.ordinal;
  get diagnostics n = row_count;
  return n;
end $$;
grant execute on function registry.resolve_staged_batch(bigint, integer, integer, text) to omslink_app;

-- Inserts the accepted staged cases of ordinals [p_from, p_to] whose `merged` is p_merged into zcase, sl and usl,
-- with the ids drawn while staging. SECURITY INVOKER: the caller's row-level security applies (its МО's rows).
-- Each statement is driven by one table's ordinal range and probes the others by key: with the range on both
-- sides of a join the planner (statistics older than the batch: one row expected) joined them by filter, 2,000 ×
-- 2,000 comparisons a batch. Answers how many SL and USL rows it wrote.
create function registry.insert_staged_cases(p_import_id bigint, p_from integer, p_to integer, p_merged boolean,
                                             p_file_kind text, p_year integer, p_month integer, p_nschet text,
                                             out sl integer, out services integer)
  language plpgsql
  set search_path = pg_catalog, pg_temp as $$
declare
  mo text := app.org_code();
begin
  insert into registry.zcase (id, import_id, mo_code, idcase, file_kind, period_year, period_month, nschet, n_zap,
    pr_nov, id_pac, person_id, smo_code, usl_ok, vidpom, for_pom, npr_mo, npr_date, lpu, date_z_1, date_z_2, rslt,
    rslt_d, ishod, idsp, sumv, onco, data)
  select c.zcase_id, p_import_id, mo, c.idcase, p_file_kind, p_year, p_month, p_nschet, c.n_zap, c.pr_nov, c.id_pac,
         c.person_id, c.smo_code, c.usl_ok, c.vidpom, c.for_pom, c.npr_mo, c.npr_date, c.lpu, c.date_z_1, c.date_z_2,
         c.rslt, c.rslt_d, c.ishod, c.idsp, c.sumv, c.onco, d.data
  from registry.stage_case c
  join registry.stage_case_data d on d.import_id = c.import_id and d.ordinal = c.ordinal
  where c.import_id = p_import_id and c.ordinal between p_from and p_to and c.ok and c.merged = p_merged;

  insert into registry.sl (id, zcase_id, person_id, mo_code, seq, sl_id, lpu_1, podr, profil, profil_k, det, p_cel,
    nhistory, date_1, date_2, ds0, ds1, ds2, ds3, c_zab, ds_onk, dn, reab, prvs, iddokt, sum_m, onco, ds1_t, stad,
    onk_t, onk_n, onk_m, mtstz, sod, k_fr, wei, hei, bsa, napr, cons, b_diag, b_prot, onk_usl, usl_tips, regnums,
    prots, pr_cons, treatment_date)
  select s.sl_ref, c.zcase_id, c.person_id, mo, s.seq, s.sl_id, s.lpu_1, s.podr, s.profil, s.profil_k, s.det,
         s.p_cel, s.nhistory, s.date_1, s.date_2, s.ds0, s.ds1, s.ds2, s.ds3, s.c_zab, s.ds_onk, s.dn, s.reab, s.prvs,
         s.iddokt, s.sum_m, s.onco, s.ds1_t, s.stad, s.onk_t, s.onk_n, s.onk_m, s.mtstz, s.sod, s.k_fr, s.wei, s.hei,
         s.bsa, s.napr, s.cons, s.b_diag, s.b_prot, s.onk_usl, s.usl_tips, s.regnums, s.prots, s.pr_cons,
         s.treatment_date
  from registry.stage_sl s
  join registry.stage_case c on c.import_id = s.import_id and c.ordinal = s.ordinal
  where s.import_id = p_import_id and s.ordinal between p_from and p_to and c.ok and c.merged = p_merged;
  get diagnostics sl = row_count;

  insert into registry.usl (sl_ref, person_id, mo_code, seq, idserv, lpu, profil, vid_vme, det, date_in, date_out,
    ds, code_usl, kol_usl, sumv_usl, prvs, code_md)
  select s.sl_ref, c.person_id, mo, u.seq, u.idserv, u.lpu, u.profil, u.vid_vme, u.det, u.date_in, u.date_out,
         u.ds, u.code_usl, u.kol_usl, u.sumv_usl, u.prvs, u.code_md
  from registry.stage_usl u
  join registry.stage_sl s on s.import_id = u.import_id and s.ordinal = u.ordinal and s.seq = u.sl_seq
  join registry.stage_case c on c.import_id = u.import_id and c.ordinal = u.ordinal
  where u.import_id = p_import_id and u.ordinal between p_from and p_to and c.ok and c.merged = p_merged;
  get diagnostics services = row_count;
end $$;
grant execute on function registry.insert_staged_cases(bigint, integer, integer, boolean, text, integer, integer,
  text) to omslink_app;

-- A staged batch merged in one round trip (the transaction's statements wait for the reader's turns of the event
-- loop): its cases that can be merged now are marked and inserted, under the audit guard (the import's one audit
-- entry, written at the end, names every person).
create function registry.merge_staged_batch(p_import_id bigint, p_from integer, p_to integer, p_file_kind text,
                                            p_year integer, p_month integer, p_nschet text,
                                            out sl integer, out services integer)
  language plpgsql
  set search_path = pg_catalog, pg_temp as $$
begin
  sl := 0;
  services := 0;
  perform set_config('omslink.audit_bulk', 'on', true);
  if registry.resolve_staged_batch(p_import_id, p_from, p_to, app.org_code()) > 0 then
    select i.sl, i.services into sl, services
    from registry.insert_staged_cases(p_import_id, p_from, p_to, true, p_file_kind, p_year, p_month, p_nschet) i;
  end if;
end $$;
grant execute on function registry.merge_staged_batch(bigint, integer, integer, text, integer, integer, text)
  to omslink_app;

-- The cases merged while reading that the end-of-file checks rejected, deleted with their SL and USL (SECURITY
-- DEFINER: the МО sees a case only once the import has linked its person, which it does for accepted cases only;
-- the rows are this import's own). Answers how many SL and USL rows went (the import's counts).
create function registry.unmerge_rejected(p_import_id bigint, out sl integer, out services integer)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  ids bigint[];
begin
  sl := 0;
  services := 0;
  select coalesce(array_agg(zcase_id), '{}') into ids
  from registry.stage_case where import_id = p_import_id and merged and not ok;
  if cardinality(ids) = 0 then
    return;
  end if;
  delete from registry.usl where sl_ref in (select id from registry.sl where zcase_id = any (ids));
  get diagnostics services = row_count;
  delete from registry.sl where zcase_id = any (ids);
  get diagnostics sl = row_count;
  delete from registry.zcase where id = any (ids) and import_id = p_import_id;
end $$;
grant execute on function registry.unmerge_rejected(bigint) to omslink_app;

-- The end-of-file checks leave the merged cases alone where they passed: their person is resolved, their
-- insurance checked, and their IDCASE is now stored (by this import: no conflict).
create or replace function registry.resolve_staged_persons(p_import_id bigint) returns integer
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare resolved integer;
begin
  update registry.stage_case c set person_id = p.id
  from person.person p
  where c.import_id = p_import_id and c.ok and c.person_id is null and c.enp is not null and p.enp = c.enp;

  update registry.stage_case c set person_id = p.id
  from registry.stage_person s, person.person p
  where c.import_id = p_import_id and c.ok and c.person_id is null
    and s.import_id = c.import_id and s.id_pac = c.id_pac and s.ok and s.snils is not null
    and p.snils = s.snils;

  update registry.stage_case c set person_id = r.person_id
  from registry.stage_person s
  cross join lateral person.resolve_identity(null, null, s.fam, s.im, s.ot, s.dr, s.doc_ser, s.doc_num,
                                             null, true) r
  where c.import_id = p_import_id and c.ok and c.person_id is null
    and s.import_id = c.import_id and s.id_pac = c.id_pac and s.ok and s.fam is not null and s.dr is not null
    and r.candidates = 1;

  select count(*) into resolved from registry.stage_case
  where import_id = p_import_id and person_id is not null;
  return resolved;
end $$;

create or replace function registry.check_staged_insurance(p_import_id bigint) returns table (ordinal integer)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  update registry.stage_case c set smo_code = po.smo_code
  from person.policy po
  where c.import_id = p_import_id and c.ok and not c.merged and c.person_id is not null and c.smo_code is null
    and po.person_id = c.person_id and po.date_beg <= c.date_z_2
    and (po.date_end is null or po.date_end >= c.date_z_2);
  return query
  select c.ordinal from registry.stage_case c
  where c.import_id = p_import_id and c.ok and not c.merged and c.person_id is not null
    and not exists (select 1 from person.policy po
                    where po.person_id = c.person_id and po.date_beg <= c.date_z_2
                      and (po.date_end is null or po.date_end >= c.date_z_2));
end $$;

create or replace function registry.staged_key_conflicts(p_import_id bigint, p_mo_code text)
returns table (ordinal integer, zcase_id bigint, pr_nov smallint)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select c.ordinal, z.id, c.pr_nov
  from registry.stage_case c
  join registry.zcase z on z.mo_code = p_mo_code and z.idcase = c.idcase
  where c.import_id = p_import_id and c.ok and not c.merged $$;

create or replace function registry.analyze_staging() returns void
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp
  set default_statistics_target = 10 as $$
begin
  analyze registry.stage_case (import_id, ordinal, ok, idcase, id_pac, enp, person_id, merged);
  analyze registry.stage_case_data (import_id, ordinal);
  analyze registry.stage_person (import_id, ordinal, ok, id_pac, snils);
  analyze registry.stage_sl (import_id, ordinal, seq, no_scheme);
  analyze registry.stage_usl (import_id, ordinal, sl_seq);
end $$;
