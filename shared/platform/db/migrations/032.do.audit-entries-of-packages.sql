-- Audit entries for the packages that share one transaction (the package processor's group commit): one entry per
-- package, each with its own records, persons, details and request id; who, organisation, role and channel come
-- from the transaction's caller context as in audit.record. PL/pgSQL, so its insert is planned once per
-- connection rather than on every call.
create function audit.record_each(p_action text, p_entity text, p_entries json) returns void
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  insert into audit.entry (username, org_code, role, channel, action, entity, record_ids, person_ids,
                           record_count, request_id, details)
  select coalesce(app.username(), current_user), app.org_code(), app.role(), coalesce(app.channel(), 'system'),
         p_action, p_entity, coalesce(e.records, '{}'), coalesce(e.persons, '{}'),
         greatest(coalesce(cardinality(e.records), 0), coalesce(cardinality(e.persons), 0)),
         coalesce(e.request_id, app.setting('omslink.request_id')), e.details
  from json_to_recordset(p_entries) as e(records text[], persons bigint[], request_id text, details jsonb);
end $$;

revoke all on function audit.record_each(text, text, json) from public;
grant execute on function audit.record_each(text, text, json) to omslink_app;
