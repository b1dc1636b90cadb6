-- Searching the audit log (issue 3 item 5): the screens and the REST search/export read `audit.entry` newest
-- first (`at desc, id desc`) with keyset paging, by person (who opened this person's card) and by record id.
--
-- Under row-level security PostgreSQL uses an index condition of the caller's query only when its operator is
-- leakproof; array containment (`@>`) is not, so for the application role the GIN indexes on person_ids and
-- record_ids are never used by a plain `where person_ids @> …` (measured: a sequential scan of the whole log).
-- Two SECURITY DEFINER functions look the ids up through the GIN indexes instead; the caller's query then
-- reads those entries by primary key, where the policy `entry_read` still applies. The functions repeat that
-- policy's condition so they answer nothing the caller could not read anyway.

create index audit_at_id on audit.entry (at desc, id desc);
create index audit_records on audit.entry using gin (record_ids);
create index audit_request on audit.entry (request_id) where request_id is not null;

-- Mirror of the policy entry_read (migration 002).
create function audit.entry_visible(p_org_code text) returns boolean
  language sql stable parallel safe as $$
  select app.role() in ('tfoms_analyst', 'fund_admin') or (app.username() is not null and p_org_code = app.org_code()) $$;

create function audit.entry_ids_of_person(p_person_id bigint) returns setof bigint
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select e.id from audit.entry e
  where e.person_ids @> array[p_person_id] and audit.entry_visible(e.org_code) $$;

create function audit.entry_ids_of_record(p_record_id text) returns setof bigint
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select e.id from audit.entry e
  where e.record_ids @> array[p_record_id] and audit.entry_visible(e.org_code) $$;

grant execute on function audit.entry_visible(text), audit.entry_ids_of_person(bigint),
  audit.entry_ids_of_record(text) to omslink_app;
