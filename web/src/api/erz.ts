import type {
  ErzImportCounts,
  ErzImportStatus,
  ErzProtocolRecord,
  listErzImports,
  readErzPackageFindings,
  readErzProtocol,
  ErzImport as ServerErzImport,
} from '../../../shared/person/db/erz-import-journal';
import type { FlkIssue } from '../../../shared/platform/flk/issue';
import { ApiError, NetworkError } from './api-error';
import { apiRequest } from './client';
import type { Answer, Json } from './json';
import { readToken } from './token-store';
import type { Problem } from './types';

/** Imports of ЕРЗ extracts (`/api/v1/erz/imports`): the journal, one import with its protocol, the upload. */

export type { ErzImportCounts, ErzImportStatus, ErzProtocolRecord };

export const erzStatusLabels: Record<ErzImportStatus, string> = {
  queued: 'В очереди',
  processing: 'Загружается',
  done: 'Загружен',
  rejected: 'Файл отклонён',
  failed: 'Сбой загрузки',
  duplicate: 'Повтор файла',
};

export type ErzImport = Json<ServerErzImport>;

/** One FLK finding: F012 code, rule, field (tag path), the sender's value, Russian message. */
export type ErzFinding = FlkIssue;

/** `GET /api/v1/erz/imports/{id}` — web-only: the handler builds it from the journal entry and protocol parts. */
export interface ErzImportDetail {
  import: ErzImport;
  packageFindings: Answer<typeof readErzPackageFindings>;
  protocol: Answer<typeof readErzProtocol>;
}

export function isErzImportRunning(status: ErzImportStatus): boolean {
  return status === 'queued' || status === 'processing';
}

export function fetchErzImports(
  query: { status?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<Answer<typeof listErzImports>> {
  return apiRequest('/api/v1/erz/imports', { query: { ...query }, signal });
}

export function fetchErzImport(
  id: string,
  query: { only?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<ErzImportDetail> {
  return apiRequest(`/api/v1/erz/imports/${encodeURIComponent(id)}`, { query: { ...query }, signal });
}

/**
 * Sends an extract file as it is (binary, so a windows-1251 XML or a ZIP reaches the server byte for byte;
 * the JSON client cannot send raw bytes). Answers the registered import (status `queued`, or `duplicate`).
 */
export async function uploadErzExtract(file: File): Promise<ErzImport> {
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
    response = await fetch('/api/v1/erz/imports', { method: 'POST', headers, body: file });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as ErzImport;
}
