import { apiRequest } from './client';
import type { RegionSummary } from './types';

export function fetchRegionSummary(signal?: AbortSignal): Promise<RegionSummary> {
  return apiRequest<RegionSummary>('/api/v1/region/summary', { signal });
}
