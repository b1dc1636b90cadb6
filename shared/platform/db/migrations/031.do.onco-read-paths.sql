-- Read paths of the oncology register (docs/design/onco-register.md, issue 12 item 4).
--
-- The list walks registry.onco_person in last-date order (onco_person_last_date, migration 029) and probes each
-- person's onco cases through sl_person for the criteria (shared/registry/db/onco-criteria-sql.ts); the
-- timeline reads one person's cases, SL and services through zcase_person, sl_person and usl_person. Those
-- indexes are 029's. What the saved lists read: a user's own lists newest first (the organisation's shared ones
-- through onco_list_org).
create index onco_list_own on registry.onco_list (created_by, updated_at desc);
