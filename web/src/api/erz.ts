import { ApiError, NetworkError } from './api-error';
import { apiRequest } from './client';
import { readToken } from './token-store';
import type { Page, Problem } from './types';

/** Imports of ЕРЗ extracts (`/api/v1/erz/imports`): the journal, one import with its protocol, the upload. */

export type ErzImportStatus = 'queued' | 'processing' | 'done' | 'rejected' | 'failed' | 'duplicate';

export const erzStatusLabels: Record<ErzImportStatus, string> = {
  queued: 'В очереди',
  processing: 'Загружается',
  done: 'Загружен',
  rejected: 'Файл отклонён',
  failed: 'Сбой загрузки',
  duplicate: 'Повтор файла',
};

export interface ErzImportCounts {
  total: number;
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  warnings: number;
}

export interface ErzImport {
  id: number;
  channel: 'web' | 'rest' | 'soap' | 'file';
  fileName: string | null;
  fileSize: number | null;
  packageId: string | null;
  status: ErzImportStatus;
  duplicateOf: number | null;
  uploadedBy: string;
  orgCode: string;
  receivedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  attempts: number;
  error: string | null;
  header: { version: string; date: string; fileName: string; okato: string; count: number | null } | null;
  counts: ErzImportCounts | null;
}

/** One FLK finding: F012 code, rule, field (tag path), the sender's value, Russian message. */
export interface ErzFinding {
  severity: 'error' | 'warning';
  code: string;
  rule: string;
  field: string | null;
  value: string | null;
  message: string;
}

export interface ErzProtocolRecord {
  ordinal: number;
  recordId: string | null;
  status: 'accepted' | 'rejected';
  findings: ErzFinding[];
}

export interface ErzImportDetail {
  import: ErzImport;
  packageFindings: ErzFinding[];
  protocol: Page<ErzProtocolRecord>;
}

export function isErzImportRunning(status: ErzImportStatus): boolean {
  return status === 'queued' || status === 'processing';
}

export function fetchErzImports(
  query: { status?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<Page<ErzImport>> {
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
