-- A referral's planned hospitalisation date must fall within the referral's validity: from the referral date to
-- the referral date + `referral_validity_days` (DOMAIN §2.1.6, Volgograd T008 rule 22). A later planned date was
-- accepted on every channel and the referral expired before the patient was due.
insert into flk.rule (id, f012_code, field, severity, message) values
  ('HOSP.REF.PLANNED_VALIDITY', '904', 'DTA_PLN', 'error',
   'Плановая дата госпитализации позже окончания срока действия направления');

-- A person found by a policy number (the search of the persons list and the referral form's patient look-up).
-- Text equality is leakproof: under row-level security the number is an index condition.
create index policy_number on person.policy (number);
