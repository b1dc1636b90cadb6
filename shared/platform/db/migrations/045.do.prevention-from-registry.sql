-- Prevention area, fifth part (issue 13, docs/design/prevention-exchange.md "Steps and the funnel"): participation
-- steps derived from imported registry D-files and polyclinic cases from H-files. Once a registry import is done,
-- its job sends `registry-imported`; the prevention job reads the import's cases through the functions below (the
-- registry tables are the registry area's: these answer only what the derivation needs, of the calling МО's own
-- imports) and writes them with source 'registry' under the case's IDCASE, so a corrected case (PR_NOV) replaces
-- what its first version gave.

-- The examination cases of a D-file import of the calling МО: the file's V016 type (SCHET/DISP), the case's
-- result (Z_SL/RSLT), refusal (Z_SL/P_OTK) and end date.
create function prevention.registry_exam_cases(p_import_id bigint)
returns table (idcase bigint, person_id bigint, smo_code text, disp text, rslt smallint, refused boolean,
               date_z_2 date)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select z.idcase, z.person_id, z.smo_code, i.header -> 'schet' ->> 'DISP', z.rslt,
         coalesce(z.data -> 'Z_SL' ->> 'P_OTK', '0') = '1', z.date_z_2
  from registry.import i
  join registry.zcase z on z.import_id = i.id
  where i.id = p_import_id and i.status = 'done' and i.org_code = app.org_code() and app.org_kind() = 'MO'
    and i.file_kind like 'D%' $$;
grant execute on function prevention.registry_exam_cases(bigint) to omslink_app;

-- The ambulatory cases (USL_OK 3) of an H-file import of the calling МО, one row per SL: its purpose (P_CEL),
-- main diagnosis, dates, specialty and doctor.
create function prevention.registry_polyclinic_cases(p_import_id bigint)
returns table (idcase bigint, sl_id text, person_id bigint, smo_code text, date_1 date, date_2 date, p_cel text,
               ds1 text, prvs smallint, iddokt text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select z.idcase, s.sl_id, z.person_id, z.smo_code, s.date_1, s.date_2, s.p_cel, s.ds1, s.prvs, s.iddokt
  from registry.import i
  join registry.zcase z on z.import_id = i.id
  join registry.sl s on s.zcase_id = z.id
  where i.id = p_import_id and i.status = 'done' and i.org_code = app.org_code() and app.org_kind() = 'MO'
    and i.file_kind = 'H' and z.usl_ok = 3 and s.p_cel is not null $$;
grant execute on function prevention.registry_polyclinic_cases(bigint) to omslink_app;
