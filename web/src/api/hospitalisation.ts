import { apiRequest } from './client';
import type { Page } from './types';

/**
 * The hospitalisation exchange as the web UI reads it (docs/design/hospitalisation-exchange.md): referrals,
 * stays (admissions, movements, discharges), free beds and plans vs fact. Shapes are written out here because
 * the web talks only to the REST API.
 */

export type ReferralStatus = 'issued' | 'admitted' | 'cancelled' | 'expired' | 'discharged';
export type ReferralDirection = 'sent' | 'incoming' | 'all';

export interface PersonBrief {
  id: string;
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
}

export interface VmpTalon {
  talonNumber: string;
  talonDate: string;
  vmpKind?: string;
  vmpMethod?: number;
}

export interface ReferralView {
  id: string;
  sourceId: string;
  senderCode: string;
  number: string;
  date: string;
  form: number;
  fromMoCode: string;
  fromMoName: string | null;
  fromDepartmentCode: string | null;
  toMoCode: string;
  toMoName: string | null;
  toDepartmentCode: string | null;
  conditions: number;
  profile: number;
  profileName: string | null;
  bedProfile: number;
  bedProfileName: string | null;
  diagnosis: string;
  diagnosisName: string | null;
  doctorSnils: string;
  plannedDate: string;
  validUntil: string | null;
  kind: 'plain' | 'vmp';
  vmp?: VmpTalon | null;
  status: ReferralStatus;
  overdue: boolean;
  person: PersonBrief | null;
  smoCode: string | null;
  smoName: string | null;
  cancellation?: {
    source: number;
    sourceName: string | null;
    orgCode: string;
    reason: number;
    reasonName: string | null;
    date: string;
    comment: string | null;
  } | null;
  admission?: {
    id: string;
    date: string;
    departmentCode: string;
    caseNumber: string;
    dischargeDate: string | null;
  } | null;
  changeSeq: number | string;
}

export interface ReferralHistoryEntry {
  at: string;
  event: string;
  orgCode: string | null;
  username: string | null;
  details: unknown;
}

export type ReferralDetail = ReferralView & { history: ReferralHistoryEntry[] };

export interface ReferralsQuery {
  direction?: string;
  status?: string;
  profile?: string;
  moCode?: string;
  dateFrom?: string;
  dateTo?: string;
  overdue?: string;
  personId?: string;
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

export interface PatientRef {
  enp?: string;
  snils?: string;
  fam?: string;
  im?: string;
  ot?: string;
  sex?: 1 | 2;
  birthDate?: string;
}

/** `ReferralRecord` of shared/domain/hospitalisation/records.ts. */
export interface ReferralInput {
  sourceId?: string;
  number: string;
  date: string;
  form: number;
  fromMoCode: string;
  fromDepartmentCode?: string;
  toMoCode: string;
  toDepartmentCode?: string;
  conditions: number;
  profile: number;
  bedProfile: number;
  diagnosis: string;
  doctorSnils: string;
  plannedDate: string;
  kind: 'plain' | 'vmp';
  vmp?: VmpTalon;
  patient: PatientRef;
}

export interface CancelInput {
  reason: number;
  date?: string;
  comment?: string;
}

export interface AdmitInput {
  departmentCode: string;
  date: string;
  time?: string;
  caseNumber: string;
  diagnosis?: string;
}

export type AdmissionKind = 'planned' | 'emergency';

export interface AdmissionView {
  id: string;
  sourceId: string;
  kind: AdmissionKind;
  referralId: string | null;
  referralNumber: string | null;
  matchStatus: 'matched' | 'awaiting_referral' | 'none';
  moCode: string;
  moName: string | null;
  departmentCode: string;
  departmentName: string | null;
  form: number;
  conditions: number;
  profile: number;
  profileName: string | null;
  bedProfile: number;
  bedProfileName: string | null;
  date: string;
  time: string | null;
  caseNumber: string;
  diagnosis: string;
  diagnosisName: string | null;
  person: PersonBrief | null;
  smoCode: string | null;
  smoName: string | null;
  referringMoCode: string | null;
  discharge?: { date: string; outcome: number; outcomeName: string | null } | null;
  movements: { departmentCode: string; profile: number; bedProfile: number; date: string }[];
  changeSeq: number | string;
}

export interface AdmissionsQuery {
  kind?: string;
  state?: string;
  moCode?: string;
  dateFrom?: string;
  dateTo?: string;
  personId?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

/** `AdmissionRecord` of shared/domain/hospitalisation/records.ts. */
export interface AdmissionInput {
  sourceId: string;
  kind: AdmissionKind;
  referralNumber?: string;
  referralDate?: string;
  form: number;
  moCode: string;
  departmentCode: string;
  conditions: number;
  profile: number;
  bedProfile: number;
  date: string;
  time?: string;
  caseNumber: string;
  diagnosis: string;
  patient: PatientRef;
}

export interface DischargeInput {
  date: string;
  outcome: number;
}

export interface MovementInput {
  departmentCode: string;
  profile: number;
  bedProfile: number;
  date: string;
}

export interface FreeBedsView {
  date: string;
  moCode: string;
  moName: string | null;
  departmentCode: string;
  departmentName: string | null;
  conditions: number;
  bedProfile: number;
  bedProfileName: string | null;
  profile: number | null;
  profileName: string | null;
  occupiedAtStart: number;
  admitted: number;
  discharged: number;
  plannedToday: number;
  freeTotal: number;
  freeMale: number;
  freeFemale: number;
  freeAdult: number;
  freeChild: number;
  forecast: { date: string; free: number }[];
  receivedAt: string | null;
}

export interface FreeBedsQuery {
  date?: string;
  profile?: string;
  bedProfile?: string;
  conditions?: string;
  moCode?: string;
}

/** `FreeBedsRecord` of shared/domain/hospitalisation/records.ts. */
export interface FreeBedsInput {
  sourceId: string;
  date: string;
  moCode: string;
  departmentCode: string;
  conditions: number;
  bedProfile: number;
  profile?: number;
  occupiedAtStart: number;
  admitted: number;
  discharged: number;
  plannedToday: number;
  freeTotal: number;
  freeMale: number;
  freeFemale: number;
  freeAdult: number;
  freeChild: number;
  forecast: { date: string; free: number }[];
}

export interface FlkIssue {
  rule?: string;
  code: string;
  severity?: string;
  field?: string;
  value?: string;
  message: string;
}

export interface PackageProtocol {
  packageId: string;
  kind: string;
  status: 'accepted' | 'partially_accepted' | 'rejected' | 'duplicate';
  total: number;
  accepted: number;
  rejected: number;
  records: {
    ordinal: number;
    sourceId: string | null;
    status: 'accepted' | 'rejected';
    id?: string;
    issues: FlkIssue[];
  }[];
}

export interface PlanFactRow {
  year: number;
  month: number;
  moCode: string;
  moName: string | null;
  profile: number;
  profileName: string | null;
  conditions: number;
  smoCode: string;
  smoName: string | null;
  planned: number;
  fact: number;
}

export interface PlanFactQuery {
  year: string;
  month?: string;
  moCode?: string;
  smoCode?: string;
  profile?: string;
}

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

export function createReferral(body: ReferralInput) {
  return apiRequest<ReferralView>(referrals, { method: 'POST', body });
}

export function cancelReferral(id: string, body: CancelInput) {
  return apiRequest<ReferralView>(`${referralAt(id)}/cancel`, { method: 'POST', body });
}

export function admitByReferral(id: string, body: AdmitInput) {
  return apiRequest<AdmissionView>(`${referralAt(id)}/admit`, { method: 'POST', body });
}

export function fetchAdmissions(query: AdmissionsQuery, signal?: AbortSignal) {
  return apiRequest<Page<AdmissionView>>(admissions, { query: { ...query }, signal });
}

/** One stay (`GET /api/v1/admissions/{id}`, scoped like the list). */
export function fetchAdmission(id: string, signal?: AbortSignal) {
  return apiRequest<AdmissionView>(admissionAt(id), { signal });
}

export function createAdmission(body: AdmissionInput) {
  return apiRequest<AdmissionView>(admissions, { method: 'POST', body });
}

export function dischargeAdmission(id: string, body: DischargeInput) {
  return apiRequest<AdmissionView>(`${admissionAt(id)}/discharge`, { method: 'POST', body });
}

export function moveAdmission(id: string, body: MovementInput) {
  return apiRequest<AdmissionView>(`${admissionAt(id)}/movements`, { method: 'POST', body });
}

export function fetchFreeBeds(query: FreeBedsQuery, signal?: AbortSignal) {
  return apiRequest<{ items: FreeBedsView[] }>('/api/v1/free-beds', { query: { ...query }, signal });
}

export function sendFreeBeds(records: FreeBedsInput[]) {
  return apiRequest<PackageProtocol>('/api/v1/free-beds', { method: 'POST', body: { records } });
}

export function fetchPlanFact(query: PlanFactQuery, signal?: AbortSignal) {
  return apiRequest<{ items: PlanFactRow[] }>('/api/v1/hospital-plans', { query: { ...query }, signal });
}
