import { soapDate, soapInt, soapList, soapText } from '../../lib/soap-values';

/** One SOAP element as the request holds it (envelope-scan.ts): nested objects and text (dates and numbers stay text). */
export type Xml = Record<string, unknown>;

/**
 * SOAP records of PreventionService in the canonical shapes of shared/prevention/domain/records.ts. Nothing is
 * validated here: the package's FLK checks every record and answers per record, so one bad record never turns
 * the package into a Fault. Dates, numbers and flags arrive as the sender wrote them (`soapDate`, `soapInt`,
 * `soapFlag`): the canonical schema names an impossible date, an overflowing count or a flag that is neither
 * true nor false, with the value.
 */

const element = (v: unknown): Xml => (v && typeof v === 'object' ? (v as Xml) : {});

/** An `xs:boolean`: `true`/`1` and `false`/`0` as booleans, anything else as written (the schema refuses it). */
export function soapFlag(value: unknown): unknown {
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

export function scheduleSlotFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    moCode: soapText(r.MoCode),
    kind: soapText(r.Kind),
    departmentCode: soapText(r.DepartmentCode),
    date: soapDate(r.Date),
    timeFrom: soapText(r.TimeFrom),
    timeTo: soapText(r.TimeTo),
    method: soapInt(r.Method),
    address: soapText(r.Address),
    capacity: soapInt(r.Capacity),
    comment: soapText(r.Comment),
    cancelled: soapFlag(r.Cancelled),
  };
}

export function contactFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    moCode: soapText(r.MoCode),
    phone: soapText(r.Phone),
    comment: soapText(r.Comment),
  };
}

export function planEntryFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    patient: patientFromSoap(r.Patient),
    year: soapInt(r.Year),
    kind: soapText(r.Kind),
    months: r.Month === undefined ? undefined : soapList(r.Month).map(soapInt),
    quarter: soapInt(r.Quarter),
    districtCode: soapText(r.DistrictCode),
    doctorSnils: soapText(r.DoctorSnils),
    category: soapInt(r.Category),
    phone: soapText(r.Phone),
    comment: soapText(r.Comment),
    withdrawn: soapFlag(r.Withdrawn),
  };
}

export function planVolumeFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    year: soapInt(r.Year),
    month: soapInt(r.Month),
    kind: soapText(r.Kind),
    quantity: soapInt(r.Quantity),
  };
}

export function stepFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    patient: patientFromSoap(r.Patient),
    kind: soapText(r.Kind),
    step: soapInt(r.Step),
    date: soapDate(r.Date),
    method: soapInt(r.Method),
    previousDate: soapDate(r.PreviousDate),
  };
}

export function dispensaryFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    patient: patientFromSoap(r.Patient),
    diagnosis: soapText(r.Diagnosis),
    diagnosisDate: soapDate(r.DiagnosisDate),
    dateIn: soapDate(r.DateIn),
    dateOut: soapDate(r.DateOut),
    statusIn: soapInt(r.StatusIn),
    reasonIn: soapInt(r.ReasonIn),
    reasonOut: soapInt(r.ReasonOut),
    specialty: soapInt(r.Specialty),
    doctorSnils: soapText(r.DoctorSnils),
    moAssign: soapInt(r.MoAssign),
    visits: soapList(r.Visit as Xml | Xml[])
      .map(element)
      .map((v) => ({ from: soapDate(v.From), to: soapDate(v.To) })),
    lastVisit: soapDate(r.LastVisit),
  };
}

export function polyclinicCaseFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    patient: patientFromSoap(r.Patient),
    dateFrom: soapDate(r.DateFrom),
    dateTo: soapDate(r.DateTo),
    purpose: soapText(r.Purpose),
    diagnosis: soapText(r.Diagnosis),
    specialty: soapInt(r.Specialty),
    doctorSnils: soapText(r.DoctorSnils),
    visits: soapInt(r.Visits),
  };
}
