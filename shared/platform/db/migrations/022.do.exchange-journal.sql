-- The exchange journal (issue 11): every area's packages newest first, the fund's over the whole region, an
-- organisation's over its own; and when each organisation last sent anything (the fund's silent organisations).
-- hosp.package had only its unique key (sender, kind, package id): a page of the journal sorted the whole table.
create index package_received on hosp.package (received_at desc, id desc);
create index package_sender_received on hosp.package (sender_code, received_at desc, id desc);
