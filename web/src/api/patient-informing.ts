import type {
  ResultJournalQuery,
  ResultJournalRow,
  ResultSummaryRow,
} from '../../../shared/informing/db/result-journal';
import type { SurveyQuery, SurveyView } from '../../../shared/informing/db/survey-list';
import type { SurveySummaryRow } from '../../../shared/informing/db/survey-summary';
import type { SurveyRecord } from '../../../shared/informing/domain/surveys';
import { apiRequest } from './client';
import {
  fetchRequests,
  type InformingProtocol,
  type InformingRequest,
  type RequestStatus,
} from './informing';
import type { Json, QueryOf } from './json';
import type { OpenPage } from './types';

/**
 * «Информирование пациента» as the web UI reads and sends it (`/api/v1/informing/results`, `/surveys`, the
 * upcoming procedures among the requests): the server's types.
 */
export type InformingResultRow = Json<ResultJournalRow>;
export type ResultsFilter = QueryOf<ResultJournalQuery>;
export type ResultSummary = Json<ResultSummaryRow>;
export type Survey = Json<SurveyView>;
export type SurveysFilter = QueryOf<SurveyQuery>;
export type SurveySummary = Json<SurveySummaryRow>;
export type SurveyInput = SurveyRecord;

/** The questionnaire of each care condition and the answer scale (`GET …/surveys/questionnaires`). */
export interface Questionnaires {
  conditions: { condition: number; name: string; questions: { code: string; text: string }[] }[];
  scale: { score: number; name: string }[];
}

/** The reasons whose requests are upcoming procedures and the information of consultations. */
export const procedureReasons = ['PROCEDURE', 'CARE_INFO'] as const;

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** A page of informing results in the caller's scope, the latest first. */
export function fetchResults(filter: ResultsFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<InformingResultRow>>('/api/v1/informing/results', {
    query: { ...filter },
    ...withSignal(signal),
  });
}

/** Per СМО, method and outcome over a period: results and persons. */
export function fetchResultSummary(from: string, to: string, signal?: AbortSignal) {
  return apiRequest<{ from: string; to: string; items: ResultSummary[] }>(
    '/api/v1/informing/results/summary',
    { query: { from, to }, ...withSignal(signal) },
  );
}

/** A page of the requests about upcoming procedures and consultations' methods, by deadline. */
export function fetchUpcomingProcedures(
  filter: {
    status?: RequestStatus | undefined;
    personId?: string | undefined;
    page: number;
    pageSize: number;
  },
  signal?: AbortSignal,
): Promise<OpenPage<InformingRequest>> {
  return fetchRequests({ ...filter, reason: procedureReasons.join(',') }, signal);
}

/** A page of surveys in the caller's scope, the latest first. */
export function fetchSurveys(filter: SurveysFilter, signal?: AbortSignal) {
  return apiRequest<OpenPage<Survey>>('/api/v1/informing/surveys', {
    query: { ...filter },
    ...withSignal(signal),
  });
}

export function fetchQuestionnaires(signal?: AbortSignal) {
  return apiRequest<Questionnaires>('/api/v1/informing/surveys/questionnaires', withSignal(signal));
}

/** Per МО and condition over a period: surveys and the share satisfied per question. */
export function fetchSurveySummary(
  filter: { from: string; to: string; condition?: string | undefined; moCode?: string | undefined },
  signal?: AbortSignal,
) {
  return apiRequest<{ items: SurveySummary[] }>('/api/v1/informing/surveys/summary', {
    query: { ...filter },
    ...withSignal(signal),
  });
}

/** An СМО sends surveys as one package; nothing accepted answers 400 with the protocol. */
export function sendSurveys(packageId: string, records: SurveyInput[]) {
  return apiRequest<InformingProtocol>('/api/v1/informing/surveys', {
    method: 'POST',
    body: { packageId, records },
  });
}
