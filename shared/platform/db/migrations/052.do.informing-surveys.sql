-- Informing area, second part (issue 14, docs/design/informing-exchange.md): upcoming procedures and the information
-- given at consultations as informing requests with their details, and surveys of insured persons on the quality
-- and accessibility of care (DOMAIN §2.7) that the СМО records, summarised per МО.

alter table informing.request drop constraint request_reason_check;
alter table informing.request add constraint request_reason_check
  check (reason in ('PMO', 'DVN1', 'DVN2', 'UDVN', 'DN', 'HOSP_PLANNED', 'ONCO', 'PROCEDURE', 'CARE_INFO', 'OTHER'));
-- What the person is to be told of an upcoming procedure or operation, or of the methods discussed at a
-- consultation: {procedure, date, place, methods …} as the МО sent them.
alter table informing.request add column details jsonb;

alter table informing.package drop constraint package_kind_check;
alter table informing.package add constraint package_kind_check check (kind in ('request', 'result', 'survey'));

create table informing.survey (
  id           bigint generated always as identity primary key,
  sender_code  text not null references org.organisation (code),
  source_id    text not null,
  package_ref  bigint references informing.package (id),
  smo_code     text not null references org.organisation (code),
  -- The МО whose care the answers rate; the person when the respondent gave it (surveys may be anonymous).
  mo_code      text not null references org.organisation (code),
  person_id    bigint references person.person (id),
  -- 1 polyclinic, 2 day hospital, 3 hospital (the questionnaires of DOMAIN §2.7).
  condition    smallint not null check (condition in (1, 2, 3)),
  survey_date  date not null,
  -- {question code: 1 satisfied, 2 rather satisfied, 3 rather not, 4 not satisfied, 5 cannot say}.
  answers      jsonb not null,
  age          smallint,
  sex          smallint check (sex in (1, 2)),
  received_at  timestamptz not null default now(),
  change_seq   bigint not null default nextval('informing.change_seq'),
  unique (sender_code, source_id)
);
create index survey_mo on informing.survey (mo_code, survey_date);
create index survey_smo on informing.survey (smo_code, survey_date);

alter table informing.survey enable row level security;
create policy survey_read on informing.survey for select
  using (app.org_kind() = 'TFOMS' or smo_code = app.org_code() or mo_code = app.org_code());
create policy survey_insert on informing.survey for insert
  with check (app.org_kind() = 'SMO' and smo_code = app.org_code() and sender_code = app.org_code());
create policy survey_update on informing.survey for update
  using (smo_code = app.org_code()) with check (smo_code = app.org_code() and sender_code = app.org_code());
create trigger audit_insert after insert on informing.survey referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on informing.survey referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();

insert into flk.rule (id, f012_code, field, severity, message) values
  ('INF.DETAILS', '902', 'details', 'error',
   'Для заявки о предстоящей процедуре или о методах лечения укажите, что сообщить: процедуру и её дату или методы'),
  ('INF.SURVEY.MO', '904', 'moCode', 'error', 'Медицинская организация опроса не найдена'),
  ('INF.SURVEY.QUESTION', '904', 'answers', 'error', 'Вопрос не относится к анкете по этим условиям оказания помощи'),
  ('INF.SURVEY.DATE', '904', 'date', 'error', 'Дата опроса ещё не наступила');

grant select, insert, update on informing.survey to omslink_app;
