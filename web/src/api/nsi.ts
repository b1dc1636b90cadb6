import type { RecordQuery, searchRecords } from '../../../shared/nsi/db/nsi-repository';
import { apiRequest } from './client';
import type { Answer, QueryOf } from './json';
import type { NsiDirectory, NsiVersion } from './types';

export function fetchNsiDirectories(signal?: AbortSignal): Promise<{ items: NsiDirectory[] }> {
  return apiRequest('/api/v1/nsi/directories', { signal });
}

export function fetchNsiVersions(code: string, signal?: AbortSignal): Promise<{ items: NsiVersion[] }> {
  return apiRequest(`/api/v1/nsi/directories/${encodeURIComponent(code)}/versions`, { signal });
}

/** The directory's code is the path's, not a query parameter. */
export type NsiRecordsQuery = QueryOf<Omit<RecordQuery, 'code'>>;

export function fetchNsiRecords(
  code: string,
  query: NsiRecordsQuery,
  signal?: AbortSignal,
): Promise<Answer<typeof searchRecords>> {
  return apiRequest(`/api/v1/nsi/directories/${encodeURIComponent(code)}/records`, {
    query: { ...query },
    signal,
  });
}
