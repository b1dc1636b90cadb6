-- Prevention area, first part (issue 13, docs/design/prevention-exchange.md): the package journal, the МО's exam
-- schedules (графики медосмотров, DOMAIN §2.4.2) and contact phones, and the FLK rules of the area. Schedules and
-- contacts are published for informing: every signed-in user reads them (no personal data); only the МО writes
-- its own. Plan lists, steps, ДН and polyclinic cases follow in later migrations.

create schema prevention;
create sequence prevention.change_seq;

create table prevention.package (
  id           bigint generated always as identity primary key,
  package_id   text not null,
  sender_code  text not null references org.organisation (code),
  kind         text not null check (kind in ('schedule-slot', 'contact')),
  channel      text not null,
  username     text not null,
  received_at  timestamptz not null default now(),
  status       text not null check (status in ('accepted', 'partially_accepted', 'rejected')),
  total        integer not null,
  accepted     integer not null,
  rejected     integer not null,
  protocol     jsonb not null,
  unique (sender_code, kind, package_id)
);

-- A slot of an МО's schedule: when (date, hours), how (method: 1 at the МО, 2 a mobile team to a remote district,
-- 3 delivery of citizens to the МО) and where (the address of a mobile-team stop).
create table prevention.schedule_slot (
  id               bigint generated always as identity primary key,
  sender_code      text not null references org.organisation (code),
  source_id        text not null,
  package_ref      bigint references prevention.package (id),
  mo_code          text not null references org.organisation (code),
  kind             text not null check (kind in ('PMO', 'DVN', 'UDVN', 'DN')),
  department_code  text,
  slot_date        date not null,
  time_from        time not null,
  time_to          time not null check (time_to > time_from),
  method           smallint not null check (method in (1, 2, 3)),
  address          text check (method = 1 or address is not null),
  capacity         integer check (capacity > 0),
  comment          text,
  cancelled        boolean not null default false,
  -- Evening hours start at 18:00 (a slot lasting past it offers them); Saturday by the ISO day of the week.
  evening          boolean generated always as (time_to > time '18:00') stored,
  saturday         boolean generated always as (extract(isodow from slot_date) = 6) stored,
  received_at      timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  change_seq       bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id)
);
create index schedule_slot_mo_date on prevention.schedule_slot (mo_code, slot_date);
create index schedule_slot_date on prevention.schedule_slot (slot_date, mo_code);
create index schedule_slot_seq on prevention.schedule_slot (change_seq);

create table prevention.contact (
  id           bigint generated always as identity primary key,
  sender_code  text not null references org.organisation (code),
  source_id    text not null,
  package_ref  bigint references prevention.package (id),
  mo_code      text not null references org.organisation (code),
  phone        text not null,
  comment      text,
  received_at  timestamptz not null default now(),
  change_seq   bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id)
);
create index contact_mo on prevention.contact (mo_code);

alter table prevention.package enable row level security;
alter table prevention.schedule_slot enable row level security;
alter table prevention.contact enable row level security;

create policy package_read on prevention.package for select
  using (app.org_kind() = 'TFOMS' or sender_code = app.org_code());
create policy package_write on prevention.package for insert with check (sender_code = app.org_code());
create policy package_finish on prevention.package for update
  using (sender_code = app.org_code()) with check (sender_code = app.org_code());

create policy schedule_slot_read on prevention.schedule_slot for select using (app.username() is not null);
create policy schedule_slot_insert on prevention.schedule_slot for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy schedule_slot_update on prevention.schedule_slot for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

create policy contact_read on prevention.contact for select using (app.username() is not null);
create policy contact_insert on prevention.contact for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy contact_update on prevention.contact for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

-- The area's FLK rules (docs/design/prevention-exchange.md); those of plan lists, steps, ДН and polyclinic cases
-- come with their tables.
insert into flk.rule (id, f012_code, field, severity, message) values
  ('PREV.SENDER', '904', 'moCode', 'error',
   'Отправитель не вправе передавать сведения за другую медицинскую организацию'),
  ('PREV.DEPARTMENT', '904', 'departmentCode', 'error',
   'Подразделение не найдено среди подразделений медицинской организации'),
  ('PREV.SLOT.TIME', '904', 'timeFrom', 'error',
   'Время приёма указано неверно: начало должно быть раньше окончания, приём — между 06:00 и 23:00'),
  ('PREV.SLOT.ADDRESS', '902', 'address', 'error',
   'Для выезда мобильной бригады и доставки граждан укажите адрес (место стоянки или сбора)'),
  ('PREV.SLOT.PAST', '904', 'date', 'error',
   'Дата приёма уже прошла: новое время приёма публикуется на будущие даты');

grant usage on schema prevention to omslink_app;
grant select, insert on prevention.package to omslink_app;
grant update (status, total, accepted, rejected, protocol) on prevention.package to omslink_app;
grant select, insert, update on prevention.schedule_slot, prevention.contact to omslink_app;
grant usage on all sequences in schema prevention to omslink_app;
