-- A hospital's «К госпитализации» list (incoming referrals still issued and valid, by planned date) walked the
-- hospital's referrals of every status in planned-date order and filtered the issued ones: at 2,000,000 referrals
-- its p95 reached 51 ms (the slowest list of the bench; every other list 14–47 ms). This index holds only the issued
-- referrals, in the list's order, with the validity to filter on without visiting the table.
create index referral_to_issued_planned on hosp.referral (to_mo_code, planned_date, id) include (valid_until)
  where status = 'issued';
