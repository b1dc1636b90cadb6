import type {
  ConsultationFeedItem,
  FeedConclusion,
  FeedPerson,
} from '../../../shared/consultation/db/soap-feeds';

/**
 * The consultation feed (shared/consultation/db/soap-feeds.ts) as SOAP elements of ConsultationService. Each mapper
 * lists the elements in the order of the WSDL's sequence (the response is written in object key order,
 * soap-response.ts, and strict clients check it); absent values are left out.
 */

type Value = string | number | boolean | null | undefined;

/** `{ [name]: value }` when the value is present, else nothing. */
function opt(name: string, value: Value): Record<string, Value> {
  return value === null || value === undefined || value === '' ? {} : { [name]: value };
}

function patient(p: FeedPerson) {
  return {
    PersonId: p.id,
    ...opt('Enp', p.enp),
    Fam: p.fam,
    Im: p.im,
    ...opt('Ot', p.ot),
    BirthDate: p.birthDate,
    Sex: p.sex,
  };
}

function conclusion(c: FeedConclusion) {
  return {
    SourceId: c.sourceId,
    ConsultDate: c.consultDate,
    ...opt('Diagnosis', c.diagnosis),
    Conclusion: c.conclusion,
    ...opt('Recommendations', c.recommendations),
  };
}

export function consultationToSoap(c: ConsultationFeedItem) {
  return {
    Id: c.id,
    SourceId: c.sourceId,
    RequestingMoCode: c.requestingMoCode,
    ...opt('RequestingMoName', c.requestingMoName),
    ConsultingMoCode: c.consultingMoCode,
    ...opt('ConsultingMoName', c.consultingMoName),
    Patient: patient(c.person),
    ...opt('SmoCode', c.smoCode),
    Type: c.type,
    Urgency: c.urgency,
    RequestDate: c.requestDate,
    Diagnosis: c.diagnosis,
    ...opt('Specialty', c.specialty),
    ...opt('Question', c.question),
    ...opt('ReferralNumber', c.referralNumber),
    Status: c.status,
    ...(c.conclusion ? { Conclusion: conclusion(c.conclusion) } : {}),
    ChangeSeq: c.changeSeq,
  };
}
