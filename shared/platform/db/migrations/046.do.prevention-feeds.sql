-- Prevention area, sixth part (issue 13): the plan-entry feeds of PreventionService (GetPlanList by ChangedSince)
-- read by the key range (org column, change_seq), as the ДН and polyclinic-case feeds do (migration 044).
create index plan_entry_mo_seq on prevention.plan_entry (mo_code, change_seq);
create index plan_entry_smo_seq on prevention.plan_entry (smo_code, change_seq);
