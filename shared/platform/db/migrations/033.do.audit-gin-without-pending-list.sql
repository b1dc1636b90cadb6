-- The audit entry's GIN indexes (records, persons) without the pending list: with `fastupdate` every insert only
-- appended to a pending list, and the insert that found it over gin_pending_list_limit (4 MB) merged the whole
-- list into the index inline — a send that happened to be that one waited for it (the package protocol statement
-- averaged 2.5 ms under 16 concurrent SendReferrals, with spikes; 1.1 ms without the list). An entry names a few
-- ids (a bulk package's one entry names at most its records), so inserting them directly costs little.
alter index audit.audit_persons set (fastupdate = off);
alter index audit.audit_records set (fastupdate = off);
