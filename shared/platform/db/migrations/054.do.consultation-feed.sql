-- The fund's feed of ConsultationService (issue 14) reads by the change sequence as a key range; the МО and СМО
-- feeds have their indexes in migration 050.
create index consultation_seq on consultation.consultation (change_seq);
