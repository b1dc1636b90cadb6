import type { EventView } from '../../../shared/hospitalisation/db/feeds';
import type {
  AdmissionView,
  FreeBedsView,
  PersonBrief,
  ReferralView,
} from '../../../shared/hospitalisation/db/views';

/**
 * Feed views of the hospitalisation service (shared/db/hospitalisation/views.ts, feeds.ts) as SOAP elements of
 * HospitalizationService. Each mapper lists the elements in the order of the WSDL's sequence (the response is
 * written in object key order, soap-response.ts, and strict clients check it); absent values are left out.
 */

type Value = string | number | boolean | Date | null | undefined;

/** `{ [name]: value }` when the value is present, else nothing. */
function opt(name: string, value: Value): Record<string, Value> {
  return value === null || value === undefined || value === '' ? {} : { [name]: value };
}

/** A calendar day as `YYYY-MM-DD` (postgres.js reads a `date` column into a Date at UTC midnight). */
function day(value: Value): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

function instant(value: Value): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

function patient(p: PersonBrief | null) {
  return p
    ? {
        Patient: {
          PersonId: p.id,
          ...opt('Enp', p.enp),
          Fam: p.fam,
          Im: p.im,
          ...opt('Ot', p.ot),
          BirthDate: day(p.birthDate),
          Sex: p.sex,
        },
      }
    : {};
}

function vmp(v: Record<string, unknown> | null) {
  return v
    ? {
        Vmp: {
          TalonNumber: String(v.talonNumber ?? ''),
          TalonDate: day(v.talonDate as Value),
          ...opt('VmpKind', v.vmpKind as Value),
          ...opt('VmpMethod', v.vmpMethod as Value),
        },
      }
    : {};
}

export function referralToSoap(r: ReferralView) {
  const c = r.cancellation;
  const a = r.admission;
  return {
    Id: r.id,
    SourceId: r.sourceId,
    SenderCode: r.senderCode,
    Number: r.number,
    Date: day(r.date),
    Form: r.form,
    FromMoCode: r.fromMoCode,
    ...opt('FromMoName', r.fromMoName),
    ...opt('FromDepartmentCode', r.fromDepartmentCode),
    ToMoCode: r.toMoCode,
    ...opt('ToMoName', r.toMoName),
    ...opt('ToDepartmentCode', r.toDepartmentCode),
    Conditions: r.conditions,
    Profile: r.profile,
    ...opt('ProfileName', r.profileName),
    BedProfile: r.bedProfile,
    ...opt('BedProfileName', r.bedProfileName),
    Diagnosis: r.diagnosis,
    ...opt('DiagnosisName', r.diagnosisName),
    DoctorSnils: r.doctorSnils,
    PlannedDate: day(r.plannedDate),
    ...opt('ValidUntil', day(r.validUntil)),
    Kind: r.kind,
    ...vmp(r.vmp),
    Status: r.status,
    Overdue: Boolean(r.overdue),
    ...patient(r.person),
    ...opt('SmoCode', r.smoCode),
    ...opt('SmoName', r.smoName),
    ...(c
      ? {
          Cancellation: {
            Source: c.source,
            ...opt('SourceName', c.sourceName),
            ...opt('OrgCode', c.orgCode),
            Reason: c.reason,
            ...opt('ReasonName', c.reasonName),
            Date: day(c.date),
            ...opt('Comment', c.comment),
          },
        }
      : {}),
    ...(a
      ? {
          Admission: {
            Id: a.id,
            Date: day(a.date),
            ...opt('DepartmentCode', a.departmentCode),
            ...opt('CaseNumber', a.caseNumber),
            ...opt('DischargeDate', day(a.dischargeDate)),
          },
        }
      : {}),
    ChangeSeq: r.changeSeq,
  };
}

export function admissionToSoap(a: AdmissionView) {
  const d = a.discharge;
  return {
    Id: a.id,
    SourceId: a.sourceId,
    Kind: a.kind,
    ...opt('ReferralId', a.referralId),
    ...opt('ReferralNumber', a.referralNumber),
    MatchStatus: a.matchStatus,
    MoCode: a.moCode,
    ...opt('MoName', a.moName),
    DepartmentCode: a.departmentCode,
    ...opt('DepartmentName', a.departmentName),
    Form: a.form,
    Conditions: a.conditions,
    Profile: a.profile,
    ...opt('ProfileName', a.profileName),
    BedProfile: a.bedProfile,
    ...opt('BedProfileName', a.bedProfileName),
    Date: day(a.date),
    ...opt('Time', a.time),
    CaseNumber: a.caseNumber,
    Diagnosis: a.diagnosis,
    ...opt('DiagnosisName', a.diagnosisName),
    ...patient(a.person),
    ...opt('SmoCode', a.smoCode),
    ...opt('SmoName', a.smoName),
    ...opt('ReferringMoCode', a.referringMoCode),
    ...(d
      ? { Discharge: { Date: day(d.date), Outcome: d.outcome, ...opt('OutcomeName', d.outcomeName) } }
      : {}),
    Movement: a.movements.map((m) => ({
      DepartmentCode: m.departmentCode,
      Profile: m.profile,
      BedProfile: m.bedProfile,
      Date: day(m.date),
    })),
    ChangeSeq: a.changeSeq,
  };
}

export function freeBedsToSoap(f: FreeBedsView) {
  return {
    Date: day(f.date),
    MoCode: f.moCode,
    ...opt('MoName', f.moName),
    DepartmentCode: f.departmentCode,
    ...opt('DepartmentName', f.departmentName),
    Conditions: f.conditions,
    BedProfile: f.bedProfile,
    ...opt('BedProfileName', f.bedProfileName),
    ...opt('Profile', f.profile),
    ...opt('ProfileName', f.profileName),
    OccupiedAtStart: f.occupiedAtStart,
    Admitted: f.admitted,
    Discharged: f.discharged,
    PlannedToday: f.plannedToday,
    FreeTotal: f.freeTotal,
    FreeMale: f.freeMale,
    FreeFemale: f.freeFemale,
    FreeAdult: f.freeAdult,
    FreeChild: f.freeChild,
    Forecast: (f.forecast ?? []).map((x) => ({ Date: day(x.date), Free: x.free })),
    ...opt('ReceivedAt', instant(f.receivedAt)),
    ChangeSeq: f.changeSeq,
  };
}

/** One change of an insured person's hospitalisation story (a referral's or a stay's), with who made it. */
export function eventToSoap(e: EventView) {
  return {
    Id: e.id,
    At: instant(e.at),
    Entity: e.entity,
    EntityId: e.entityId,
    Event: e.event,
    ...opt('OrgCode', e.orgCode),
    Detail: Object.entries(e.details ?? {})
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([name, v]) => ({ Name: name, Value: typeof v === 'object' ? JSON.stringify(v) : String(v) })),
    ...patient(e.person),
    ChangeSeq: e.changeSeq,
  };
}
