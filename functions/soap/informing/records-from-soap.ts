import { soapDate, soapInt, soapText } from '../../lib/soap-values';

/** One SOAP element as the request holds it (envelope-scan.ts): nested objects and text (dates and numbers stay text). */
export type Xml = Record<string, unknown>;

/**
 * SOAP records of InformingService in the canonical shapes of shared/informing/domain/records.ts. Nothing is
 * validated here: the package's FLK checks every record and answers per record, so one bad record never turns
 * the package into a Fault. Dates and numbers arrive as the sender wrote them (`soapDate`, `soapInt`): the
 * canonical schema names an impossible date or an overflowing number with the value.
 */

const element = (v: unknown): Xml => (v && typeof v === 'object' ? (v as Xml) : {});

/** The package header: `Header{PackageId, SenderCode, CreatedAt}` → `PackageHeader`. */
export function headerFromSoap(value: unknown) {
  const h = element(value);
  return {
    packageId: soapText(h.PackageId) ?? '',
    senderCode: soapText(h.SenderCode) ?? '',
    createdAt: soapText(h.CreatedAt),
  };
}

/** `Patient` → `PersonRef`: ЕНП, or СНИЛС, or ФИО + birth date (+ identity document). */
export function patientFromSoap(value: unknown) {
  const p = element(value);
  return {
    enp: soapText(p.Enp),
    snils: soapText(p.Snils),
    fam: soapText(p.Fam),
    im: soapText(p.Im),
    ot: soapText(p.Ot),
    birthDate: soapDate(p.BirthDate),
    docSer: soapText(p.DocSer),
    docNum: soapText(p.DocNum),
  };
}

/** `Request` of SendRequests → `RequestRecord`. */
export function requestFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    patient: patientFromSoap(r.Patient),
    reason: soapText(r.Reason),
    primary: soapInt(r.Primary),
    windowFrom: soapDate(r.WindowFrom),
    windowTo: soapDate(r.WindowTo),
    deadline: soapDate(r.Deadline),
    moCode: soapText(r.MoCode),
    districtCode: soapText(r.DistrictCode),
    comment: soapText(r.Comment),
  };
}

/** `Result` of SendResults → `ResultRecord`: the request by our `RequestId` or by its sender's `Request`. */
export function resultFromSoap(r: Xml) {
  const named = r.Request === undefined ? undefined : element(r.Request);
  return {
    sourceId: soapText(r.SourceId),
    requestId: soapText(r.RequestId),
    request: named && {
      senderCode: soapText(named.SenderCode),
      sourceId: soapText(named.SourceId),
    },
    date: soapDate(r.Date),
    method: soapInt(r.Method),
    step: soapInt(r.Step),
    outcome: soapInt(r.Outcome),
    operator: soapText(r.Operator),
  };
}
