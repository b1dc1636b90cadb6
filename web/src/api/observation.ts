import type {
  DispensaryQuery,
  DispensaryView,
  PolyclinicCaseQuery,
  PolyclinicCaseView,
} from '../../../shared/prevention/db/observation-queries';
import type { PreventionProtocol } from '../../../shared/prevention/db/process-package';
import type { DispensaryRecord, PolyclinicCaseRecord } from '../../../shared/prevention/domain/records';
import { ApiError } from './api-error';
import { apiRequest } from './client';
import type { Json, QueryOf } from './json';
import type { OpenPage } from './types';

/**
 * Dispensary observation (ДН) and polyclinic service cases (`/api/v1/prevention/dispensary`,
 * `/api/v1/prevention/polyclinic-cases`, docs/design/prevention-exchange.md), the server's types.
 */
export type DispensaryItem = Json<DispensaryView>;
export type PolyclinicCaseItem = Json<PolyclinicCaseView>;
/** The list's filters; `personId` narrows to one person (the person card's link). */
export type DispensaryFilter = QueryOf<DispensaryQuery> & { personId?: string | undefined };
export type PolyclinicCaseFilter = QueryOf<PolyclinicCaseQuery> & { personId?: string | undefined };
export type ObservationProtocol = Json<PreventionProtocol>;

/** A ДН record as the form sends it (`POST /api/v1/prevention/dispensary`); defaults left to the server. */
export type DispensaryInput = Omit<DispensaryRecord, 'moAssign' | 'visits'> &
  Partial<Pick<DispensaryRecord, 'moAssign' | 'visits'>>;
export type PolyclinicCaseInput = Omit<PolyclinicCaseRecord, 'visits'> &
  Partial<Pick<PolyclinicCaseRecord, 'visits'>>;

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** A page of ДН records in the caller's scope, the overdue ones first. */
export function fetchDispensary(filter: DispensaryFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<DispensaryItem>>('/api/v1/prevention/dispensary', {
    query: { ...filter },
    ...withSignal(signal),
  });
}

/** A page of polyclinic service cases in the caller's scope, the latest first. */
export function fetchPolyclinicCases(filter: PolyclinicCaseFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<PolyclinicCaseItem>>('/api/v1/prevention/polyclinic-cases', {
    query: { ...filter },
    ...withSignal(signal),
  });
}

/** Sends ДН records as one package; a package nothing of which was accepted answers 400 with its protocol. */
export function sendDispensary(packageId: string, records: DispensaryInput[]) {
  return apiRequest<ObservationProtocol>('/api/v1/prevention/dispensary', {
    method: 'POST',
    body: { packageId, records },
  });
}

/** Sends polyclinic cases as one package; nothing accepted answers 400 with the protocol. */
export function sendPolyclinicCases(packageId: string, records: PolyclinicCaseInput[]) {
  return apiRequest<ObservationProtocol>('/api/v1/prevention/polyclinic-cases', {
    method: 'POST',
    body: { packageId, records },
  });
}

/** The package protocol a refused send carried (400 with the protocol as its body), if it is one. */
export function refusedProtocol(error: unknown): ObservationProtocol | undefined {
  return error instanceof ApiError && error.status === 400 && error.problem && 'records' in error.problem
    ? (error.problem as unknown as ObservationProtocol)
    : undefined;
}
