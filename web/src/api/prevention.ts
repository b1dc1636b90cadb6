import type { PreventionProtocol } from '../../../shared/prevention/db/process-package';
import type { ScheduleCompleteness, SlotView } from '../../../shared/prevention/db/schedule-queries';
import type { ScheduleSlotRecord } from '../../../shared/prevention/domain/records';
import { apiRequest } from './client';
import type { Json } from './json';

/** Exam schedules as the web UI reads and sends them (docs/design/prevention-exchange.md), the server's types. */
export type ScheduleSlot = Json<SlotView>;
export type ScheduleGapRow = Json<ScheduleCompleteness>;
export type SchedulePackageProtocol = Json<PreventionProtocol>;
export type NewSlot = Omit<ScheduleSlotRecord, 'cancelled'> & { cancelled?: boolean };

export interface ScheduleFilter {
  moCode?: string | undefined;
  kind?: string | undefined;
  method?: string | undefined;
  evening?: 'true' | undefined;
  saturday?: 'true' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function fetchSchedule(filter: ScheduleFilter, signal?: AbortSignal) {
  return apiRequest<{ items: ScheduleSlot[]; hasMore: boolean }>('/api/v1/prevention/schedules', {
    query: { ...filter, pageSize: 500 },
    ...(signal ? { signal } : {}),
  });
}

export function fetchScheduleGaps(from: string, to: string, signal?: AbortSignal) {
  return apiRequest<{ items: ScheduleGapRow[] }>('/api/v1/prevention/schedules/gaps', {
    query: { from, to },
    ...(signal ? { signal } : {}),
  });
}

/** Publishes slots as one package; a package nothing of which was accepted answers 400 with its protocol. */
export function sendSchedule(packageId: string, records: NewSlot[]) {
  return apiRequest<SchedulePackageProtocol>('/api/v1/prevention/schedules', {
    method: 'POST',
    body: { packageId, records },
  });
}
