-- Foundation schema: reference directories (НСИ), organisations, insured persons, accounts.
-- Later issues add row-level security, audit and each exchange area in their own migrations.

create extension if not exists pg_trgm;

create schema if not exists nsi;
create schema if not exists org;
create schema if not exists person;
create schema if not exists auth;
create schema if not exists ops;

-- ---------------------------------------------------------------------------------------------------------
-- НСИ: every directory keeps every publication loaded (directory_version) and every dated record version.
-- A record is keyed by (directory, code, date_beg) as the FFOMS publications are; a later publication that
-- changes a record moves the previous state to record_history.
create table nsi.directory (
  code        text primary key,
  title       text not null,
  source      text not null check (source in ('ffoms', 'minzdrav', 'region')),
  updated_at  timestamptz not null default now()
);

create table nsi.directory_version (
  id              bigint generated always as identity primary key,
  directory_code  text not null references nsi.directory (code),
  version         text not null,
  published_at    date,
  file_name       text not null,
  file_sha256     text not null,
  record_count    integer not null,
  changed_count   integer not null default 0,
  loaded_at       timestamptz not null default now(),
  unique (directory_code, file_sha256)
);

create table nsi.record (
  directory_code    text not null references nsi.directory (code),
  code              text not null,
  date_beg          date not null,
  date_end          date,
  name              text not null,
  parent_code       text,
  attrs             jsonb not null default '{}'::jsonb,
  first_version_id  bigint not null references nsi.directory_version (id),
  version_id        bigint not null references nsi.directory_version (id),
  primary key (directory_code, code, date_beg)
);
create index record_code_prefix on nsi.record (directory_code, code text_pattern_ops);
create index record_name_trgm on nsi.record using gin (name gin_trgm_ops);

create table nsi.record_history (
  directory_code         text not null,
  code                   text not null,
  date_beg               date not null,
  date_end               date,
  name                   text not null,
  parent_code            text,
  attrs                  jsonb not null,
  version_id             bigint not null references nsi.directory_version (id),
  superseded_by_version  bigint not null references nsi.directory_version (id),
  primary key (directory_code, code, date_beg, version_id)
);

-- ---------------------------------------------------------------------------------------------------------
-- Organisations in the F003 (МО) / F002 (СМО) shape, plus the territorial fund.
create table org.organisation (
  code         text primary key,
  kind         text not null check (kind in ('MO', 'SMO', 'TFOMS')),
  name         text not null,
  short_name   text not null,
  mo_kind      text check (mo_kind in ('polyclinic', 'hospital', 'combined')),
  region_code  text not null,
  okato        text,
  inn          text,
  ogrn         text,
  kpp          text,
  address      text,
  phone        text,
  date_beg     date not null,
  date_end     date,
  check ((kind = 'MO') = (mo_kind is not null))
);

create table org.department (
  id               bigint generated always as identity primary key,
  mo_code          text not null references org.organisation (code),
  code             text not null,
  name             text not null,
  kind             text not null check (kind in ('polyclinic', 'inpatient', 'day_hospital')),
  profile_v002     integer not null,
  conditions_v006  smallint not null,
  unique (mo_code, code)
);

create table org.department_bed (
  department_id     bigint not null references org.department (id),
  bed_profile_v020  integer not null,
  beds              integer not null check (beds >= 0),
  beds_male         integer not null check (beds_male >= 0),
  beds_female       integer not null check (beds_female >= 0),
  beds_child        integer not null check (beds_child >= 0),
  primary key (department_id, bed_profile_v020)
);

create table org.doctor (
  mo_code         text not null references org.organisation (code),
  snils           text not null,
  fam             text not null,
  im              text not null,
  ot              text,
  specialty_v021  integer not null,
  primary key (mo_code, snils)
);

create table org.district (
  mo_code       text not null references org.organisation (code),
  code          text not null,
  kind          text not null check (kind in ('therapeutic', 'pediatric', 'general_practice')),
  doctor_snils  text not null,
  primary key (mo_code, code),
  foreign key (mo_code, doctor_snils) references org.doctor (mo_code, snils)
);

-- ---------------------------------------------------------------------------------------------------------
-- Insured persons (regional segment of ЕРЗ): person, policy history, attachment history.
create table person.person (
  id          bigint primary key,
  enp         char(16) not null unique,
  snils       char(14) unique,
  fam         text not null,
  im          text not null,
  ot          text,
  sex         smallint not null check (sex in (1, 2)),
  birth_date  date not null,
  doc_type    smallint,
  doc_ser     text,
  doc_num     text,
  phone       text
);
create index person_fio_birth on person.person (fam, im, birth_date);

create table person.policy (
  id           bigint primary key,
  person_id    bigint not null references person.person (id),
  policy_type  smallint not null,
  number       text not null,
  smo_code     text not null references org.organisation (code),
  date_beg     date not null,
  date_end     date
);
create index policy_person on person.policy (person_id);
create index policy_smo on person.policy (smo_code) where date_end is null;

create table person.attachment (
  id             bigint primary key,
  person_id      bigint not null references person.person (id),
  mo_code        text not null references org.organisation (code),
  district_code  text not null,
  doctor_snils   text not null,
  date_beg       date not null,
  date_end       date,
  foreign key (mo_code, district_code) references org.district (mo_code, code)
);
create index attachment_person on person.attachment (person_id);
create index attachment_mo on person.attachment (mo_code) where date_end is null;

-- ---------------------------------------------------------------------------------------------------------
-- Accounts of people (web) and systems (SOAP). Passwords/secrets are stored as scrypt hashes only.
create table auth.account (
  username          text primary key,
  kind              text not null check (kind in ('person', 'system')),
  password_hash     text not null,
  full_name         text not null,
  role              text not null,
  org_code          text not null references org.organisation (code),
  failed_attempts   integer not null default 0,
  locked_until      timestamptz,
  created_at        timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);

create table auth.revoked_token (
  jti         text primary key,
  expires_at  timestamptz not null
);

-- ---------------------------------------------------------------------------------------------------------
-- What the demo-region generator produced (one row per generation), so a second start skips it.
create table ops.demo_region (
  id                 bigint generated always as identity primary key,
  seed               text not null,
  generator_version  integer not null,
  persons            integer not null,
  counts             jsonb not null,
  took_ms            integer not null,
  generated_at       timestamptz not null default now()
);

-- Staging for directory loads (COPY target). Unlogged: it only ever holds one load in flight, keyed by version.
create unlogged table nsi.record_stage (
  version_id   bigint not null,
  ordinal      integer not null,
  code         text not null,
  date_beg     date not null,
  date_end     date,
  name         text not null,
  parent_code  text,
  attrs        jsonb not null
);
