import type { ConsultationQuery, ConsultationView } from '../../../shared/consultation/db/queries';
import { apiRequest } from './client';
import type { Json, QueryOf } from './json';
import type { OpenPage } from './types';

/** Telemedicine consultations as the web UI reads them (the server's types). */
export type ConsultationItem = Json<ConsultationView>;
export type ConsultationFilter = QueryOf<ConsultationQuery>;

export function fetchConsultations(filter: ConsultationFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<ConsultationItem>>('/api/v1/consultations', {
    query: { ...filter },
    ...(signal ? { signal } : {}),
  });
}
