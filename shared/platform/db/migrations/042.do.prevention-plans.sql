-- Prevention area, second part (issue 13, docs/design/prevention-exchange.md): the plan lists — the persons an МО
-- plans for ПМО, ДВН, УДВН and ДН in a year, by month (or quarter), district and doctor (DOMAIN §2.4.1). Personal
-- data: the МО that planned the person, the person's СМО and ТФОМС read an entry; the МО writes its own; every
-- write outside a package is audited by the triggers (a package writes its own entry).

alter table prevention.package drop constraint package_kind_check;
alter table prevention.package add constraint package_kind_check
  check (kind in ('schedule-slot', 'contact', 'plan-entry'));

create table prevention.plan_entry (
  id                  bigint generated always as identity primary key,
  sender_code         text not null references org.organisation (code),
  source_id           text not null,
  package_ref         bigint references prevention.package (id),
  mo_code             text not null references org.organisation (code),
  person_id           bigint not null references person.person (id),
  -- The person's СМО when the entry was written (who informs the person; who reads the entry).
  smo_code            text references org.organisation (code),
  year                smallint not null,
  kind                text not null check (kind in ('PMO', 'DVN', 'UDVN', 'DN')),
  months              smallint[] not null default '{}',
  quarter             smallint check (quarter between 1 and 4),
  district_code       text,
  doctor_snils        text,
  category            smallint not null default 0 check (category in (0, 1)),
  phone               text,
  comment             text,
  withdrawn           boolean not null default false,
  -- The furthest participation step and its date (the funnel reads them here; steps keep them).
  furthest_step       smallint,
  furthest_step_date  date,
  received_at         timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  change_seq          bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id),
  unique (mo_code, year, kind, person_id)
);
create index plan_entry_mo on prevention.plan_entry (mo_code, year, kind, district_code, id);
create index plan_entry_smo on prevention.plan_entry (smo_code, year, kind, id);
create index plan_entry_person on prevention.plan_entry (person_id);
create index plan_entry_seq on prevention.plan_entry (change_seq);

alter table prevention.plan_entry enable row level security;
create policy plan_entry_read on prevention.plan_entry for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or smo_code = app.org_code());
create policy plan_entry_insert on prevention.plan_entry for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy plan_entry_update on prevention.plan_entry for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

create trigger audit_insert after insert on prevention.plan_entry referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on prevention.plan_entry referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();

-- What a plan list's checks need of its persons, for the calling МО only: the birth date, and whether the person
-- was attached to the МО on some day of the plan year up to today (the list is of the МО's attached persons; an
-- МО does not see a person attached elsewhere, so this looks across scopes and answers no more than that).
create function prevention.plan_persons(p_year integer, p_person_ids bigint[])
returns table (person_id bigint, birth_date date, attached boolean)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select p.id, p.birth_date,
         exists (select 1 from person.attachment a
                 where a.person_id = p.id and a.mo_code = app.org_code()
                   and a.date_beg <= least(current_date, make_date(p_year, 12, 31))
                   and (a.date_end is null or a.date_end >= make_date(p_year, 1, 1)))
  from person.person p
  where p.id = any(p_person_ids) and app.org_kind() = 'MO' $$;
grant execute on function prevention.plan_persons(integer, bigint[]) to omslink_app;

insert into flk.rule (id, f012_code, field, severity, message) values
  ('PREV.PERSON.NOT_ATTACHED', '904', 'patient', 'error',
   'Гражданин не прикреплён к медицинской организации в году плана: в план включаются только прикреплённые'),
  ('PREV.AGE.DVN', '904', 'kind', 'error',
   'Возраст гражданина в году плана не подлежит диспансеризации (18, 21 … 39 лет и ежегодно с 40 лет)'),
  ('PREV.AGE.PMO', '904', 'kind', 'error',
   'Профилактический осмотр планируется с 18 лет и в годы без диспансеризации'),
  ('PREV.YEAR', '904', 'year', 'error', 'Год плана — прошлый, текущий или следующий'),
  ('PREV.MONTH', '904', 'months', 'error',
   'Месяцы плана повторяются или указаны вместе с кварталом: укажите либо месяцы, либо квартал'),
  ('PREV.DISTRICT', '904', 'districtCode', 'error', 'Участок не найден среди участков медицинской организации'),
  ('PREV.PLAN.REPEATED', '904', 'patient', 'error',
   'Гражданин уже включён в план этого года по этому мероприятию под другим идентификатором записи');

grant select, insert, update on prevention.plan_entry to omslink_app;
grant usage on all sequences in schema prevention to omslink_app;
