-- Row-level security fast path: an СМО's own policy rows and an МО's own attachment rows are its own data; the
-- policies accept them without calling app.person_in_scope for each row (which made an СМО's person list test
-- 45,000 policy rows one function call at a time). Everything else is judged as before.
drop policy policy_read on person.policy;
create policy policy_read on person.policy for select
  using (app.org_kind() = 'TFOMS' or (app.org_kind() = 'SMO' and smo_code = app.org_code())
         or app.person_in_scope(person_id));

drop policy attachment_read on person.attachment;
create policy attachment_read on person.attachment for select
  using (app.org_kind() = 'TFOMS' or (app.org_kind() = 'MO' and mo_code = app.org_code())
         or app.person_in_scope(person_id));
