import { apiRequest } from './client';
import type { NsiDirectory, NsiRecord, NsiVersion, Page } from './types';

export function fetchNsiDirectories(signal?: AbortSignal): Promise<{ items: NsiDirectory[] }> {
  return apiRequest('/api/v1/nsi/directories', { signal });
}

export function fetchNsiVersions(code: string, signal?: AbortSignal): Promise<{ items: NsiVersion[] }> {
  return apiRequest(`/api/v1/nsi/directories/${encodeURIComponent(code)}/versions`, { signal });
}

export interface NsiRecordsQuery {
  q?: string;
  validOn?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

export function fetchNsiRecords(
  code: string,
  query: NsiRecordsQuery,
  signal?: AbortSignal,
): Promise<Page<NsiRecord>> {
  return apiRequest(`/api/v1/nsi/directories/${encodeURIComponent(code)}/records`, {
    query: { ...query },
    signal,
  });
}
