import { soapDate, soapInt, soapText } from '../../lib/soap-values';

/** One SOAP element as the request holds it (envelope-scan.ts): nested objects and text (dates and numbers stay text). */
export type Xml = Record<string, unknown>;

/**
 * SOAP records of ConsultationService in the canonical shapes of shared/consultation/domain/records.ts. Nothing is
 * validated here: the package's FLK checks every record and answers per record, so one bad record never turns the
 * package into a Fault. Dates, numbers and flags arrive as the sender wrote them (`soapDate`, `soapInt`,
 * `soapFlag`): the canonical schema names an impossible date, an overflowing number or a flag that is neither true
 * nor false, with the value.
 */

const element = (v: unknown): Xml => (v && typeof v === 'object' ? (v as Xml) : {});

/** An `xs:boolean`: `true`/`1` and `false`/`0` as booleans, anything else as written (the schema refuses it). */
function soapFlag(value: unknown): unknown {
  const text = soapText(value);
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return text;
}

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

/** `Request` of SendRequests → `ConsultationRequestRecord`. */
export function consultationRequestFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    patient: patientFromSoap(r.Patient),
    requestingMoCode: soapText(r.RequestingMoCode),
    consultingMoCode: soapText(r.ConsultingMoCode),
    type: soapInt(r.Type),
    urgency: soapInt(r.Urgency),
    requestDate: soapDate(r.RequestDate),
    diagnosis: soapText(r.Diagnosis),
    specialty: soapInt(r.Specialty),
    question: soapText(r.Question),
    referralNumber: soapText(r.ReferralNumber),
    cancelled: soapFlag(r.Cancelled),
  };
}

/** `Conclusion` of SendConclusions → `ConclusionRecord`: the request as the requesting МО named it. */
export function conclusionFromSoap(r: Xml) {
  const request = element(r.Request);
  return {
    sourceId: soapText(r.SourceId),
    request: {
      requestingMoCode: soapText(request.RequestingMoCode),
      sourceId: soapText(request.SourceId),
    },
    consultDate: soapDate(r.ConsultDate),
    diagnosis: soapText(r.Diagnosis),
    conclusion: soapText(r.Conclusion),
    recommendations: soapText(r.Recommendations),
  };
}
