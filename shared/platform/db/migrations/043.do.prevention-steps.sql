-- Prevention area, third part (issue 13, docs/design/prevention-exchange.md): participation steps (DOMAIN §2.4.3,
-- ExamStep 101–109, 201–205) and the furthest step of each planned person, which the funnel and the due lists read
-- on the plan entry itself. Personal data: the МО that sent the step, the person's СМО and ТФОМС read it.

alter table prevention.package drop constraint package_kind_check;
alter table prevention.package add constraint package_kind_check
  check (kind in ('schedule-slot', 'contact', 'plan-entry', 'step'));

-- How far the furthest step took the person (shared/prevention/domain/exam-steps.ts `rank`: 1 started …
-- 5 finished stage 2, 9 refused); a later step never lowers it.
alter table prevention.plan_entry add column furthest_rank smallint;

create table prevention.step (
  id             bigint generated always as identity primary key,
  sender_code    text not null references org.organisation (code),
  source_id      text not null,
  package_ref    bigint references prevention.package (id),
  mo_code        text not null references org.organisation (code),
  person_id      bigint not null references person.person (id),
  smo_code       text references org.organisation (code),
  year           smallint not null,
  kind           text not null check (kind in ('PMO', 'DVN', 'UDVN')),
  step           smallint not null,
  step_date      date not null,
  method         smallint not null check (method in (1, 2, 3)),
  previous_date  date,
  source         text not null default 'direct' check (source in ('direct', 'registry')),
  received_at    timestamptz not null default now(),
  change_seq     bigint not null default nextval('prevention.change_seq'),
  unique (sender_code, source_id)
);
create index step_person on prevention.step (person_id, year, kind);
create index step_mo_seq on prevention.step (mo_code, change_seq);
create index step_smo_seq on prevention.step (smo_code, change_seq);

alter table prevention.step enable row level security;
create policy step_read on prevention.step for select
  using (app.org_kind() = 'TFOMS' or mo_code = app.org_code() or smo_code = app.org_code());
create policy step_insert on prevention.step for insert
  with check (app.org_kind() = 'MO' and mo_code = app.org_code() and sender_code = app.org_code());
create policy step_update on prevention.step for update
  using (mo_code = app.org_code()) with check (mo_code = app.org_code() and sender_code = app.org_code());

create trigger audit_insert after insert on prevention.step referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();
create trigger audit_update after update on prevention.step referencing new table as new_rows
  for each statement execute function audit.exchange_table_changed();

insert into flk.rule (id, f012_code, field, severity, message) values
  ('PREV.STEP.CODE', '904', 'step', 'error',
   'Код шага не относится к мероприятию: 101–109 — диспансеризация, 201–205 — профилактический осмотр'),
  ('PREV.STEP.ORDER', '904', 'step', 'error',
   'Шаг не может следовать за уже переданным: путь гражданина не идёт назад, а после отказа шагов нет'),
  ('PREV.STEP.FUTURE', '904', 'date', 'error', 'Дата шага ещё не наступила'),
  ('PREV.STEP.NOT_PLANNED', '904', 'patient', 'warning',
   'Гражданина нет в плане медицинской организации на этот год по этому мероприятию');

grant select, insert, update on prevention.step to omslink_app;
grant usage on all sequences in schema prevention to omslink_app;
