-- A bulk load (an ЕРЗ extract of 100,000 persons) changes the person tables in about ten statements; the
-- statement triggers would write ten audit entries naming the same persons, each indexing 100,000 person ids.
-- The importing transaction may instead say (transaction-locally) that it writes one entry itself, naming every
-- person it created or changed; the triggers then stay quiet until it says so again.
create or replace function audit.person_table_changed() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  ids bigint[];
  action text := case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end;
  person_col text := case when tg_table_name = 'person' then 'id' else 'person_id' end;
begin
  if app.setting('omslink.audit_bulk') = 'on' then
    return null;
  end if;
  if tg_op = 'DELETE' then
    execute format('select coalesce(array_agg(distinct %I), ''{}'') from old_rows', person_col) into ids;
  else
    execute format('select coalesce(array_agg(distinct %I), ''{}'') from new_rows', person_col) into ids;
  end if;
  if cardinality(ids) > 0 then
    perform audit.record(action, tg_table_schema || '.' || tg_table_name, '{}', ids);
  end if;
  return null;
end $$;
