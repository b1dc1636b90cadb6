import type { ProfileBeds, WorklistCount } from '../../../shared/hospitalisation/db/home-figures';
import { apiRequest } from './client';

/** The home page's hospitalisation figures (`GET /api/v1/hospitalisation/home`). */
export interface HospitalisationHome {
  worklists: WorklistCount[];
  freeBedsByProfile: ProfileBeds[];
  waitingDays: { days: number; bins: { bin: string; stays: number }[] };
}

export type { ProfileBeds, WorklistCount };

export function fetchHospitalisationHome(signal?: AbortSignal) {
  return apiRequest<HospitalisationHome>('/api/v1/hospitalisation/home', { signal });
}
