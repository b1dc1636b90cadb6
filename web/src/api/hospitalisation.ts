import type { PackageProtocol } from '../../../shared/hospitalisation/db/process-package';
import type {
  AdmissionQuery,
  FreeBedsQuery as FreeBedsFilter,
  getReferral,
  HistoryEntry,
  listAdmissions,
  listFreeBeds,
  PlanFactRow,
  planVersusFact,
  ReferralQuery,
} from '../../../shared/hospitalisation/db/queries';
import type {
  PersonBrief,
  AdmissionView as ServerAdmissionView,
  FreeBedsView as ServerFreeBedsView,
  ReferralView as ServerReferralView,
} from '../../../shared/hospitalisation/db/views';
import type {
  AdmissionRecord,
  CancellationRecord,
  DischargeRecord,
  FreeBedsRecord,
  MovementRecord,
  PatientRef,
  ReferralRecord,
} from '../../../shared/hospitalisation/domain/records';
import type { FlkIssue } from '../../../shared/platform/flk/issue';
import { apiRequest } from './client';
import type { Answer, Json, QueryOf } from './json';
import type { Page } from './types';

/**
 * The hospitalisation exchange as the web UI reads it (docs/design/hospitalisation-exchange.md): referrals,
 * stays (admissions, movements, discharges), free beds and plans vs fact — the server's own types.
 */

export type { FlkIssue, PackageProtocol, PatientRef, PersonBrief, PlanFactRow };

export type ReferralStatus = ServerReferralView['status'];
export type ReferralDirection = ReferralQuery['direction'];

/** The ВМП талон: the server keeps the checked `vmp` of the referral record (jsonb, typed loosely there). */
export type VmpTalon = NonNullable<ReferralRecord['vmp']>;

/** A referral as the API shows it, its `vmp` read as the talon the server stored. */
export type ReferralView = Omit<Json<ServerReferralView>, 'vmp'> & { vmp: VmpTalon | null };

export type ReferralHistoryEntry = Json<HistoryEntry>;

/** One referral with its history (`getReferral`). */
export type ReferralDetail = Omit<NonNullable<Answer<typeof getReferral>>, 'vmp'> & { vmp: VmpTalon | null };

export type ReferralsQuery = QueryOf<ReferralQuery>;

/** `POST /api/v1/referrals`: the T1 record; the route fills in a missing `sourceId`. */
export type ReferralInput = Omit<ReferralRecord, 'sourceId'> & Partial<Pick<ReferralRecord, 'sourceId'>>;

/** `POST /api/v1/referrals/{id}/cancel`: the T4 record's reason, date (default today) and comment. */
export type CancelInput = Pick<CancellationRecord, 'reason' | 'comment'> &
  Partial<Pick<CancellationRecord, 'date'>>;

/** `POST /api/v1/referrals/{id}/admit`: the T2 record's stay fields; the rest comes from the referral. */
export type AdmitInput = Pick<AdmissionRecord, 'departmentCode' | 'date' | 'time' | 'caseNumber'> &
  Partial<Pick<AdmissionRecord, 'diagnosis' | 'profile' | 'bedProfile'>>;

export type AdmissionKind = ServerAdmissionView['kind'];

export type AdmissionView = Json<ServerAdmissionView>;

export type AdmissionsQuery = QueryOf<AdmissionQuery>;

/** `POST /api/v1/admissions`: the T2/T3 record. */
export type AdmissionInput = AdmissionRecord;

/** `POST /api/v1/admissions/{id}/discharge`: the T5 record without its ids (the route fills them in). */
export type DischargeInput = Pick<DischargeRecord, 'date' | 'outcome'>;

/** `POST /api/v1/admissions/{id}/movements`: the movement record without its ids (the route fills them in). */
export type MovementInput = Omit<MovementRecord, 'sourceId' | 'admissionSourceId'>;

export type FreeBedsView = Json<ServerFreeBedsView>;

export type FreeBedsQuery = QueryOf<FreeBedsFilter>;

/** `POST /api/v1/free-beds`: T6 records. */
export type FreeBedsInput = FreeBedsRecord;

export type PlanFactQuery = QueryOf<Parameters<typeof planVersusFact>[1]>;

const referrals = '/api/v1/referrals';
const admissions = '/api/v1/admissions';
const referralAt = (id: string) => `${referrals}/${encodeURIComponent(id)}`;
const admissionAt = (id: string) => `${admissions}/${encodeURIComponent(id)}`;

export function fetchReferrals(query: ReferralsQuery, signal?: AbortSignal) {
  return apiRequest<Page<ReferralView>>(referrals, { query: { ...query }, signal });
}

export function fetchReferral(id: string, signal?: AbortSignal) {
  return apiRequest<ReferralDetail>(referralAt(id), { signal });
}

/** Answers the referral with its history and the FLK warnings of the accepted record. */
export function createReferral(body: ReferralInput) {
  return apiRequest<ReferralDetail & { warnings: FlkIssue[] }>(referrals, { method: 'POST', body });
}

export function cancelReferral(id: string, body: CancelInput) {
  return apiRequest<ReferralDetail>(`${referralAt(id)}/cancel`, { method: 'POST', body });
}

export function admitByReferral(id: string, body: AdmitInput) {
  return apiRequest<AdmissionView>(`${referralAt(id)}/admit`, { method: 'POST', body });
}

export function fetchAdmissions(query: AdmissionsQuery, signal?: AbortSignal) {
  return apiRequest<Answer<typeof listAdmissions>>(admissions, { query: { ...query }, signal });
}

/** One stay (`GET /api/v1/admissions/{id}`, scoped like the list). */
export function fetchAdmission(id: string, signal?: AbortSignal) {
  return apiRequest<AdmissionView>(admissionAt(id), { signal });
}

/** Answers the stay and the FLK warnings of the accepted record. */
export function createAdmission(body: AdmissionInput) {
  return apiRequest<AdmissionView & { warnings: FlkIssue[] }>(admissions, { method: 'POST', body });
}

export function dischargeAdmission(id: string, body: DischargeInput) {
  return apiRequest<AdmissionView>(`${admissionAt(id)}/discharge`, { method: 'POST', body });
}

export function moveAdmission(id: string, body: MovementInput) {
  return apiRequest<AdmissionView>(`${admissionAt(id)}/movements`, { method: 'POST', body });
}

export function fetchFreeBeds(query: FreeBedsQuery, signal?: AbortSignal) {
  return apiRequest<{ items: Answer<typeof listFreeBeds> }>('/api/v1/free-beds', {
    query: { ...query },
    signal,
  });
}

export function sendFreeBeds(records: FreeBedsInput[]) {
  return apiRequest<PackageProtocol>('/api/v1/free-beds', { method: 'POST', body: { records } });
}

export function fetchPlanFact(query: PlanFactQuery, signal?: AbortSignal) {
  return apiRequest<{ items: Answer<typeof planVersusFact> }>('/api/v1/hospital-plans', {
    query: { ...query },
    signal,
  });
}
