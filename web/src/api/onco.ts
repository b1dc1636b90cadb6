import type { OncoListView } from '../../../shared/registry/db/onco-lists';
import type {
  Coded,
  OncoPage,
  OncoPersonRow,
  OncoTimeline,
  OrgRef,
  TimelineCase,
  TimelineCases,
  TimelineOncoBlock,
  TimelineReferral,
  TimelineService,
  TimelineSl,
} from '../../../shared/registry/db/onco-queries';
import type {
  OncoCondition,
  OncoConditionKind,
  OncoGroupInput,
  OncoNodeInput,
} from '../../../shared/registry/domain/onco-criteria';
import type { OncoListSort } from '../../../shared/registry/domain/onco-criteria-params';
import type {
  OncoStep,
  PersonTimeliness,
  Timeliness,
  TimelinessStatus,
} from '../../../shared/registry/domain/onco-timeliness';
import { apiRequest } from './client';
import { downloadFile } from './download';
import type { Json } from './json';

/**
 * The oncology register (`/api/v1/onco`, docs/design/onco-register.md): the list by criteria (a tree of
 * conditions with AND/OR groups), saved lists, the export, a person's timeline and services.
 */

export type {
  Coded,
  OncoCondition,
  OncoConditionKind,
  OncoGroupInput,
  OncoListSort,
  OncoNodeInput,
  OncoPersonRow,
  OncoStep,
  OrgRef,
  PersonTimeliness,
  TimelineCase,
  TimelineCases,
  TimelineOncoBlock,
  TimelineReferral,
  TimelineService,
  TimelineSl,
  Timeliness,
  TimelinessStatus,
};

export type OncoPersonsPage = Json<OncoPage<OncoPersonRow>>;
export type OncoServicesPage = Json<OncoPage<TimelineService>>;
export type OncoPersonTimeline = Json<OncoTimeline>;
export type OncoList = Json<OncoListView>;

/** The criteria as the builder edits them and the API takes them: the root group. */
export type OncoCriteriaInput = OncoGroupInput;

export const timelinessStatusLabels: Record<TimelinessStatus, string> = {
  inTime: 'В срок',
  late: 'С нарушением срока',
  waiting: 'Ожидается, срок не истёк',
  overdue: 'Не выполнено, срок истёк',
};

/** The steps the register times (DOMAIN §6.3), by their Russian names. */
export const oncoStepLabels: Record<OncoStep, string> = {
  consultation: 'Консультация онколога после направления',
  diagnostics: 'Диагностика после направления',
  dispensary: 'Диспансерное наблюдение после диагноза',
  suspicionToDiagnosis: 'От подозрения до диагноза',
  diagnosisToTreatment: 'От диагноза до начала лечения',
};

const base = '/api/v1/onco';

export function searchOncoPersons(
  body: { criteria: OncoCriteriaInput; page: number; pageSize: number; sort?: OncoListSort },
  signal?: AbortSignal,
): Promise<OncoPersonsPage> {
  return apiRequest(`${base}/persons/search`, { method: 'POST', body, signal });
}

export function fetchOncoTimeline(
  personId: string,
  cases: TimelineCases,
  signal?: AbortSignal,
): Promise<OncoPersonTimeline> {
  return apiRequest(`${base}/persons/${encodeURIComponent(personId)}`, { query: { cases }, signal });
}

export function fetchOncoServices(
  personId: string,
  query: { page: number; pageSize: number; oncologyProfile?: boolean },
  signal?: AbortSignal,
): Promise<OncoServicesPage> {
  return apiRequest(`${base}/persons/${encodeURIComponent(personId)}/services`, {
    query: {
      page: query.page,
      pageSize: query.pageSize,
      oncologyProfile: query.oncologyProfile ? 'true' : undefined,
    },
    signal,
  });
}

export function fetchOncoLists(signal?: AbortSignal): Promise<{ items: OncoList[] }> {
  return apiRequest(`${base}/lists`, { signal });
}

export function saveOncoList(
  body: { name: string; criteria: OncoCriteriaInput; shared: boolean },
  signal?: AbortSignal,
): Promise<OncoList> {
  return apiRequest(`${base}/lists`, { method: 'POST', body, signal });
}

export function deleteOncoList(id: string): Promise<void> {
  return apiRequest(`${base}/lists/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Downloads the list by the criteria (or a saved list) as CSV or XLSX; the browser saves it under the server's
 * file name, which is answered.
 */
export function exportOncoPersons(
  format: 'csv' | 'xlsx',
  body: { criteria: OncoCriteriaInput; sort?: OncoListSort } | { listId: string; sort?: OncoListSort },
): Promise<string> {
  return downloadFile({
    url: `${base}/persons/export?format=${format}`,
    accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fallbackName: `onco.${format}`,
    json: body,
  });
}
