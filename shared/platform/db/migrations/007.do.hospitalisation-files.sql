-- T1–T6 files of the hospitalisation exchange (docs/formats/t-family.md): the journal of received files with
-- their protocol. A file is registered on upload (status queued), read by the queue consumer, its valid records
-- go through the hospitalisation service (hosp.package keeps each package it makes), and the per-record
-- protocol of the whole file — format errors and FLK — is kept here.
--
-- Visible to the organisation that uploaded it and to the fund; written only by the uploader's organisation.

create table hosp.t_file (
  id              bigint generated always as identity primary key,
  channel         text not null check (channel in ('web', 'rest', 'soap', 'file')),
  file_name       text not null,
  file_size       bigint not null,
  -- SHA-256 of the received bytes: the same content queued, in progress or done is a duplicate (per organisation).
  file_sha256     text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  blob_key        text,
  status          text not null check (status in ('queued', 'processing', 'done', 'rejected', 'failed', 'duplicate')),
  duplicate_of    bigint references hosp.t_file (id),
  uploaded_by     text not null,
  org_code        text not null,
  role            text not null,
  received_at     timestamptz not null default now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  attempts        integer not null default 0,
  -- Technical failure: the error class only, never data.
  error           text,
  -- What the file is (from ZGLV): T1…T6, its date and name, the sender. No personal data.
  file_type       text check (file_type in ('T1', 'T2', 'T3', 'T4', 'T5', 'T6')),
  header          jsonb,
  -- {total, accepted, rejected}
  counts          jsonb,
  -- accepted | partially_accepted | rejected (as a package protocol)
  result          text check (result in ('accepted', 'partially_accepted', 'rejected')),
  -- Why the whole file was refused (FLK issues), when it was.
  package_issues  jsonb,
  -- The per-record protocol (it may repeat the sender's values): RecordProtocol[] in file order.
  protocol        jsonb,
  check ((status = 'duplicate') = (duplicate_of is not null))
);
create unique index t_file_content on hosp.t_file (org_code, file_sha256) where status in ('queued', 'processing', 'done');
create index t_file_received on hosp.t_file (received_at desc, id desc);
create index t_file_org on hosp.t_file (org_code, received_at desc);

alter table hosp.t_file enable row level security;
create policy t_file_read on hosp.t_file for select
  using (app.org_kind() = 'TFOMS' or org_code = app.org_code());
create policy t_file_insert on hosp.t_file for insert
  with check (uploaded_by = app.username() and org_code = app.org_code() and role = app.role());
create policy t_file_update on hosp.t_file for update
  using (org_code = app.org_code()) with check (org_code = app.org_code());

grant select, insert, update on hosp.t_file to omslink_app;
grant usage on all sequences in schema hosp to omslink_app;
