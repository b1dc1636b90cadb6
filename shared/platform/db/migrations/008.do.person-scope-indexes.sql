-- Person lists start from the caller's organisation (attached persons of an МО, insured persons of an СМО) and
-- from filters by МО or СМО, all "valid today" (date_end may lie in the future). Composite indexes serve those
-- lookups and replace the partial ones (date_end is null) they cover. The unique constraint on СНИЛС already
-- indexes it. Fewer indexes: every ЕРЗ import writes each of them for 100,000 persons.
create index attachment_mo_person on person.attachment (mo_code, person_id);
create index policy_smo_person on person.policy (smo_code, person_id);
drop index person.attachment_mo;
drop index person.policy_smo;
drop index person.person_snils;
