-- ЕНП and СНИЛС as text. As `character(n)` they were compared with the `text` arguments of
-- `person.resolve_identity` (and of every query sending a string): PostgreSQL casts the column to text for that, so
-- the unique indexes could not be used and each look-up scanned the whole register (7.3 ms a send at 50,000
-- persons, growing with the region). Text columns with length checks keep the format and let every text
-- comparison use the index; test/integration/identity-plans.int.test.ts fails on a sequential scan.
alter table person.person
  alter column enp type text,
  alter column snils type text,
  add constraint person_enp_length check (char_length(enp) = 16),
  add constraint person_snils_length check (char_length(snils) = 14);

alter table ops.erz_stage_person
  alter column enp type text,
  alter column snils type text;
