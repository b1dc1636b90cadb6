-- «К госпитализации» walks a hospital's issued referrals in planned-date order and skips those past their
-- validity, which stay `issued` (expired is computed, not stored): at 2,000,000 referrals about 9,400 of them for
-- one hospital, all ahead of the list's first valid row. Each was a heap visit (the row-level security policy reads
-- from_mo_code and smo_code), 9,200 buffers per page — cheap while those pages were cached (25 ms p95 when the lists
-- ran alone), 72–91 ms p95 in full bench runs after the exchange loads had taken the cache. With the policy's
-- columns in the index the walk is an index-only scan: 104 buffers, no heap fetches (a vacuumed table), the expired
-- rows filtered on the index tuples.
drop index hosp.referral_to_issued_planned;
create index referral_to_issued_planned on hosp.referral (to_mo_code, planned_date, id)
  include (valid_until, from_mo_code, smo_code) where status = 'issued';
