-- Person lists start from the caller's organisation (attached persons of an МО, insured persons of an СМО) and
-- from filters by МО or СМО, both "valid today" (date_end may lie in the future): indexes for those lookups.
create index attachment_mo_person on person.attachment (mo_code, person_id);
create index policy_smo_person on person.policy (smo_code, person_id);
create index person_fam_im_id on person.person (fam, im, id);
