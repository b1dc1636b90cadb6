-- Informing feeds of InformingService (issue 14): the МО's sent requests and the fund's whole feeds by the change
-- sequence, as key ranges (the СМО's request feed and the result feeds have theirs in migration 049).
create index request_sender_seq on informing.request (sender_code, change_seq);
create index request_seq on informing.request (change_seq);
create index result_seq on informing.result (change_seq);
