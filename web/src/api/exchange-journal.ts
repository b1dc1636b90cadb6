import type {
  JournalEntry,
  JournalPage,
  SilentOrganisation,
} from '../../../shared/platform/exchange/journal';
import type { IssueGroup } from '../../../shared/platform/exchange/journal-protocol';
import type { JournalFilter } from '../../../shared/platform/exchange/journal-source';
import { apiRequest, buildUrl } from './client';
import { downloadFile } from './download';

/** The exchange journal («Журнал обмена»): every area's packages on every channel, with their protocols. */

export type { IssueGroup, JournalEntry, SilentOrganisation };

export type JournalQuery = { [K in keyof JournalFilter]?: string } & { page: number; pageSize: number };

export type JournalEntryDetail = JournalEntry & { groups: IssueGroup[]; findings: number };

export interface JournalSummary {
  today: string;
  rejectedToday: { senderCode: string; senderName: string | null; count: number }[];
  daily: { day: string; packages: number; records: number | null }[];
  silent: { days: number; count: number } | null;
}

const journal = '/api/v1/exchange-journal';

export function fetchJournal(query: JournalQuery, signal?: AbortSignal) {
  return apiRequest<JournalPage>(journal, { query: { ...query }, signal });
}

export function fetchJournalEntry(id: string, signal?: AbortSignal) {
  return apiRequest<JournalEntryDetail>(`${journal}/${encodeURIComponent(id)}`, { signal });
}

export function fetchJournalSummary(signal?: AbortSignal) {
  return apiRequest<JournalSummary>(`${journal}/summary`, { signal });
}

export function fetchSilentOrganisations(days: number, signal?: AbortSignal) {
  return apiRequest<{ days: number; items: SilentOrganisation[] }>(`${journal}/silent`, {
    query: { days },
    signal,
  });
}

/** Downloads a package's protocol as a CSV file (the browser saves it under the server's file name). */
export async function downloadProtocolCsv(id: string): Promise<void> {
  await downloadFile({
    url: buildUrl(`${journal}/${encodeURIComponent(id)}/protocol`),
    accept: 'text/csv',
    fallbackName: `protocol-${id}.csv`,
  });
}
