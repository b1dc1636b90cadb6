-- A record re-sent under the same sender + source id must name the same person: re-pointing a referral or a
-- stay to another person (and another СМО) by re-using its id is refused with its own FLK rule.
insert into flk.rule (id, f012_code, field, severity, message) values
  ('HOSP.SOURCE.PERSON', '905', 'sourceId', 'error',
   'Запись с этим идентификатором уже передана для другого пациента: исправьте пациента или передайте новую запись с новым идентификатором');
