-- Telemedicine consultations (issue 14, docs/design/informing-exchange.md "Areas"; DOMAIN §2.8: no regional
-- format exists, the canonical `TelemedConsultation`): an МО asks another МО (or a national medical research centre
-- listed as an МО) for a consultation, doctor–doctor or doctor–patient; the consulting МО answers with its
-- conclusion. Personal data: both МО, the person's СМО and ТФОМС read a consultation.

create schema consultation;
create sequence consultation.change_seq;

create table consultation.package (
  id           bigint generated always as identity primary key,
  package_id   text not null,
  sender_code  text not null references org.organisation (code),
  kind         text not null check (kind in ('request', 'conclusion')),
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

create table consultation.consultation (
  id                  bigint generated always as identity primary key,
  sender_code         text not null references org.organisation (code),
  source_id           text not null,
  package_ref         bigint references consultation.package (id),
  person_id           bigint not null references person.person (id),
  smo_code            text references org.organisation (code),
  requesting_mo_code  text not null references org.organisation (code),
  consulting_mo_code  text not null references org.organisation (code),
  -- 1 doctor–doctor, 2 doctor–patient.
  type                smallint not null check (type in (1, 2)),
  -- 1 planned, 2 urgent, 3 emergency.
  urgency             smallint not null default 1 check (urgency in (1, 2, 3)),
  request_date        date not null,
  diagnosis           text not null,
  specialty           integer,
  question            text,
  referral_number     text,
  status              text not null default 'requested' check (status in ('requested', 'done', 'cancelled')),
  consult_date        date,
  conclusion_diagnosis text,
  conclusion          text,
  recommendations     text,
  conclusion_source_id text,
  received_at         timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  change_seq          bigint not null default nextval('consultation.change_seq'),
  unique (sender_code, source_id)
);
create index consultation_requesting on consultation.consultation (requesting_mo_code, request_date desc, id);
create index consultation_consulting on consultation.consultation (consulting_mo_code, request_date desc, id);
create index consultation_smo on consultation.consultation (smo_code, request_date desc, id);
create index consultation_person on consultation.consultation (person_id);
create index consultation_requesting_seq on consultation.consultation (requesting_mo_code, change_seq);
create index consultation_consulting_seq on consultation.consultation (consulting_mo_code, change_seq);
create index consultation_smo_seq on consultation.consultation (smo_code, change_seq);

alter table consultation.package enable row level security;
alter table consultation.consultation enable row level security;
create policy package_read on consultation.package for select
  using (app.org_kind() = 'TFOMS' or sender_code = app.org_code());
create policy package_write on consultation.package for insert with check (sender_code = app.org_code());
create policy package_finish on consultation.package for update
  using (sender_code = app.org_code()) with check (sender_code = app.org_code());
create policy consultation_read on consultation.consultation for select
  using (app.org_kind() = 'TFOMS' or requesting_mo_code = app.org_code() or consulting_mo_code = app.org_code()
         or smo_code = app.org_code());
create policy consultation_insert on consultation.consultation for insert
  with check (app.org_kind() = 'MO' and requesting_mo_code = app.org_code() and sender_code = app.org_code());
-- The requesting МО changes its request; the consulting МО writes its conclusion.
create policy consultation_update on consultation.consultation for update
  using (requesting_mo_code = app.org_code() or consulting_mo_code = app.org_code())
  with check (requesting_mo_code = app.org_code() or consulting_mo_code = app.org_code());

create trigger audit_insert after insert on consultation.consultation referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on consultation.consultation referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();

insert into flk.rule (id, f012_code, field, severity, message) values
  ('CONS.SENDER', '904', 'requestingMoCode', 'error', 'Запрос на консультацию направляет только сама медицинская организация'),
  ('CONS.CONSULTING_MO', '904', 'consultingMoCode', 'error',
   'Консультирующая медицинская организация не найдена или совпадает с запрашивающей'),
  ('CONS.DIAGNOSIS', '904', 'diagnosis', 'error', 'Диагноз не найден в МКБ-10 на дату запроса'),
  ('CONS.DATE', '904', 'requestDate', 'error', 'Дата запроса или консультации ещё не наступила'),
  ('CONS.UNKNOWN', '904', 'consultation', 'error',
   'Запрос на консультацию не найден среди запросов, адресованных вашей медицинской организации'),
  ('CONS.ORDER', '904', 'consultDate', 'error', 'Дата консультации раньше даты запроса'),
  ('CONS.CANCELLED', '904', 'consultation', 'error', 'Запрос на консультацию отменён запрашивающей организацией');

grant usage on schema consultation to omslink_app;
grant select, insert on consultation.package to omslink_app;
grant update (status, total, accepted, rejected, protocol) on consultation.package to omslink_app;
grant select, insert, update on consultation.consultation to omslink_app;
grant usage on all sequences in schema consultation to omslink_app;
