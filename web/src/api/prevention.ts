import type { DraftEntry } from '../../../shared/prevention/db/draft-list';
import type { PreventionFileProtocol } from '../../../shared/prevention/db/file-import';
import type { Funnel, FunnelQuery } from '../../../shared/prevention/db/funnel-queries';
import type { PreventionWorklistCount } from '../../../shared/prevention/db/home-figures';
import type { PlanEntryView, PlanQuery } from '../../../shared/prevention/db/plan-queries';
import type { PreventionProtocol } from '../../../shared/prevention/db/process-package';
import type { ScheduleCompleteness, SlotView } from '../../../shared/prevention/db/schedule-queries';
import type { ExamStepCode, PreventionKind } from '../../../shared/prevention/domain/exam-steps';
import type { PlanEntryRecord, ScheduleSlotRecord } from '../../../shared/prevention/domain/records';
import { ApiError, NetworkError } from './api-error';
import { apiRequest, buildUrl } from './client';
import { downloadFile } from './download';
import type { Json, QueryOf } from './json';
import { readToken } from './token-store';
import type { OpenPage, Problem } from './types';

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

/** Plan lists, the funnel and the due list (`/api/v1/prevention/plans`, `/funnel`, `/due`), the server's types. */
export type { ExamStepCode, Funnel, PreventionKind, PreventionWorklistCount };
export type PlanEntry = Json<PlanEntryView>;
export type PlanFilter = QueryOf<PlanQuery>;
export type FunnelFilter = QueryOf<FunnelQuery>;
export type PlanPackageProtocol = Json<PreventionProtocol>;
/** A plan entry as an МО sends it (`POST /api/v1/prevention/plans`). */
export type PlanEntryInput = Omit<PlanEntryRecord, 'category' | 'withdrawn' | 'months'> &
  Partial<Pick<PlanEntryRecord, 'category' | 'withdrawn' | 'months'>>;

const query = (signal?: AbortSignal) => (signal ? { signal } : {});

export function fetchPlan(filter: PlanFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<PlanEntry>>('/api/v1/prevention/plans', {
    query: { ...filter },
    ...query(signal),
  });
}

export function fetchFunnel(filter: FunnelFilter, signal?: AbortSignal) {
  return apiRequest<FunnelFilter & { funnel: Funnel }>('/api/v1/prevention/funnel', {
    query: { ...filter },
    ...query(signal),
  });
}

/** Persons planned for `month` (`YYYY-MM`) who have not started, within the caller's scope. */
export function fetchDueList(
  filter: { month: string; kind?: string | undefined; page: number; pageSize: number },
  signal?: AbortSignal,
) {
  return apiRequest<OpenPage<PlanEntry>>('/api/v1/prevention/due', {
    query: { ...filter },
    ...query(signal),
  });
}

/** Sends plan entries as one package; a package nothing of which was accepted answers 400 with its protocol. */
export function sendPlan(packageId: string, records: PlanEntryInput[]) {
  return apiRequest<PlanPackageProtocol>('/api/v1/prevention/plans', {
    method: 'POST',
    body: { packageId, records },
  });
}

/** The home page's prevention worklists (`GET /api/v1/prevention/home`). */
export function fetchPreventionHome(signal?: AbortSignal) {
  return apiRequest<{ worklists: PreventionWorklistCount[] }>('/api/v1/prevention/home', query(signal));
}

/** One person of the МО's draft plan list (`GET /api/v1/prevention/plans/draft`): a plan entry with the name. */
export type DraftPlanEntry = Json<DraftEntry>;

/** A page of the calling МО's draft plan list for a year and kind. */
export function fetchDraftPlan(
  filter: { year: string; kind: string; page: number; pageSize: number },
  signal?: AbortSignal,
) {
  return apiRequest<OpenPage<DraftPlanEntry>>('/api/v1/prevention/plans/draft', {
    query: { ...filter },
    ...query(signal),
  });
}

/**
 * What an uploaded prevention file answered (`POST /api/v1/prevention/files`): every record's outcome in file
 * order; a plan list's answer also carries its error answer `OSHIB_PR` (base64).
 */
export type PreventionFileAnswer = Json<PreventionFileProtocol> & {
  answerFile?: { fileName: string; base64: string };
};

/**
 * Sends a plan-list file (`PROF_…`) or a ГИС ОМС ДН file (`GST…`, `GPT…`) as it is (binary, so a windows-1251
 * file reaches the server byte for byte; the JSON client cannot send raw bytes). A file every record of which
 * was rejected is answered 400 with its protocol: that is returned too. A file that cannot be read at all is an
 * `ApiError` with the server's problem.
 */
export async function uploadPreventionFile(file: File): Promise<PreventionFileAnswer> {
  const token = readToken();
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Content-Type': 'application/octet-stream',
    'X-Omslink-Client': 'web',
    'X-File-Name': encodeURIComponent(file.name),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/api/v1/prevention/files', { method: 'POST', headers, body: file });
  } catch (error) {
    throw new NetworkError(error);
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return body as PreventionFileAnswer;
  if (
    response.status === 400 &&
    body &&
    typeof body === 'object' &&
    Array.isArray((body as { records?: unknown }).records)
  )
    return body as PreventionFileAnswer;
  throw new ApiError(response.status, body as Problem | null);
}

/** Saves the calling МО's plan list of a year (one kind, or all) as a plan-list file `PROF_…xml`. */
export function downloadPlanListFile(year: string, kind?: string) {
  return downloadFile({
    url: buildUrl('/api/v1/prevention/files/plan-list', { year, kind }),
    accept: 'application/xml',
    fallbackName: `PROF_${year}.xml`,
  });
}

/** Saves the calling МО's ДН as a ГИС ОМС file: `GST` the observations, `GPT` their planned visit windows. */
export function downloadDnFile(type: 'GST' | 'GPT') {
  return downloadFile({
    url: buildUrl('/api/v1/prevention/files/dn', { type }),
    accept: 'application/zip',
    fallbackName: `${type}.zip`,
  });
}
