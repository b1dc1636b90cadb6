-- «Информирование пациента» (issue 14): the journal of informing results and the list of surveys, newest first per
-- reader (the СМО its own, the МО those of its requests or about it, the fund all), a person's informing history,
-- and the upcoming procedures (requests of reason PROCEDURE or CARE_INFO) apart from the bulk of invitations.
create index result_smo_date on informing.result (smo_code, result_date desc, id desc);
create index result_sender_date on informing.result (request_sender, result_date desc, id desc);
create index result_date on informing.result (result_date desc, id desc);
create index result_person on informing.result (person_id);
create index survey_date on informing.survey (survey_date desc, id desc);
create index survey_person on informing.survey (person_id) where person_id is not null;
create index request_procedure_smo on informing.request (smo_code, request_date desc, id desc)
  where reason in ('PROCEDURE', 'CARE_INFO');
create index request_procedure_sender on informing.request (sender_code, request_date desc, id desc)
  where reason in ('PROCEDURE', 'CARE_INFO');
