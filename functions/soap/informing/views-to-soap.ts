import type { TimelinessRow } from '../../../shared/informing/db/request-queries';
import type { FeedPerson, RequestFeedItem, ResultFeedItem } from '../../../shared/informing/db/soap-feeds';

/**
 * Reads of the informing area (shared/informing/db/soap-feeds.ts, request-queries.ts) as SOAP elements of
 * InformingService. Each mapper lists the elements in the order of the WSDL's sequence (the response is written in
 * object key order, soap-response.ts, and strict clients check it); absent values are left out.
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

export function requestToSoap(r: RequestFeedItem) {
  return {
    Id: r.id,
    SourceId: r.sourceId,
    SenderCode: r.senderCode,
    Patient: patient(r.person),
    SmoCode: r.smoCode,
    Reason: r.reason,
    Primary: r.primary,
    RequestDate: r.requestDate,
    ...opt('WindowFrom', r.windowFrom),
    ...opt('WindowTo', r.windowTo),
    Deadline: r.deadline,
    ...opt('MoCode', r.moCode),
    ...opt('DistrictCode', r.districtCode),
    ...opt('Comment', r.comment),
    Status: r.status,
    ...opt('ClosedOn', r.closedOn),
    Attempts: r.attempts,
    Overdue: r.overdue,
    Generated: r.generated,
    ChangeSeq: r.changeSeq,
  };
}

export function resultToSoap(r: ResultFeedItem) {
  return {
    Id: r.id,
    SourceId: r.sourceId,
    SmoCode: r.smoCode,
    RequestId: r.requestId,
    Request: { SenderCode: r.requestSender, SourceId: r.requestSourceId },
    Patient: patient(r.person),
    Date: r.date,
    Method: r.method,
    Step: r.step,
    Outcome: r.outcome,
    ...opt('Operator', r.operator),
    ChangeSeq: r.changeSeq,
  };
}

/** One СМО's row of the timeliness (counts only). */
export function timelinessToSoap(t: TimelinessRow) {
  return {
    SmoCode: t.smoCode,
    SmoName: t.smoName,
    Requests: t.requests,
    Closed: t.closed,
    InformedOnTime: t.informedOnTime,
    InformedLate: t.informedLate,
    Overdue: t.overdue,
    ...opt('OnTimeShare', t.onTimeShare),
  };
}
