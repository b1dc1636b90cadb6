import { soapDate, soapInt, soapList, soapText } from '../../lib/soap-values';

/** One SOAP element as the request holds it (envelope-scan.ts): nested objects and text (dates and numbers stay text). */
export type Xml = Record<string, unknown>;

/**
 * SOAP records of HospitalizationService in the canonical shapes of shared/domain/hospitalisation/records.ts.
 * Nothing is validated here: the package's FLK checks every record and answers per record, so one bad record
 * never turns the package into a Fault. Dates and numbers arrive as the sender wrote them (`soapDate`,
 * `soapInt`): the canonical schema's edge types name an impossible date or an overflowing count, with the value.
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

export function patientFromSoap(value: unknown) {
  const p = element(value);
  return {
    enp: soapText(p.Enp),
    snils: soapText(p.Snils),
    fam: soapText(p.Fam),
    im: soapText(p.Im),
    ot: soapText(p.Ot),
    sex: soapInt(p.Sex),
    birthDate: soapDate(p.BirthDate),
    docSer: soapText(p.DocSer),
    docNum: soapText(p.DocNum),
    phone: soapText(p.Phone),
  };
}

export function referralFromSoap(r: Xml) {
  const vmp = r.Vmp === undefined || r.Vmp === null ? undefined : element(r.Vmp);
  return {
    sourceId: soapText(r.SourceId),
    number: soapText(r.Number),
    date: soapDate(r.Date),
    form: soapInt(r.Form),
    fromMoCode: soapText(r.FromMoCode),
    fromDepartmentCode: soapText(r.FromDepartmentCode),
    toMoCode: soapText(r.ToMoCode),
    toDepartmentCode: soapText(r.ToDepartmentCode),
    conditions: soapInt(r.Conditions),
    profile: soapInt(r.Profile),
    bedProfile: soapInt(r.BedProfile),
    diagnosis: soapText(r.Diagnosis),
    doctorSnils: soapText(r.DoctorSnils),
    plannedDate: soapDate(r.PlannedDate),
    kind: soapText(r.Kind),
    vmp: vmp && {
      talonNumber: soapText(vmp.TalonNumber),
      talonDate: soapDate(vmp.TalonDate),
      vmpKind: soapText(vmp.VmpKind),
      vmpMethod: soapInt(vmp.VmpMethod),
    },
    patient: patientFromSoap(r.Patient),
  };
}

export function cancellationFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    referralNumber: soapText(r.ReferralNumber),
    referralDate: soapDate(r.ReferralDate),
    reason: soapInt(r.Reason),
    date: soapDate(r.Date),
    comment: soapText(r.Comment),
  };
}

/** A planned (by referral) or emergency admission: the operation decides the kind, not the record. */
export function admissionFromSoap(kind: 'planned' | 'emergency') {
  return (r: Xml) => ({
    sourceId: soapText(r.SourceId),
    kind,
    referralNumber: kind === 'planned' ? soapText(r.ReferralNumber) : undefined,
    referralDate: kind === 'planned' ? soapDate(r.ReferralDate) : undefined,
    form: soapInt(r.Form),
    moCode: soapText(r.MoCode),
    departmentCode: soapText(r.DepartmentCode),
    conditions: soapInt(r.Conditions),
    profile: soapInt(r.Profile),
    bedProfile: soapInt(r.BedProfile),
    date: soapDate(r.Date),
    time: soapText(r.Time),
    caseNumber: soapText(r.CaseNumber),
    diagnosis: soapText(r.Diagnosis),
    patient: patientFromSoap(r.Patient),
  });
}

export function movementFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    admissionSourceId: soapText(r.AdmissionSourceId),
    departmentCode: soapText(r.DepartmentCode),
    profile: soapInt(r.Profile),
    bedProfile: soapInt(r.BedProfile),
    date: soapDate(r.Date),
  };
}

export function dischargeFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    admissionSourceId: soapText(r.AdmissionSourceId),
    date: soapDate(r.Date),
    outcome: soapInt(r.Outcome),
  };
}

export function freeBedsFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    date: soapDate(r.Date),
    moCode: soapText(r.MoCode),
    departmentCode: soapText(r.DepartmentCode),
    conditions: soapInt(r.Conditions),
    bedProfile: soapInt(r.BedProfile),
    profile: soapInt(r.Profile),
    occupiedAtStart: soapInt(r.OccupiedAtStart),
    admitted: soapInt(r.Admitted),
    discharged: soapInt(r.Discharged),
    plannedToday: soapInt(r.PlannedToday),
    freeTotal: soapInt(r.FreeTotal),
    freeMale: soapInt(r.FreeMale),
    freeFemale: soapInt(r.FreeFemale),
    freeAdult: soapInt(r.FreeAdult),
    freeChild: soapInt(r.FreeChild),
    forecast: soapList(r.Forecast as Xml | Xml[])
      .map(element)
      .map((f) => ({ date: soapDate(f.Date), free: soapInt(f.Free) })),
  };
}

export function planLineFromSoap(r: Xml) {
  return {
    sourceId: soapText(r.SourceId),
    year: soapInt(r.Year),
    month: soapInt(r.Month),
    moCode: soapText(r.MoCode),
    profile: soapInt(r.Profile),
    conditions: soapInt(r.Conditions),
    smoCode: soapText(r.SmoCode),
    planned: soapInt(r.Planned),
  };
}
