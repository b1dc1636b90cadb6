import type { Funnel, FunnelQuery } from '../../../shared/prevention/db/funnel-queries';
import type { PlanEntryView } from '../../../shared/prevention/db/plan-queries';
import type {
  DispensaryFeedItem,
  FeedPerson,
  PlanFeedItem,
  PolyclinicCaseFeedItem,
  SlotFeedItem,
} from '../../../shared/prevention/db/soap-feeds';

/**
 * Reads of the prevention area (shared/prevention/db/soap-feeds.ts, plan-queries.ts, funnel-queries.ts) as SOAP
 * elements of PreventionService. Each mapper lists the elements in the order of the WSDL's sequence (the
 * response is written in object key order, soap-response.ts, and strict clients check it); absent values are
 * left out.
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

export function slotToSoap(s: SlotFeedItem) {
  return {
    Id: s.id,
    SourceId: s.sourceId,
    MoCode: s.moCode,
    ...opt('MoName', s.moName),
    Kind: s.kind,
    ...opt('DepartmentCode', s.departmentCode),
    Date: s.date,
    TimeFrom: s.timeFrom,
    TimeTo: s.timeTo,
    Method: s.method,
    ...opt('Address', s.address),
    ...opt('Capacity', s.capacity),
    ...opt('Comment', s.comment),
    Cancelled: s.cancelled,
    Evening: s.evening,
    Saturday: s.saturday,
    Phone: s.phones,
    ChangeSeq: s.changeSeq,
  };
}

export function planEntryToSoap(e: PlanFeedItem) {
  return {
    Id: e.id,
    SourceId: e.sourceId,
    MoCode: e.moCode,
    Patient: patient(e.person),
    ...opt('SmoCode', e.smoCode),
    Year: e.year,
    Kind: e.kind,
    Month: e.months,
    ...opt('Quarter', e.quarter),
    ...opt('DistrictCode', e.districtCode),
    ...opt('DoctorSnils', e.doctorSnils),
    Category: e.category,
    Withdrawn: e.withdrawn,
    ...opt('FurthestStep', e.furthestStep),
    ...opt('FurthestStepDate', e.furthestStepDate),
    ChangeSeq: e.changeSeq,
  };
}

export function dispensaryToSoap(d: DispensaryFeedItem) {
  return {
    Id: d.id,
    SourceId: d.sourceId,
    MoCode: d.moCode,
    Patient: patient(d.person),
    ...opt('SmoCode', d.smoCode),
    Diagnosis: d.diagnosis,
    ...opt('DiagnosisDate', d.diagnosisDate),
    DateIn: d.dateIn,
    ...opt('DateOut', d.dateOut),
    StatusIn: d.statusIn,
    ...opt('ReasonIn', d.reasonIn),
    ...opt('ReasonOut', d.reasonOut),
    Specialty: d.specialty,
    ...opt('DoctorSnils', d.doctorSnils),
    MoAssign: d.moAssign,
    Visit: d.visits.map((v) => ({ From: v.from, To: v.to })),
    ...opt('LastVisit', d.lastVisit),
    ...opt('OverdueFrom', d.overdueFrom),
    ChangeSeq: d.changeSeq,
  };
}

export function polyclinicCaseToSoap(c: PolyclinicCaseFeedItem) {
  return {
    Id: c.id,
    SourceId: c.sourceId,
    MoCode: c.moCode,
    Patient: patient(c.person),
    ...opt('SmoCode', c.smoCode),
    DateFrom: c.dateFrom,
    DateTo: c.dateTo,
    Purpose: c.purpose,
    Diagnosis: c.diagnosis,
    Specialty: c.specialty,
    ...opt('DoctorSnils', c.doctorSnils),
    Visits: c.visits,
    Source: c.source,
    ChangeSeq: c.changeSeq,
  };
}

/** A person due this month, as the due list shows them. */
export function dueEntryToSoap(e: PlanEntryView) {
  return {
    Id: e.id,
    SourceId: e.sourceId,
    MoCode: e.moCode,
    PersonId: e.personId,
    Fio: e.fio,
    BirthDate: e.birthDate,
    ...opt('Enp', e.enp),
    ...opt('SmoCode', e.smoCode),
    Year: e.year,
    Kind: e.kind,
    Month: e.months,
    ...opt('Quarter', e.quarter),
    ...opt('DistrictCode', e.districtCode),
    ...opt('DoctorSnils', e.doctorSnils),
    Category: e.category,
  };
}

export function funnelToSoap(q: FunnelQuery, f: Funnel) {
  return {
    Funnel: {
      Year: q.year,
      Kind: q.kind,
      ...opt('MoCode', q.moCode),
      ...opt('DistrictCode', q.districtCode),
      Planned: f.planned,
      Started: f.started,
      FinishedStage1: f.finishedStage1,
      SentToStage2: f.sentToStage2,
      FinishedStage2: f.finishedStage2,
      Refused: f.refused,
    },
  };
}
