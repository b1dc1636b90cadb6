-- The case as received (ZAP as JSON, 1.5-2 KB a case) gets a staging table of its own. In stage_case it made each
-- row ten times wider than its keys, and the set-based checks update stage_case (the person, the СМО, the
-- rejected flag, the stored case a correction replaces): every update copied the JSON into a new row version.
-- At 200,000 cases resolving the persons took 3.0 s and the insurance check 0.8 s, mostly that copying, and each
-- check's scan read 300 MB instead of 40. The merge joins the two tables once, when it inserts the cases.
alter table registry.stage_case drop column data;

create unlogged table registry.stage_case_data (
  import_id   bigint not null,
  ordinal     integer not null,
  data        json not null
-- Compressed as it is copied in (pglz, while the reader parses the next batch), not when the merge inserts it:
-- a case's JSON alone mostly stays under the 2 KB at which PostgreSQL compresses, its zcase row does not, and the
-- merge copies a compressed value as it is.
) with (toast_tuple_target = 256);

grant select, insert, update, delete on registry.stage_case_data to omslink_app;

create or replace function registry.analyze_staging() returns void
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp
  set default_statistics_target = 10 as $$
begin
  analyze registry.stage_case (import_id, ordinal, ok, idcase, id_pac, enp, person_id);
  analyze registry.stage_case_data (import_id, ordinal);
  analyze registry.stage_person (import_id, ordinal, ok, id_pac, snils);
  analyze registry.stage_sl (import_id, ordinal, seq);
  analyze registry.stage_usl (import_id, ordinal, sl_seq);
end $$;
