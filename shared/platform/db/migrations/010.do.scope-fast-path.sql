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

-- The person table's own policy says the same as app.person_in_scope, but as subqueries the planner can join
-- (an СМО listing its 45,000 insured persons no longer makes 45,000 function calls). The subqueries read
-- policy/attachment/link rows under their own policies, whose fast paths above accept them directly.
drop policy person_read on person.person;
create policy person_read on person.person for select
  using (
    app.org_kind() = 'TFOMS'
    or (app.org_kind() = 'SMO' and exists (
          select 1 from person.policy po
          where po.person_id = person.id and po.smo_code = app.org_code()
            and po.date_beg <= current_date and (po.date_end is null or po.date_end >= current_date)))
    or (app.org_kind() = 'MO' and (
          exists (select 1 from person.attachment a
                  where a.person_id = person.id and a.mo_code = app.org_code()
                    and a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date))
          or exists (select 1 from person.person_link l
                     where l.person_id = person.id and l.org_code = app.org_code()))));
