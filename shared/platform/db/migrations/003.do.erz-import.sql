-- ЕРЗ extract import (docs/formats/erz-extract.md): the import journal with its protocol, unlogged staging
-- tables the streaming reader fills with COPY, the FLK rules of the import, and the policy series.
--
-- The journal and the protocol are readable by the fund only (they hold the sender's values: ЕНП, names);
-- writing them, like writing the register, is for the fund administrator and the РС ЕРЗ system.

alter table person.policy add column series text;

-- ---------------------------------------------------------------------------------------------------------
-- Journal: one row per received extract (a file through REST, a package through SOAP). `file_sha256` is the
-- SHA-256 of the received bytes (a file) or of the canonical JSON of the records (SOAP): the same content
-- queued, in progress or applied is recognised as a duplicate (status `duplicate`, `duplicate_of`).
create table ops.erz_import (
  id            bigint generated always as identity primary key,
  channel       text not null check (channel in ('web', 'rest', 'soap', 'file')),
  file_name     text,
  file_size     bigint,
  file_sha256   text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  package_id    text,
  blob_key      text,
  status        text not null check (status in ('queued', 'processing', 'done', 'rejected', 'failed', 'duplicate')),
  duplicate_of  bigint references ops.erz_import (id),
  uploaded_by   text not null,
  org_code      text not null,
  role          text not null,
  received_at   timestamptz not null default now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  attempts      integer not null default 0,
  -- Technical failure: the error class only, never data.
  error         text,
  -- The extract's ZGLV (version, date, file name, OKATO, count): no personal data.
  header        jsonb,
  -- {total, accepted, rejected, created, updated, unchanged, warnings}
  counts        jsonb,
  check ((status = 'duplicate') = (duplicate_of is not null))
);
create unique index erz_import_content on ops.erz_import (file_sha256)
  where status in ('queued', 'processing', 'done');
create index erz_import_received on ops.erz_import (received_at desc, id desc);

-- Protocol: one row per FLK finding. Ordinal 0 is the package itself (a rejected file), otherwise the
-- record's position in the extract (1-based).
create table ops.erz_import_error (
  import_id  bigint not null references ops.erz_import (id),
  ordinal    integer not null check (ordinal >= 0),
  -- Order of the findings within a record.
  seq        integer not null,
  record_id  text,
  severity   text not null check (severity in ('error', 'warning')),
  code       text not null,
  rule       text not null,
  field      text,
  value      text,
  message    text not null
);
create index erz_import_error_import on ops.erz_import_error (import_id, ordinal);

-- ---------------------------------------------------------------------------------------------------------
-- Staging (COPY targets). Unlogged: they only hold imports in flight, keyed by import id. The import's
-- transaction fills them and deletes its rows before it commits, so no other transaction ever sees a row:
-- that is why they carry no row-level security (PostgreSQL refuses COPY FROM into a table with RLS).
create unlogged table ops.erz_stage_person (
  import_id   bigint not null,
  ordinal     integer not null,
  record_id   text,
  ok          boolean not null,
  enp         char(16),
  snils       char(14),
  fam         text,
  im          text,
  ot          text,
  sex         smallint,
  birth_date  date,
  phone       text,
  doc_type    smallint,
  doc_ser     text,
  doc_num     text,
  -- Set by the merge: the register's person, and what the extract changes about them.
  person_id              bigint,
  created                boolean not null default false,
  person_changed         boolean not null default false,
  documents_changed      boolean not null default false,
  policies_changed       boolean not null default false,
  attachments_changed    boolean not null default false,
  primary key (import_id, ordinal)
) with (fillfactor = 50); -- room for the merge's updates of these flags to stay on the page (HOT)

create unlogged table ops.erz_stage_document (
  import_id  bigint not null,
  ordinal    integer not null,
  seq        smallint not null,
  doc_type   smallint not null,
  doc_ser    text,
  doc_num    text not null,
  doc_date   date
);
create index erz_stage_document_import on ops.erz_stage_document (import_id, ordinal);

create unlogged table ops.erz_stage_policy (
  import_id     bigint not null,
  ordinal       integer not null,
  seq           smallint not null,
  policy_type   smallint not null,
  series        text,
  number        text not null,
  smo_code      text not null,
  date_beg      date not null,
  date_end      date,
  close_reason  text
);
create index erz_stage_policy_import on ops.erz_stage_policy (import_id, ordinal);

create unlogged table ops.erz_stage_attachment (
  import_id      bigint not null,
  ordinal        integer not null,
  seq            smallint not null,
  mo_code        text not null,
  district_code  text not null,
  doctor_snils   text not null,
  date_beg       date not null,
  date_end       date
);
create index erz_stage_attachment_import on ops.erz_stage_attachment (import_id, ordinal);

-- Findings of the record-level FLK, moved to ops.erz_import_error (which has RLS) by one INSERT … SELECT.
create unlogged table ops.erz_stage_finding (like ops.erz_import_error);
create index erz_stage_finding_import on ops.erz_stage_finding (import_id, ordinal);

-- ---------------------------------------------------------------------------------------------------------
-- Row-level security: the journal and the protocol are the fund's; only the register writers write them.
alter table ops.erz_import enable row level security;
alter table ops.erz_import_error enable row level security;
create policy erz_import_read on ops.erz_import for select using (app.org_kind() = 'TFOMS');
create policy erz_import_insert on ops.erz_import for insert
  with check (app.may_write_register() and uploaded_by = app.username() and org_code = app.org_code()
              and role = app.role());
create policy erz_import_update on ops.erz_import for update
  using (app.may_write_register()) with check (app.may_write_register());
create policy erz_import_error_read on ops.erz_import_error for select using (app.org_kind() = 'TFOMS');
create policy erz_import_error_insert on ops.erz_import_error for insert with check (app.may_write_register());

-- ---------------------------------------------------------------------------------------------------------
-- FLK rules of the import whose severity the fund may change (error rejects the record, warning keeps it
-- with a note in the protocol, off ignores). Rules that protect the register's keys and references (ЕНП
-- format and uniqueness in the file, СМО and district existence) always reject and are not listed here.
insert into flk.rule (id, f012_code, field, severity, message) values
  ('ERZ.BIRTH.FUTURE', '904', 'DR', 'error', 'Дата рождения позже текущей даты'),
  ('ERZ.DATE.ORDER', '904', 'DEND', 'error', 'Дата окончания раньше даты начала'),
  ('ERZ.POLICY.ENP', '904', 'NPOLIS', 'warning', 'Номер полиса единого образца (VPOLIS=3) не совпадает с ЕНП'),
  ('ERZ.DOC.DUPLICATE', '905', 'DOCNUM', 'error', 'Документ с этим видом и номером указан в записи дважды'),
  ('ERZ.DOC.TYPE', '904', 'DOCTYPE', 'error', 'Вид документа отсутствует в справочнике F011'),
  ('ERZ.SNILS.DUPLICATE', '905', 'SNILS', 'error', 'СНИЛС указан в файле у нескольких застрахованных лиц'),
  ('ERZ.SNILS.TAKEN', '905', 'SNILS', 'error', 'СНИЛС принадлежит другому застрахованному лицу в регистре');

-- ---------------------------------------------------------------------------------------------------------
grant select, insert, update on ops.erz_import to omslink_app;
grant select, insert on ops.erz_import_error to omslink_app;
grant select, insert, update, delete on ops.erz_stage_person, ops.erz_stage_document, ops.erz_stage_policy,
  ops.erz_stage_attachment, ops.erz_stage_finding to omslink_app;
grant usage on all sequences in schema ops to omslink_app;
