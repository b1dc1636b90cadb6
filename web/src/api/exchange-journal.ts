import type {
  JournalEntry,
  JournalPage,
  SilentOrganisation,
} from '../../../shared/platform/exchange/journal';
import type { IssueGroup } from '../../../shared/platform/exchange/journal-protocol';
import type { JournalFilter } from '../../../shared/platform/exchange/journal-source';
import { ApiError, NetworkError } from './api-error';
import { apiRequest, buildUrl } from './client';
import { readToken } from './token-store';
import type { Problem } from './types';

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
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(buildUrl(`${journal}/${encodeURIComponent(id)}/protocol`), {
      headers: {
        Accept: 'text/csv, application/problem+json',
        'X-Omslink-Client': 'web',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `protocol-${id}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
