-- Registry-invoice import and the oncology register (docs/design/registry-exchange.md, issue 12).
--
-- A package (ZIP: the main file of cases and its L-file of personal data, DOMAIN §3) is registered in the journal
-- `registry.import` on upload and imported by the queue consumer in one transaction: both files stream into the
-- unlogged staging tables with COPY, set-based checks resolve every case's person against the register and mark
-- what is rejected, and one statement per table merges the accepted cases into `registry.zcase` (законченный
-- случай), `registry.sl` (случай, with the onco block's fields) and `registry.usl` (услуга). A killed consumer
-- leaves nothing (the transaction rolls back) and the redelivered message starts the package again.
--
-- Visibility (ARCHITECTURE §1): the journal and protocol to the sending МО and the fund; a person's cases to the
-- fund, to the СМО that insures the person and to the МО that treated (person_link 'registry') or has the
-- person attached — exactly who sees the person (person.person's policy), so an МО following its patient sees
-- the whole history in the region.

create schema registry;
grant usage on schema registry to omslink_app;

-- ---------------------------------------------------------------------------------------------------------
-- Uploads in flight (REST: POST /registries/uploads → PUT the ZIP → POST /registries {uploadId}).
create table registry.upload (
  id           uuid primary key,
  blob_key     text not null,
  uploaded_by  text not null,
  org_code     text not null,
  role         text not null,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  -- Set once the upload became an import (an upload is imported once).
  import_id    bigint
);
alter table registry.upload enable row level security;
create policy upload_own on registry.upload for all
  using (uploaded_by = app.username() and org_code = app.org_code())
  with check (uploaded_by = app.username() and org_code = app.org_code() and role = app.role());
grant select, insert, update on registry.upload to omslink_app;

-- ---------------------------------------------------------------------------------------------------------
-- The journal of received packages (shared/platform/bulk/file-journal.ts columns + the package's own).
create table registry.import (
  id              bigint generated always as identity primary key,
  channel         text not null check (channel in ('web', 'rest', 'soap', 'file')),
  file_name       text,
  file_size       bigint,
  file_sha256     text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  blob_key        text,
  status          text not null check (status in ('queued', 'processing', 'done', 'rejected', 'failed', 'duplicate')),
  duplicate_of    bigint references registry.import (id),
  uploaded_by     text not null,
  org_code        text not null,
  role            text not null,
  received_at     timestamptz not null default now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  attempts        integer not null default 0,
  -- Why it failed, in Russian (technical failures: a sentence; the class goes to the log only).
  error           text,
  -- ZGLV and SCHET of the main file (no personal data).
  header          jsonb,
  -- {cases, accepted, rejected, persons, services, onco, warnings}
  counts          jsonb,
  -- From the package name (DOMAIN §3.1): the kind prefix, the МО, the period and the packet number.
  package_name    text,
  file_kind       text,
  mo_code         text,
  period_year     smallint,
  period_month    smallint,
  -- Progress of an import in flight, written outside its transaction (registry.import_progress).
  check ((status = 'duplicate') = (duplicate_of is not null))
);
-- The same content queued, in progress or applied by the same organisation is a duplicate (a package belongs
-- to one МО; row-level security hides other organisations' entries, so the key is per organisation).
create unique index import_content on registry.import (org_code, file_sha256)
  where status in ('queued', 'processing', 'done');
-- The same package name applied before is F012 805.
create index import_package_name on registry.import (package_name) where status = 'done';
create index import_received on registry.import (received_at desc, id desc);
create index import_org on registry.import (org_code, received_at desc, id desc);

alter table registry.import enable row level security;
create policy import_read on registry.import for select
  using (app.org_kind() = 'TFOMS' or org_code = app.org_code());
create policy import_insert on registry.import for insert
  with check (uploaded_by = app.username() and org_code = app.org_code() and role = app.role());
create policy import_update on registry.import for update
  using (org_code = app.org_code()) with check (org_code = app.org_code());
grant select, insert, update on registry.import to omslink_app;

-- How far an import in flight has read: written by the consumer on its own connection every few seconds (the
-- import's transaction is not visible until it commits). No personal data.
create table registry.import_progress (
  import_id     bigint primary key references registry.import (id),
  bytes_total   bigint,
  bytes_read    bigint not null default 0,
  cases_read    integer not null default 0,
  persons_read  integer not null default 0,
  phase         text,
  updated_at    timestamptz not null default now()
);
alter table registry.import_progress enable row level security;
create policy import_progress_read on registry.import_progress for select
  using (exists (select 1 from registry.import i where i.id = import_id));
create policy import_progress_write on registry.import_progress for all
  using (exists (select 1 from registry.import i where i.id = import_id and i.org_code = app.org_code()))
  with check (exists (select 1 from registry.import i where i.id = import_id and i.org_code = app.org_code()));
grant select, insert, update on registry.import_progress to omslink_app;

-- The FLK protocol (FLK_P, DOMAIN §5.2): one row per finding; ordinal 0 for the package itself, else the
-- position of the record in its file (`file` says which).
create table registry.import_error (
  import_id  bigint not null references registry.import (id),
  file       text not null check (file in ('package', 'case', 'person')),
  ordinal    integer not null check (ordinal >= 0),
  seq        integer not null,
  severity   text not null check (severity in ('error', 'warning')),
  code       text not null,
  rule       text not null,
  bas_el     text,
  field      text,
  value      text,
  message    text not null,
  n_zap      text,
  idcase     text,
  sl_id      text,
  idserv     text,
  id_pac     text
);
create index import_error_import on registry.import_error (import_id, file, ordinal, seq);
create index import_error_code on registry.import_error (import_id, code, field);
alter table registry.import_error enable row level security;
create policy import_error_read on registry.import_error for select
  using (exists (select 1 from registry.import i where i.id = import_id));
create policy import_error_insert on registry.import_error for insert
  with check (exists (select 1 from registry.import i where i.id = import_id and i.org_code = app.org_code()));
grant select, insert on registry.import_error to omslink_app;

-- ---------------------------------------------------------------------------------------------------------
-- Cases. Keyed by the МО and its case id (IDCASE): PR_NOV=1 replaces the case, PR_NOV=0 for a key already
-- stored is F012 905. `data` keeps the whole record as received (PACIENT and Z_SL) for the areas that read
-- more of it (prevention reads the D-files' RSLT_D and NAZ, polyclinic cases the H-files).
-- Ids are taken from the identity sequences while staging (nextval), so that SL and USL rows are linked to
-- their parents on the staging side, where no row-level security is evaluated per row. The tables carry no
-- foreign keys: they are written only by the import, which resolves every person in the register, draws every
-- id and inserts parents and children in one transaction (and deletes a corrected case's SL and services with
-- it); a per-row key check would be a third of a 200,000-case merge. Indexes serve the register's reads only.
create table registry.zcase (
  id          bigint generated by default as identity primary key,
  import_id   bigint not null,
  mo_code     text not null,
  idcase      bigint not null,
  file_kind   text not null,
  period_year smallint not null,
  period_month smallint not null,
  nschet      text not null,
  n_zap       integer not null,
  pr_nov      smallint not null,
  id_pac      text not null,
  person_id   bigint not null,
  smo_code    text,
  usl_ok      smallint not null,
  vidpom      smallint not null,
  for_pom     smallint not null,
  npr_mo      text,
  npr_date    date,
  lpu         text not null,
  date_z_1    date not null,
  date_z_2    date not null,
  rslt        smallint,
  rslt_d      smallint,
  ishod       smallint,
  idsp        smallint not null,
  sumv        numeric(15, 2) not null,
  -- A case with suspicion of ЗНО (DS_ONK=1) or a ЗНО diagnosis in one of its SL.
  onco        boolean not null,
  data        json not null,
  received_at timestamptz not null default now(),
  unique (mo_code, idcase)
);
create index zcase_person on registry.zcase (person_id, date_z_1);
create index zcase_import on registry.zcase (import_id);

create table registry.sl (
  id          bigint generated by default as identity primary key,
  zcase_id    bigint not null,
  person_id   bigint not null,
  mo_code     text not null,
  seq         smallint not null,
  sl_id       text not null,
  lpu_1       text,
  podr        text,
  profil      smallint not null,
  profil_k    smallint,
  det         smallint not null,
  p_cel       text,
  nhistory    text not null,
  date_1      date not null,
  date_2      date not null,
  ds0         text,
  ds1         text not null,
  ds2         text[] not null default '{}',
  ds3         text[] not null default '{}',
  c_zab       smallint,
  ds_onk      smallint not null,
  dn          smallint,
  reab        smallint,
  prvs        smallint not null,
  iddokt      text,
  sum_m       numeric(15, 2) not null,
  -- The onco block (null when the SL has none): ONK_SL's scalars, its repeated groups and NAPR/CONS as
  -- received (jsonb arrays of the tag-named objects), and what the list builder filters by as arrays.
  onco        boolean not null,
  ds1_t       smallint,
  stad        smallint,
  onk_t       smallint,
  onk_n       smallint,
  onk_m       smallint,
  mtstz       smallint,
  sod         numeric(7, 2),
  k_fr        smallint,
  wei         numeric(6, 1),
  hei         smallint,
  bsa         numeric(6, 2),
  napr        jsonb not null default '[]',
  cons        jsonb not null default '[]',
  b_diag      jsonb not null default '[]',
  b_prot      jsonb not null default '[]',
  onk_usl     jsonb not null default '[]',
  usl_tips    smallint[] not null default '{}',
  regnums     text[] not null default '{}',
  prots       smallint[] not null default '{}',
  pr_cons     smallint[] not null default '{}',
  -- First day of an onco service (the earliest service date of the SL that has ONK_USL), for timeliness.
  treatment_date date
);
create index sl_zcase on registry.sl (zcase_id, seq);
create index sl_person on registry.sl (person_id, date_1);
create index sl_onco_ds1 on registry.sl (ds1, date_1) where onco;

create table registry.usl (
  id          bigint generated always as identity primary key,
  sl_ref      bigint not null,
  person_id   bigint not null,
  mo_code     text not null,
  seq         smallint not null,
  idserv      text not null,
  lpu         text not null,
  profil      smallint not null,
  vid_vme     text,
  det         smallint not null,
  date_in     date not null,
  date_out    date not null,
  ds          text,
  code_usl    text not null,
  kol_usl     numeric(8, 2) not null,
  sumv_usl    numeric(15, 2) not null,
  prvs        smallint,
  code_md     text
);
create index usl_sl on registry.usl (sl_ref, seq);
create index usl_person on registry.usl (person_id, date_in);

-- The register per person: dates the timeliness rules need and what most criteria filter by, recomputed for the
-- persons an import touched (registry.refresh_onco_persons).
create table registry.onco_person (
  person_id          bigint primary key references person.person (id),
  -- First suspicion (DS_ONK=1: the earliest NAPR_DATE, else the SL's DATE_1).
  suspicion_date     date,
  -- First SL with a ЗНО diagnosis (C00–C97, D00–D09) and that diagnosis.
  diagnosis_date     date,
  diagnosis          text,
  -- First onco service (ONK_USL) after the diagnosis.
  treatment_date     date,
  -- The latest SL with a ЗНО diagnosis: its diagnosis and stage.
  last_diagnosis     text,
  last_stage         smallint,
  first_detected     boolean not null default false,
  last_date          date not null,
  cases              integer not null,
  mo_codes           text[] not null,
  updated_at         timestamptz not null default now()
);
create index onco_person_diagnosis on registry.onco_person (diagnosis, diagnosis_date);
create index onco_person_last_date on registry.onco_person (last_date desc, person_id);

-- Saved list-builder criteria, shared within the organisation (or with everyone it names).
create table registry.onco_list (
  id          bigint generated always as identity primary key,
  name        text not null check (length(name) between 1 and 200),
  criteria    jsonb not null,
  org_code    text not null,
  created_by  text not null,
  shared      boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index onco_list_org on registry.onco_list (org_code, updated_at desc);
alter table registry.onco_list enable row level security;
create policy onco_list_read on registry.onco_list for select
  using (created_by = app.username() or (shared and org_code = app.org_code()));
create policy onco_list_write on registry.onco_list for all
  using (created_by = app.username())
  with check (created_by = app.username() and org_code = app.org_code());
grant select, insert, update, delete on registry.onco_list to omslink_app;

-- Row-level security of the register: who sees the person sees the person's cases (see the header).
do $$
declare t text;
begin
  foreach t in array array['zcase', 'sl', 'usl', 'onco_person']
  loop
    execute format('alter table registry.%I enable row level security', t);
    execute format(
      'create policy %I on registry.%I for select using ('
      '  app.org_kind() = ''TFOMS'''
      '  or exists (select 1 from person.person p where p.id = person_id offset 0))',
      t || '_read', t);
  end loop;
end
$$;
-- Writes: the sending МО's own cases, inside its import.
create policy zcase_insert on registry.zcase for insert with check (mo_code = app.org_code());
create policy zcase_delete on registry.zcase for delete using (mo_code = app.org_code());
create policy sl_insert on registry.sl for insert with check (mo_code = app.org_code());
create policy sl_delete on registry.sl for delete using (mo_code = app.org_code());
create policy usl_delete on registry.usl for delete using (mo_code = app.org_code());
create policy usl_insert on registry.usl for insert with check (mo_code = app.org_code());
grant select, insert, delete on registry.zcase, registry.sl, registry.usl to omslink_app;
grant select on registry.onco_person to omslink_app;

-- The register is written only by the import, which writes one audit entry naming every person of a package
-- (omslink.audit_bulk). Instead of the exchange tables' audit triggers — statement triggers with transition
-- tables, which keep a copy of every row written (a 200,000-case package spilled hundreds of MB to disk just
-- for the trigger to return at once) — a guard refuses any write outside that context: nothing unaudited.
create function registry.refuse_unaudited_write() returns trigger
  language plpgsql as $$
begin
  if app.setting('omslink.audit_bulk') is distinct from 'on' then
    raise exception 'registry tables are written only by the registry import' using errcode = '42501';
  end if;
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['zcase', 'sl', 'usl']
  loop
    execute format('create trigger audited_writes_only before insert or update or delete on registry.%I '
                   'for each statement execute function registry.refuse_unaudited_write()', t);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Staging (COPY targets; unlogged, no RLS: only the importing transaction ever sees its rows, it deletes them
-- before it commits).
create unlogged table registry.stage_case (
  import_id   bigint not null,
  ordinal     integer not null,
  ok          boolean not null,
  n_zap       integer,
  pr_nov      smallint,
  idcase      bigint,
  id_pac      text,
  vpolis      smallint,
  npolis      text,
  enp         char(16),
  smo_code    text,
  usl_ok      smallint,
  vidpom      smallint,
  for_pom     smallint,
  npr_mo      text,
  npr_date    date,
  lpu         text,
  date_z_1    date,
  date_z_2    date,
  rslt        smallint,
  rslt_d      smallint,
  ishod       smallint,
  idsp        smallint,
  sumv        numeric(15, 2),
  onco        boolean,
  data        json,
  -- PACIENT/NOVOR ('0' for the patient themself): the age rules apply to the patient, not to a newborn.
  novor       text,
  -- Set by the checks: the person, and the stored case this one replaces (PR_NOV=1); by the merge: its id.
  person_id   bigint,
  replaces    bigint,
  zcase_id    bigint,
  primary key (import_id, ordinal)
) with (fillfactor = 70);

create unlogged table registry.stage_sl (
  import_id   bigint not null,
  ordinal     integer not null,
  seq         smallint not null,
  sl_id       text not null,
  lpu_1       text,
  podr        text,
  profil      smallint not null,
  profil_k    smallint,
  det         smallint not null,
  p_cel       text,
  nhistory    text not null,
  date_1      date not null,
  date_2      date not null,
  ds0         text,
  ds1         text not null,
  ds2         text[] not null,
  ds3         text[] not null,
  c_zab       smallint,
  ds_onk      smallint not null,
  dn          smallint,
  reab        smallint,
  prvs        smallint not null,
  iddokt      text,
  sum_m       numeric(15, 2) not null,
  onco        boolean not null,
  ds1_t       smallint,
  stad        smallint,
  onk_t       smallint,
  onk_n       smallint,
  onk_m       smallint,
  mtstz       smallint,
  sod         numeric(7, 2),
  k_fr        smallint,
  wei         numeric(6, 1),
  hei         smallint,
  bsa         numeric(6, 2),
  napr        jsonb not null,
  cons        jsonb not null,
  b_diag      jsonb not null,
  b_prot      jsonb not null,
  onk_usl     jsonb not null,
  usl_tips    smallint[] not null,
  regnums     text[] not null,
  prots       smallint[] not null,
  pr_cons     smallint[] not null,
  treatment_date date,
  -- A drug given with the scheme «нет» (children's therapy): checked against the age when the L-file came last.
  no_scheme   boolean not null default false,
  -- Set by the merge: the SL's id.
  sl_ref      bigint,
  primary key (import_id, ordinal, seq)
);

create unlogged table registry.stage_usl (
  import_id   bigint not null,
  ordinal     integer not null,
  sl_seq      smallint not null,
  seq         smallint not null,
  idserv      text not null,
  lpu         text not null,
  profil      smallint not null,
  vid_vme     text,
  det         smallint not null,
  date_in     date not null,
  date_out    date not null,
  ds          text,
  code_usl    text not null,
  kol_usl     numeric(8, 2) not null,
  sumv_usl    numeric(15, 2) not null,
  prvs        smallint,
  code_md     text
);
create index stage_usl_case on registry.stage_usl (import_id, ordinal, sl_seq);

create unlogged table registry.stage_person (
  import_id   bigint not null,
  ordinal     integer not null,
  ok          boolean not null,
  id_pac      text,
  fam         text,
  im          text,
  ot          text,
  w           smallint,
  dr          date,
  snils       char(14),
  doc_type    smallint,
  doc_ser     text,
  doc_num     text,
  -- Whether DOCDATE and DOCORG were given (required when the patient's policy is not a single one: VPOLIS ≠ 3,
  -- which the main file says: checked set-based).
  has_doc_date boolean not null default false,
  has_doc_org  boolean not null default false,
  primary key (import_id, ordinal)
);
create index stage_person_id_pac on registry.stage_person (import_id, id_pac);

create unlogged table registry.stage_finding (
  import_id  bigint not null,
  file       text not null,
  ordinal    integer not null,
  seq        integer not null,
  severity   text not null,
  code       text not null,
  rule       text not null,
  bas_el     text,
  field      text,
  value      text,
  message    text not null,
  n_zap      text,
  idcase     text,
  sl_id      text,
  idserv     text,
  id_pac     text
);
create index stage_finding_import on registry.stage_finding (import_id, file, ordinal);

grant select, insert, update, delete on registry.stage_case, registry.stage_sl, registry.stage_usl,
  registry.stage_person, registry.stage_finding to omslink_app;

-- ---------------------------------------------------------------------------------------------------------
-- The persons of a staged package, resolved against the whole register (SECURITY DEFINER: an МО sends cases of
-- persons it may not see yet). By ЕНП (VPOLIS=3 or ENP), then СНИЛС, then ФИО + birth date + document through
-- person.resolve_identity. Sets stage_case.person_id; answers how many were resolved.
create function registry.resolve_staged_persons(p_import_id bigint) returns integer
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare resolved integer;
begin
  update registry.stage_case c set person_id = p.id
  from person.person p
  where c.import_id = p_import_id and c.ok and c.enp is not null and p.enp = c.enp;

  update registry.stage_case c set person_id = p.id
  from registry.stage_person s, person.person p
  where c.import_id = p_import_id and c.ok and c.person_id is null
    and s.import_id = c.import_id and s.id_pac = c.id_pac and s.ok and s.snils is not null
    and p.snils = s.snils;

  update registry.stage_case c set person_id = r.person_id
  from registry.stage_person s
  cross join lateral person.resolve_identity(null, null, s.fam, s.im, s.ot, s.dr, s.doc_ser, s.doc_num,
                                             null, true) r
  where c.import_id = p_import_id and c.ok and c.person_id is null
    and s.import_id = c.import_id and s.id_pac = c.id_pac and s.ok and s.fam is not null and s.dr is not null
    and r.candidates = 1;

  select count(*) into resolved from registry.stage_case
  where import_id = p_import_id and person_id is not null;
  return resolved;
end $$;
grant execute on function registry.resolve_staged_persons(bigint) to omslink_app;

-- Accepted cases whose person has no policy on the case's last day (МЭК: not insured on the date of care),
-- and the СМО that insured them: answers (ordinal) of the uninsured, and fills stage_case.smo_code where the
-- package left it empty. SECURITY DEFINER for the same reason.
create function registry.check_staged_insurance(p_import_id bigint) returns table (ordinal integer)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
begin
  update registry.stage_case c set smo_code = po.smo_code
  from person.policy po
  where c.import_id = p_import_id and c.ok and c.person_id is not null and c.smo_code is null
    and po.person_id = c.person_id and po.date_beg <= c.date_z_2
    and (po.date_end is null or po.date_end >= c.date_z_2);
  return query
  select c.ordinal from registry.stage_case c
  where c.import_id = p_import_id and c.ok and c.person_id is not null
    and not exists (select 1 from person.policy po
                    where po.person_id = c.person_id and po.date_beg <= c.date_z_2
                      and (po.date_end is null or po.date_end >= c.date_z_2));
end $$;
grant execute on function registry.check_staged_insurance(bigint) to omslink_app;

-- Stored cases (any МО's rows are invisible to another's RLS, but the key is the sender's own): the cases of
-- the package whose key is taken. Plain SQL under the caller's rights would do for the МО's own cases; the
-- definer keeps it one plan for every caller kind.
create function registry.staged_key_conflicts(p_import_id bigint, p_mo_code text)
returns table (ordinal integer, zcase_id bigint, pr_nov smallint)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select c.ordinal, z.id, c.pr_nov
  from registry.stage_case c
  join registry.zcase z on z.mo_code = p_mo_code and z.idcase = c.idcase
  where c.import_id = p_import_id and c.ok $$;
grant execute on function registry.staged_key_conflicts(bigint, text) to omslink_app;

-- The register per person, recomputed for the given persons from their onco SL (every МО's, so SECURITY
-- DEFINER): the dates the timeliness rules measure and the latest diagnosis and stage.
create function registry.refresh_onco_persons(p_persons bigint[]) returns integer
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare n integer;
begin
  delete from registry.onco_person where person_id = any (p_persons);
  insert into registry.onco_person (person_id, suspicion_date, diagnosis_date, diagnosis, treatment_date,
                                    last_diagnosis, last_stage, first_detected, last_date, cases, mo_codes)
  select s.person_id,
         min(coalesce((select min((e->>'NAPR_DATE')::date) from jsonb_array_elements(s.napr) e), s.date_1))
           filter (where s.ds_onk = 1),
         min(s.date_1) filter (where registry.is_zno(s.ds1)),
         (array_agg(s.ds1 order by s.date_1, s.id) filter (where registry.is_zno(s.ds1)))[1],
         min(s.treatment_date),
         (array_agg(s.ds1 order by s.date_1 desc, s.id desc) filter (where registry.is_zno(s.ds1)))[1],
         (array_agg(s.stad order by s.date_1 desc, s.id desc) filter (where s.stad is not null))[1],
         coalesce(bool_or(s.c_zab = 2 and registry.is_zno(s.ds1)), false),
         max(s.date_2),
         count(distinct s.zcase_id)::integer,
         array_agg(distinct s.mo_code order by s.mo_code)
  from registry.sl s
  where s.person_id = any (p_persons) and s.onco
  group by s.person_id;
  get diagnostics n = row_count;
  return n;
end $$;
grant execute on function registry.refresh_onco_persons(bigint[]) to omslink_app;

-- ЗНО by diagnosis code: C00–C97 and D00–D09 (DOMAIN §3.3).
create function registry.is_zno(p_ds text) returns boolean
  language sql immutable parallel safe as $$
  select p_ds is not null and (p_ds ~ '^C[0-8][0-9]' or p_ds ~ '^C9[0-7]' or p_ds ~ '^D0[0-9]') $$;
grant execute on function registry.is_zno(text) to omslink_app;

grant usage on all sequences in schema registry to omslink_app;

-- Statistics of the staging tables once a package is staged (SECURITY DEFINER: ANALYZE is the owner's). Without
-- them the set-based checks plan for empty tables (nested loops over 200,000 rows: minutes instead of seconds).
-- A small sample is enough for the joins' row counts and key spreads (the default target reads 30,000 rows of
-- each table and takes most of a second at 20,000 cases).
create function registry.analyze_staging() returns void
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp
  set default_statistics_target = 10 as $$
begin
  analyze registry.stage_case (import_id, ordinal, ok, idcase, id_pac, enp, person_id);
  analyze registry.stage_person (import_id, ordinal, ok, id_pac, snils);
  analyze registry.stage_sl (import_id, ordinal, seq);
  analyze registry.stage_usl (import_id, ordinal, sl_seq);
end $$;
grant execute on function registry.analyze_staging() to omslink_app;
