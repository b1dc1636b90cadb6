-- Prevention area, fourth part (issue 13, docs/design/prevention-exchange.md): dispensary observation (ДН, the
-- DN_LIST/DN_PLAN semantics of ГИС ОМС, DOMAIN §2.5), polyclinic service cases and the МО's plan volumes.
-- Personal data: the МО that sent the record, the person's СМО and ТФОМС read it; the МО writes its own; every
-- write outside a package is audited by the triggers (a package writes its own entry).

alter table prevention.package drop constraint package_kind_check;
alter table prevention.package add constraint package_kind_check
  check (kind in ('schedule-slot', 'contact', 'plan-entry', 'step', 'plan-volume', 'dispensary',
                  'polyclinic-case'));

create table prevention.dispensary (
  id              bigint generated always as identity primary key,
  sender_code     text not null references org.organisation (code),
  source_id       text not null,
  package_ref     bigint references prevention.package (id),
  mo_code         text not null references org.organisation (code),
  person_id       bigint not null references person.person (id),
  smo_code        text references org.organisation (code),
  diagnosis       text not null,
  diagnosis_date  date,
  date_in         date not null,
  date_out        date,
  status_in       smallint not null check (status_in in (1, 2)),
  reason_in       smallint,
  reason_out      smallint,
  specialty       integer not null,
  doctor_snils    text,
  mo_assign       smallint not null default 1 check (mo_assign in (0, 1)),
  -- The planned visit windows (DN_PLAN PLAN_DATE_START..PLAN_DATE_END), in order, as two parallel arrays.
  visit_from      date[] not null default '{}',
  visit_to        date[] not null default '{}',
  -- The last visit: as sent (LAST_SL_DATE), or moved forward by a polyclinic case of the same МО, person and
  -- diagnosis block.
  last_visit      date,
  -- The end of the earliest visit window that has no visit since it opened (null: nothing is owed). Kept by
  -- every write of the record and of a polyclinic case; "overdue" is `overdue_from < today` on an open record.
  overdue_from    date,
  received_at     timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  change_seq      bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id),
  check (cardinality(visit_from) = cardinality(visit_to))
);
create index dispensary_mo on prevention.dispensary (mo_code, overdue_from, id) where date_out is null;
create index dispensary_smo on prevention.dispensary (smo_code, overdue_from, id) where date_out is null;
create index dispensary_mo_seq on prevention.dispensary (mo_code, change_seq);
create index dispensary_smo_seq on prevention.dispensary (smo_code, change_seq);
create index dispensary_person on prevention.dispensary (person_id);

create table prevention.polyclinic_case (
  id             bigint generated always as identity primary key,
  sender_code    text not null references org.organisation (code),
  source_id      text not null,
  package_ref    bigint references prevention.package (id),
  mo_code        text not null references org.organisation (code),
  person_id      bigint not null references person.person (id),
  smo_code       text references org.organisation (code),
  date_from      date not null,
  date_to        date not null,
  purpose        text not null,
  diagnosis      text not null,
  specialty      integer not null,
  doctor_snils   text,
  visits         smallint not null default 1,
  source         text not null default 'direct' check (source in ('direct', 'registry')),
  received_at    timestamptz not null default now(),
  change_seq     bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id)
);
create index polyclinic_case_mo on prevention.polyclinic_case (mo_code, date_to desc, id);
create index polyclinic_case_smo on prevention.polyclinic_case (smo_code, date_to desc, id);
create index polyclinic_case_mo_seq on prevention.polyclinic_case (mo_code, change_seq);
create index polyclinic_case_smo_seq on prevention.polyclinic_case (smo_code, change_seq);
create index polyclinic_case_person on prevention.polyclinic_case (person_id);

-- Plan volumes (CevPlanQuantity): no personal data; every МО, СМО and the fund read them.
create table prevention.plan_volume (
  id           bigint generated always as identity primary key,
  sender_code  text not null references org.organisation (code),
  source_id    text not null,
  package_ref  bigint references prevention.package (id),
  mo_code      text not null references org.organisation (code),
  year         smallint not null,
  month        smallint not null check (month between 1 and 12),
  kind         text not null check (kind in ('PMO', 'DVN', 'UDVN', 'DN')),
  quantity     integer not null check (quantity >= 0),
  received_at  timestamptz not null default now(),
  change_seq   bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id),
  unique (mo_code, year, month, kind)
);

alter table prevention.dispensary enable row level security;
create policy dispensary_read on prevention.dispensary for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or smo_code = app.org_code());
create policy dispensary_insert on prevention.dispensary for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy dispensary_update on prevention.dispensary for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

alter table prevention.polyclinic_case enable row level security;
create policy polyclinic_case_read on prevention.polyclinic_case for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or smo_code = app.org_code());
create policy polyclinic_case_insert on prevention.polyclinic_case for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy polyclinic_case_update on prevention.polyclinic_case for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

alter table prevention.plan_volume enable row level security;
create policy plan_volume_read on prevention.plan_volume for select using (true);
create policy plan_volume_insert on prevention.plan_volume for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy plan_volume_update on prevention.plan_volume for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

create trigger audit_insert after insert on prevention.dispensary referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on prevention.dispensary referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_insert after insert on prevention.polyclinic_case referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on prevention.polyclinic_case referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();

-- The end of the earliest visit window with no visit since it opened (null: none owed).
create function prevention.overdue_from(p_from date[], p_to date[], p_last_visit date)
returns date language sql immutable parallel safe
  set search_path = pg_catalog, pg_temp as $$
  select min(w.t) from unnest(p_from, p_to) w(f, t)
  where p_last_visit is null or p_last_visit < w.f $$;
grant execute on function prevention.overdue_from(date[], date[], date) to omslink_app;

insert into flk.rule (id, f012_code, field, severity, message) values
  ('PREV.DOCTOR.SNILS', '904', 'doctorSnils', 'error', 'СНИЛС врача неверен: не сходится контрольное число'),
  ('PREV.DN.DIAGNOSIS', '904', 'diagnosis', 'error',
   'Диагноз не найден в МКБ-10 на дату постановки на диспансерное наблюдение'),
  ('PREV.DN.DATES', '904', 'dateOut', 'error',
   'Дата снятия с наблюдения раньше даты постановки, или дата постановки ещё не наступила'),
  ('PREV.DN.REASON_OUT', '902', 'reasonOut', 'error', 'Указана дата снятия с наблюдения, но не указана причина'),
  ('PREV.DN.VISITS', '904', 'visits', 'error',
   'Окно планового посещения заканчивается раньше, чем начинается, или лежит вне срока наблюдения'),
  ('PREV.DN.SPECIALTY', '904', 'specialty', 'error', 'Специальность врача не найдена в справочнике V021'),
  ('PREV.CASE.PURPOSE', '904', 'purpose', 'error', 'Цель посещения не найдена в справочнике V025 на дату случая'),
  ('PREV.CASE.DIAGNOSIS', '904', 'diagnosis', 'error', 'Диагноз не найден в МКБ-10 на дату окончания случая'),
  ('PREV.CASE.SPECIALTY', '904', 'specialty', 'error', 'Специальность врача не найдена в справочнике V021'),
  ('PREV.CASE.DATES', '904', 'dateTo', 'error', 'Дата окончания случая раньше даты начала или ещё не наступила'),
  ('PREV.VOLUME.YEAR', '904', 'year', 'error', 'Год плановых объёмов — прошлый, текущий или следующий');

grant select, insert, update on prevention.dispensary, prevention.polyclinic_case, prevention.plan_volume
  to omslink_app;
grant usage on all sequences in schema prevention to omslink_app;
