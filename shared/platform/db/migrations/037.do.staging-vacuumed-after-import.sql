-- Staging tables are vacuumed by the import that used them, once its transaction has ended
-- (shared/platform/bulk/staging.ts, vacuumStaging). Autovacuum never got to them while imports followed one
-- another: an import holds its staging tables' ANALYZE lock (SHARE UPDATE EXCLUSIVE) until it commits, and
-- autovacuum cancels itself for each import that asks for it. Ten 200,000-case registry imports in a row left
-- 3.4 GB of dead rows in stage_case_data and 1.3 GB in stage_case, and every later import's scans read them.
-- MAINTAIN (PostgreSQL 17) lets the application role vacuum and analyse them, and nothing else.
grant maintain on registry.stage_case, registry.stage_case_data, registry.stage_sl, registry.stage_usl,
  registry.stage_person, registry.stage_finding to omslink_app;
grant maintain on ops.erz_stage_person, ops.erz_stage_document, ops.erz_stage_policy, ops.erz_stage_attachment,
  ops.erz_stage_finding to omslink_app;

-- A case's JSON is compressed only where its row passes the usual 2 KB (storage stays MAIN: compressed in the row,
-- not in the TOAST table). With toast_tuple_target 256 every case was compressed on COPY (pglz) and decompressed
-- again by the merge, which wrote it to zcase uncompressed where the zcase row stayed under 2 KB: at 200,000
-- generated cases of 1.3 KB the COPY took 4.3 s of the backend's time instead of 4.0 and the zcase insert 3.2
-- instead of 3.0.
alter table registry.stage_case_data reset (toast_tuple_target);
