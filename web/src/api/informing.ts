import type { AssignOutcome } from '../../../shared/informing/db/assign';
import type { InformingWorklistCount } from '../../../shared/informing/db/home-figures';
import type { InformingProtocol as ServerProtocol } from '../../../shared/informing/db/process-package';
import type {
  RequestDetail as DetailView,
  RequestQuery,
  RequestView,
  RequestWorklist,
  TimelinessRow,
} from '../../../shared/informing/db/request-queries';
import type { GenerationRule } from '../../../shared/informing/db/rules';
import type { InformingReason, RequestStatus } from '../../../shared/informing/domain/codes';
import type { RequestRecord, ResultRecord } from '../../../shared/informing/domain/records';
import { ApiError } from './api-error';
import { apiRequest } from './client';
import type { Json, QueryOf } from './json';
import type { OpenPage } from './types';

/**
 * Informing requests, results and the generation rules as the web UI reads and sends them
 * (`/api/v1/informing/…`, docs/design/informing-exchange.md), the server's types.
 */
export type InformingRequest = Json<RequestView>;
export type InformingRequestDetail = Json<DetailView>;
export type InformingResult = InformingRequestDetail['results'][number];
export type RequestsFilter = QueryOf<RequestQuery>;
export type InformingProtocol = Json<ServerProtocol>;
export type {
  AssignOutcome,
  GenerationRule,
  InformingReason,
  InformingWorklistCount,
  RequestStatus,
  RequestWorklist,
};
export type Timeliness = Json<TimelinessRow>;
/** A request as the МО's form sends it (`primary` defaults on the server). */
export type RequestInput = Omit<RequestRecord, 'primary'> & Partial<Pick<RequestRecord, 'primary'>>;
export type ResultInput = ResultRecord;

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** A page of requests in the caller's scope, by deadline (the СМО's worklist, the МО's sent requests). */
export function fetchRequests(filter: RequestsFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<InformingRequest>>('/api/v1/informing/requests', {
    query: { ...filter },
    ...withSignal(signal),
  });
}

/** One request with its informing results. */
export function fetchRequest(id: string, signal?: AbortSignal) {
  return apiRequest<InformingRequestDetail>(`/api/v1/informing/requests/${encodeURIComponent(id)}`, {
    ...withSignal(signal),
  });
}

/** An МО sends requests as one package; nothing accepted answers 400 with the protocol. */
export function sendRequests(packageId: string, records: RequestInput[]) {
  return apiRequest<InformingProtocol>('/api/v1/informing/requests', {
    method: 'POST',
    body: { packageId, records },
  });
}

/** An СМО sends informing results as one package; nothing accepted answers 400 with the protocol. */
export function sendResults(packageId: string, records: ResultInput[]) {
  return apiRequest<InformingProtocol>('/api/v1/informing/results', {
    method: 'POST',
    body: { packageId, records },
  });
}

/** An СМО assigns its open requests to a representative (null clears the assignee). */
export function assignRequests(ids: string[], assignee: string | null) {
  return apiRequest<AssignOutcome>('/api/v1/informing/requests/assign', {
    method: 'POST',
    body: { ids, assignee },
  });
}

/** Per СМО: requests of the period, informed on time, late, overdue. */
export function fetchTimeliness(from: string, to: string, signal?: AbortSignal) {
  return apiRequest<{ from: string; to: string; items: Timeliness[] }>('/api/v1/informing/timeliness', {
    query: { from, to },
    ...withSignal(signal),
  });
}

export function fetchRules(signal?: AbortSignal) {
  return apiRequest<{ items: Json<GenerationRule>[] }>('/api/v1/informing/rules', withSignal(signal));
}

/** The fund switches and tunes one generation rule. */
export function changeRule(id: string, change: { enabled: boolean; leadDays: number; deadlineDays: number }) {
  return apiRequest<Json<GenerationRule>>(`/api/v1/informing/rules/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: change,
  });
}

/** The fund runs the enabled rules now: the requests each rule made. */
export function generateNow() {
  return apiRequest<{ date: string; rules: { ruleId: string; made: number }[]; made: number }>(
    '/api/v1/informing/generate',
    { method: 'POST', body: {} },
  );
}

/** The home page's informing worklists (`GET /api/v1/informing/home`): an СМО's due today and overdue. */
export function fetchInformingHome(signal?: AbortSignal) {
  return apiRequest<{ worklists: InformingWorklistCount[] }>('/api/v1/informing/home', withSignal(signal));
}

/** The package protocol a refused send carried (400 with the protocol as its body), if it is one. */
export function refusedProtocol(error: unknown): InformingProtocol | undefined {
  return error instanceof ApiError && error.status === 400 && error.problem && 'records' in error.problem
    ? (error.problem as unknown as InformingProtocol)
    : undefined;
}
