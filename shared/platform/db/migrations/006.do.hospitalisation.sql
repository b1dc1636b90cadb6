-- Hospitalisation exchange (issue 4, DOMAIN §2.1–2.3): referrals, cancellations, planned and emergency stays,
-- movements, discharges, free beds, hospitalisation plans, and the packages they arrived in. Every exchanged
-- record keeps its sender, the sender's own id (idempotency key), the package and a change sequence number that
-- the incremental reads ("changed since") page by. Row-level security scopes every table (ARCHITECTURE §1).

create schema if not exists hosp;
create sequence hosp.change_seq;

-- Settings of the exchange (referral validity, how long an admission waits for its referral).
create table hosp.setting (
  key    text primary key,
  value  integer not null,
  title  text not null
);
insert into hosp.setting values
  ('referral_validity_days', 30, 'Срок действия направления, дней'),
  ('admission_hold_days', 10, 'Сколько дней госпитализация ждёт своё направление');

-- Which bed profiles (V020) belong to which profile of care (V002): the FLK "bed profile inconsistent with the
-- profile" (Volgograd T008 code 14). A bed profile without any row here is not judged; the НСИ operator adds rows.
create table hosp.bed_profile_rule (
  bed_profile_v020  integer not null,
  profile_v002      integer not null,
  primary key (bed_profile_v020, profile_v002)
);
insert into hosp.bed_profile_rule values
  (71, 97), (80, 112), (26, 29), (34, 53), (42, 60), (6, 136), (74, 100), (63, 75), (14, 11), (77, 108),
  (85, 122), (24, 28), (52, 65), (55, 68), (1, 136), (2, 136), (4, 136), (5, 136), (7, 136);

create table hosp.package (
  id           bigint generated always as identity primary key,
  package_id   text not null,
  sender_code  text not null references org.organisation (code),
  kind         text not null check (kind in ('referral', 'cancellation', 'admission', 'movement', 'discharge',
                                             'free-beds', 'plan')),
  channel      text not null,
  username     text not null,
  received_at  timestamptz not null default now(),
  status       text not null check (status in ('accepted', 'partially_accepted', 'rejected')),
  total        integer not null,
  accepted     integer not null,
  rejected     integer not null,
  -- The per-record protocol (it may repeat the sender's values, e.g. an ЕНП): readable by the sender and ТФОМС.
  protocol     jsonb not null,
  unique (sender_code, kind, package_id)
);

create table hosp.referral (
  id                    bigint generated always as identity primary key,
  sender_code           text not null references org.organisation (code),
  source_id             text not null,
  package_ref           bigint references hosp.package (id),
  number                text not null unique,
  referral_date         date not null,
  form_v014             smallint not null,
  from_mo_code          text not null references org.organisation (code),
  from_department_code  text,
  to_mo_code            text not null references org.organisation (code),
  to_department_code    text,
  conditions_v006       smallint not null,
  profile_v002          integer not null,
  bed_profile_v020      integer not null,
  diagnosis             text not null,
  doctor_snils          text not null,
  planned_date          date not null,
  valid_until           date not null,
  kind                  text not null check (kind in ('plain', 'vmp')),
  vmp                   jsonb,
  person_id             bigint not null references person.person (id),
  smo_code              text references org.organisation (code),
  phone                 text,
  status                text not null default 'issued'
                        check (status in ('issued', 'admitted', 'cancelled', 'discharged')),
  cancel_source         smallint check (cancel_source in (1, 2, 3)),
  cancel_org_code       text references org.organisation (code),
  cancel_reason         smallint check (cancel_reason between 1 and 9),
  cancel_date           date,
  cancel_comment        text,
  cancel_source_id      text,
  received_at           timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  change_seq            bigint not null default nextval('hosp.change_seq'),
  unique (sender_code, source_id)
);
create index referral_to_seq on hosp.referral (to_mo_code, change_seq);
create index referral_from_seq on hosp.referral (from_mo_code, change_seq);
create index referral_smo_seq on hosp.referral (smo_code, change_seq);
create index referral_seq on hosp.referral (change_seq);
create index referral_person on hosp.referral (person_id);
create index referral_date on hosp.referral (referral_date desc, id desc);

create table hosp.stay (
  id                 bigint generated always as identity primary key,
  sender_code        text not null references org.organisation (code),
  source_id          text not null,
  package_ref        bigint references hosp.package (id),
  kind               text not null check (kind in ('planned', 'emergency')),
  referral_id        bigint references hosp.referral (id),
  referral_number    text,
  referral_date      date,
  mo_code            text not null references org.organisation (code),
  department_code    text not null,
  form_v014          smallint not null,
  conditions_v006    smallint not null,
  profile_v002       integer not null,
  bed_profile_v020   integer not null,
  admitted_on        date not null,
  admitted_time      text,
  case_number        text not null,
  diagnosis          text not null,
  person_id          bigint not null references person.person (id),
  smo_code           text references org.organisation (code),
  referring_mo_code  text references org.organisation (code),
  discharged_on      date,
  outcome            smallint,
  discharge_source_id text,
  received_at        timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  change_seq         bigint not null default nextval('hosp.change_seq'),
  unique (sender_code, source_id)
);
create index stay_mo_seq on hosp.stay (mo_code, change_seq);
create index stay_referring_seq on hosp.stay (referring_mo_code, change_seq);
create index stay_smo_seq on hosp.stay (smo_code, change_seq);
create index stay_seq on hosp.stay (change_seq);
create index stay_person on hosp.stay (person_id);
create index stay_pending on hosp.stay (referral_number) where referral_id is null and kind = 'planned';

create table hosp.movement (
  id               bigint generated always as identity primary key,
  stay_id          bigint not null references hosp.stay (id),
  sender_code      text not null references org.organisation (code),
  source_id        text not null,
  department_code  text not null,
  profile_v002     integer not null,
  bed_profile_v020 integer not null,
  moved_on         date not null,
  received_at      timestamptz not null default now(),
  unique (sender_code, source_id)
);
create index movement_stay on hosp.movement (stay_id);

create table hosp.free_beds (
  mo_code            text not null references org.organisation (code),
  department_code    text not null,
  bed_profile_v020   integer not null,
  conditions_v006    smallint not null,
  report_date        date not null,
  profile_v002       integer,
  occupied_at_start  integer not null,
  admitted           integer not null,
  discharged         integer not null,
  planned_today      integer not null,
  free_total         integer not null,
  free_male          integer not null,
  free_female        integer not null,
  free_adult         integer not null,
  free_child         integer not null,
  forecast           jsonb not null default '[]',
  sender_code        text not null,
  source_id          text not null,
  package_ref        bigint references hosp.package (id),
  received_at        timestamptz not null default now(),
  change_seq         bigint not null default nextval('hosp.change_seq'),
  primary key (mo_code, department_code, bed_profile_v020, conditions_v006, report_date)
);
create index free_beds_seq on hosp.free_beds (change_seq);
create index free_beds_date on hosp.free_beds (report_date desc);

create table hosp.plan (
  year             integer not null,
  month            integer not null check (month between 1 and 12),
  mo_code          text not null references org.organisation (code),
  profile_v002     integer not null,
  conditions_v006  smallint not null,
  smo_code         text not null references org.organisation (code),
  planned          integer not null check (planned >= 0),
  sender_code      text not null,
  source_id        text not null,
  package_ref      bigint references hosp.package (id),
  received_at      timestamptz not null default now(),
  change_seq       bigint not null default nextval('hosp.change_seq'),
  primary key (year, month, mo_code, profile_v002, conditions_v006, smo_code)
);

-- What happened to a referral or a stay, for its history and the СМО's event feed. Scope columns are copied so
-- the policy needs no join.
create table hosp.event (
  id            bigint generated always as identity primary key,
  at            timestamptz not null default now(),
  entity        text not null check (entity in ('referral', 'stay')),
  entity_id     bigint not null,
  event         text not null,
  org_code      text,
  username      text,
  channel       text,
  details       jsonb,
  person_id     bigint not null,
  from_mo_code  text,
  to_mo_code    text,
  smo_code      text,
  change_seq    bigint not null default nextval('hosp.change_seq')
);
create index event_entity on hosp.event (entity, entity_id, id);
create index event_smo_seq on hosp.event (smo_code, change_seq);
create index event_seq on hosp.event (change_seq);

-- ---------------------------------------------------------------------------------------------------------
-- Looking across scopes on purpose: a referral number's owner (duplicate numbers), and the referral an admission
-- names (it may be addressed to another МО, or not have arrived yet). Only what the check needs is answered.
create function hosp.referral_by_number(p_number text)
returns table (id bigint, sender_code text, source_id text, to_mo_code text, from_mo_code text, status text,
               referral_date date, valid_until date, person_id bigint, smo_code text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select r.id, r.sender_code, r.source_id, r.to_mo_code, r.from_mo_code, r.status, r.referral_date,
         r.valid_until, r.person_id, r.smo_code
  from hosp.referral r where r.number = p_number $$;

-- A referral that arrives after its admission: the waiting stays of the target hospital are matched to it, and
-- the referral becomes admitted. Runs in the referring МО's transaction, which may not change the hospital's rows.
create function hosp.match_waiting_stays(p_referral_id bigint) returns integer
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  r hosp.referral;
  n integer;
begin
  select * into r from hosp.referral where id = p_referral_id;
  update hosp.stay s
    set referral_id = r.id, referring_mo_code = r.from_mo_code, updated_at = now(),
        change_seq = nextval('hosp.change_seq')
    where s.referral_id is null and s.kind = 'planned' and s.referral_number = r.number and s.mo_code = r.to_mo_code;
  get diagnostics n = row_count;
  if n > 0 then
    update hosp.referral
      set status = case when exists (select 1 from hosp.stay where referral_id = r.id and discharged_on is not null)
                        then 'discharged' else 'admitted' end,
          updated_at = now(), change_seq = nextval('hosp.change_seq')
      where id = r.id and status = 'issued';
    insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                            from_mo_code, to_mo_code, smo_code)
      values ('referral', r.id, 'matched', app.org_code(), app.username(), app.channel(),
              jsonb_build_object('stays', n), r.person_id, r.from_mo_code, r.to_mo_code, r.smo_code);
  end if;
  return n;
end $$;

-- The hospital admits or discharges on a referral another МО sent: the status follows the stay. The hospital
-- may not otherwise change the referral's row (only its target's fields through this function).
create function hosp.set_referral_status(p_referral_id bigint, p_status text) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  update hosp.referral set status = p_status, updated_at = now(), change_seq = nextval('hosp.change_seq')
  where id = p_referral_id and status <> p_status
    and (to_mo_code = app.org_code() or from_mo_code = app.org_code()) $$;

-- ---------------------------------------------------------------------------------------------------------
-- Row-level security.
alter table hosp.package enable row level security;
alter table hosp.referral enable row level security;
alter table hosp.stay enable row level security;
alter table hosp.movement enable row level security;
alter table hosp.free_beds enable row level security;
alter table hosp.plan enable row level security;
alter table hosp.event enable row level security;
alter table hosp.setting enable row level security;
alter table hosp.bed_profile_rule enable row level security;

create policy package_read on hosp.package for select
  using (app.org_kind() = 'TFOMS' or sender_code = app.org_code());
create policy package_write on hosp.package for insert with check (sender_code = app.org_code());
create policy package_finish on hosp.package for update
  using (sender_code = app.org_code()) with check (sender_code = app.org_code());

create policy referral_read on hosp.referral for select
  using (app.org_kind() = 'TFOMS' or from_mo_code = app.org_code() or to_mo_code = app.org_code()
         or smo_code = app.org_code());
create policy referral_insert on hosp.referral for insert
  with check (app.org_kind() = 'MO' and from_mo_code = app.org_code() and sender_code = app.org_code());
-- The sender updates its referral; either МО or the СМО cancels it (cancellation columns, checked by the service).
create policy referral_update on hosp.referral for update
  using (from_mo_code = app.org_code() or to_mo_code = app.org_code() or smo_code = app.org_code())
  with check (from_mo_code = app.org_code() or to_mo_code = app.org_code() or smo_code = app.org_code());

create policy stay_read on hosp.stay for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or referring_mo_code = app.org_code()
         or smo_code = app.org_code());
create policy stay_write on hosp.stay for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy stay_update on hosp.stay for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code());

create policy movement_read on hosp.movement for select
  using (exists (select 1 from hosp.stay s where s.id = movement.stay_id));
create policy movement_write on hosp.movement for insert with check (sender_code = app.org_code());
create policy movement_update on hosp.movement for update
  using (sender_code = app.org_code()) with check (sender_code = app.org_code());

create policy free_beds_read on hosp.free_beds for select using (app.username() is not null);
create policy free_beds_write on hosp.free_beds for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code());
create policy free_beds_update on hosp.free_beds for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code());

create policy plan_read on hosp.plan for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or smo_code = app.org_code());
create policy plan_write on hosp.plan for insert with check (app.org_kind() = 'MO' and mo_code = app.org_code());
create policy plan_update on hosp.plan for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code());

create policy event_read on hosp.event for select
  using (app.org_kind() = 'TFOMS' or from_mo_code = app.org_code() or to_mo_code = app.org_code()
         or smo_code = app.org_code());
create policy event_write on hosp.event for insert
  with check (app.username() is not null and org_code = app.org_code());

create policy setting_read on hosp.setting for select using (app.username() is not null);
create policy setting_edit on hosp.setting for update
  using (app.may_edit_directories()) with check (app.may_edit_directories());
create policy bed_rule_read on hosp.bed_profile_rule for select using (app.username() is not null);
create policy bed_rule_edit on hosp.bed_profile_rule for all
  using (app.may_edit_directories()) with check (app.may_edit_directories());

-- ---------------------------------------------------------------------------------------------------------
-- Writes to referrals and stays are audited by the database (record and person ids), whatever the channel.
create function audit.exchange_table_changed() returns trigger
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  ids text[];
  persons bigint[];
  action text := case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end;
begin
  if tg_op = 'DELETE' then
    select coalesce(array_agg(id::text), '{}'), coalesce(array_agg(distinct person_id), '{}')
      into ids, persons from old_rows;
  else
    select coalesce(array_agg(id::text), '{}'), coalesce(array_agg(distinct person_id), '{}')
      into ids, persons from new_rows;
  end if;
  if cardinality(ids) > 0 then
    perform audit.record(action, tg_table_schema || '.' || tg_table_name, ids, persons);
  end if;
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['referral', 'stay']
  loop
    execute format('create trigger audit_insert after insert on hosp.%I referencing new table as new_rows '
                   'for each statement execute function audit.exchange_table_changed()', t);
    execute format('create trigger audit_update after update on hosp.%I referencing new table as new_rows '
                   'for each statement execute function audit.exchange_table_changed()', t);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- FLK rules of the hospitalisation family (codes: F012 where it has one; meanings after Volgograd T008).
insert into flk.rule (id, f012_code, field, severity, message) values
  ('HOSP.SENDER', '904', 'MCOD', 'error', 'Отправитель не вправе передавать запись за другую медицинскую организацию'),
  ('HOSP.NSI.V014', '904', 'FRM_MP', 'error', 'Форма оказания медицинской помощи не найдена в справочнике V014'),
  ('HOSP.NSI.V006', '904', 'USL_OK', 'error', 'Условия оказания медицинской помощи не найдены в справочнике V006'),
  ('HOSP.NSI.V002', '904', 'KOD_PFO', 'error', 'Профиль медицинской помощи не найден в справочнике V002'),
  ('HOSP.NSI.V020', '904', 'KOD_PFK', 'error', 'Профиль койки не найден в справочнике V020'),
  ('HOSP.NSI.MKB', '904', 'DS', 'error', 'Диагноз не найден в МКБ-10'),
  ('HOSP.BED_PROFILE', '904', 'KOD_PFK', 'error', 'Профиль койки не соответствует профилю медицинской помощи'),
  ('HOSP.MO.UNKNOWN', '904', 'MCOD_STC', 'error', 'Медицинская организация не найдена'),
  ('HOSP.DEPT.UNKNOWN', '904', 'MPODR_STC', 'error', 'Подразделение не найдено в медицинской организации'),
  ('HOSP.DEPT.BEDS', '904', 'KOD_PFK', 'error', 'В подразделении нет коек этого профиля'),
  ('HOSP.REF.DUPLICATE', '905', 'NOM_NAP', 'error', 'Направление с таким номером уже зарегистрировано'),
  ('HOSP.DATE.FUTURE', '904', 'DATE', 'error', 'Дата позже текущей даты'),
  ('HOSP.DATE.ORDER', '904', 'DATE', 'error', 'Нарушен порядок дат'),
  ('HOSP.DOCTOR.SNILS', '904', 'KOD_DCT', 'error', 'Неверный СНИЛС врача'),
  ('HOSP.VMP.TALON', '902', 'TAL_NUM', 'error', 'Для направления на ВМП обязательны номер и дата талона'),
  ('HOSP.FORM.EMERGENCY', '904', 'FRM_MP', 'error', 'Экстренная госпитализация не может иметь плановую форму помощи'),
  ('HOSP.REF.UNKNOWN', '904', 'NOM_NAP', 'error', 'Направление не найдено'),
  ('HOSP.REF.PENDING', '904', 'NOM_NAP', 'warning', 'Направление ещё не поступило: госпитализация будет сопоставлена с ним при поступлении'),
  ('HOSP.REF.OTHER_MO', '904', 'NOM_NAP', 'error', 'Направление выдано в другую медицинскую организацию'),
  ('HOSP.REF.EXPIRED', '904', 'DTA_FKT', 'error', 'Превышен срок действия направления'),
  ('HOSP.REF.STATE', '904', 'NOM_NAP', 'error', 'Состояние направления не допускает этого действия'),
  ('HOSP.REF.DATE', '904', 'DTA_NAP', 'error', 'Дата направления не совпадает с зарегистрированной'),
  ('HOSP.CANCEL.REASON', '904', 'PR_ANL', 'error', 'Неверный код причины аннулирования (допустимо 1–9)'),
  ('HOSP.STAY.UNKNOWN', '904', 'NHISTORY', 'error', 'Госпитализация не найдена'),
  ('HOSP.STAY.DISCHARGED', '904', 'NHISTORY', 'error', 'Пациент уже выписан: движение после выписки невозможно'),
  ('HOSP.OUTCOME', '904', 'RSLT', 'error', 'Неверный код исхода госпитализации'),
  ('HOSP.BEDS.COUNTS', '904', 'KOL_PUS', 'error', 'Количества коечного фонда противоречат друг другу'),
  ('HOSP.PLAN.SMO', '904', 'SMO', 'error', 'СМО не найдена'),
  ('HOSP.PLAN.PERIOD', '904', 'MONTH', 'error', 'Неверный период плана');

-- ---------------------------------------------------------------------------------------------------------
grant usage on schema hosp to omslink_app;
grant select on hosp.setting, hosp.bed_profile_rule to omslink_app;
grant update (value) on hosp.setting to omslink_app;
grant insert, delete on hosp.bed_profile_rule to omslink_app;
grant select, insert on hosp.package, hosp.event to omslink_app;
grant update (status, total, accepted, rejected, protocol) on hosp.package to omslink_app;
grant select, insert, update on hosp.referral, hosp.stay, hosp.movement, hosp.free_beds, hosp.plan to omslink_app;
grant usage on all sequences in schema hosp to omslink_app;

-- The name of a reference record valid on a date (views show names next to codes).
create function nsi.name_on(p_directory text, p_code text, p_date date) returns text
  language sql stable parallel safe as $$
  select r.name from nsi.record r
  where r.directory_code = p_directory and r.code = p_code and r.date_beg <= coalesce(p_date, current_date)
  order by (r.date_end is null or r.date_end >= coalesce(p_date, current_date)) desc, r.date_beg desc
  limit 1 $$;
