import type { FileStatus } from '../../../shared/platform/bulk/file-journal';
import type {
  RegistryImportCounts,
  RegistryProgress,
  RegistryImport as ServerRegistryImport,
} from '../../../shared/registry/db/registry-journal';
import type { ProtocolGroup, readProtocolPage } from '../../../shared/registry/db/registry-protocol';
import type { CreatedUpload } from '../../../shared/registry/db/registry-uploads';
import type { RegistryFileKind } from '../../../shared/registry/domain/file-kinds';
import { ApiError, NetworkError } from './api-error';
import { apiRequest, buildUrl } from './client';
import { downloadFile } from './download';
import type { Answer, Json } from './json';
import type { CountedPage, Problem } from './types';

/**
 * Registry-invoice packages (`/api/v1/registries`, docs/design/registry-exchange.md): the upload of a ZIP of any
 * size through an upload URL, the journal, one package with its progress and its protocol grouped by code and
 * field, the findings in file order and the V-file.
 */

export type { CreatedUpload, ProtocolGroup, RegistryFileKind, RegistryImportCounts };

export type RegistryStatus = FileStatus;

export type RegistryImport = Json<ServerRegistryImport>;

export type RegistryImportProgress = Json<RegistryProgress>;

/** `GET /api/v1/registries/{id}` — web-only: the handler puts the entry, its progress and its groups together. */
export interface RegistryDetail {
  import: RegistryImport;
  progress: RegistryImportProgress | null;
  protocol: ProtocolGroup[];
}

export type FindingsPage = Answer<typeof readProtocolPage>;

export type RegistryFindingRow = FindingsPage['items'][number];

export const registryStatusLabels: Record<RegistryStatus, string> = {
  queued: 'В очереди',
  processing: 'Обрабатывается',
  done: 'Загружен',
  rejected: 'Отклонён',
  failed: 'Ошибка',
  duplicate: 'Повтор',
};

/** The kinds of registry files by the prefix of the main file's name (DOMAIN §3.1). */
export const registryKindLabels: Record<RegistryFileKind, string> = {
  H: 'Медицинская помощь, кроме ВМП, профилактики и ЗНО',
  T: 'Высокотехнологичная медицинская помощь',
  C: 'Помощь при подозрении на ЗНО или установленном ЗНО',
  DP: 'Диспансеризация взрослых, I этап',
  DV: 'Диспансеризация взрослых, II этап',
  DO: 'Профилактические осмотры взрослых',
  DS: 'Диспансеризация детей-сирот в стационарных учреждениях',
  DU: 'Диспансеризация детей-сирот, усыновлённых или под опекой',
  DF: 'Профилактические осмотры несовершеннолетних',
  DR: 'Диспансеризация для оценки репродуктивного здоровья',
  DA: 'Углублённая диспансеризация, I этап',
  DB: 'Углублённая диспансеризация, II этап',
};

export function isRegistryRunning(status: RegistryStatus): boolean {
  return status === 'queued' || status === 'processing';
}

export interface RegistriesQuery {
  status?: string;
  mo?: string;
  kind?: string;
  page: number;
  pageSize: number;
}

const root = '/api/v1/registries';
const path = (id: number | string, rest = '') => `${root}/${encodeURIComponent(String(id))}${rest}`;

export function fetchRegistries(
  query: RegistriesQuery,
  signal?: AbortSignal,
): Promise<CountedPage<RegistryImport>> {
  return apiRequest(root, { query: { ...query }, signal });
}

export function fetchRegistry(id: number | string, signal?: AbortSignal): Promise<RegistryDetail> {
  return apiRequest(path(id), { signal });
}

export interface FindingsQuery {
  code?: string;
  field?: string;
  severity?: string;
  page: number;
  pageSize: number;
}

export function fetchRegistryFindings(
  id: number | string,
  query: FindingsQuery,
  signal?: AbortSignal,
): Promise<FindingsPage> {
  return apiRequest(path(id, '/findings'), { query: { ...query }, signal });
}

/** Step 1 of an upload: a URL to PUT the ZIP to (`registries.send`). */
export function createRegistryUpload(signal?: AbortSignal): Promise<CreatedUpload> {
  return apiRequest(`${root}/uploads`, { method: 'POST', body: {}, signal });
}

/** Step 3: registers the uploaded ZIP for import (202 queued, or 200 with an entry of status `duplicate`). */
export function submitRegistry(
  input: { uploadId: string; fileName: string },
  signal?: AbortSignal,
): Promise<RegistryImport> {
  return apiRequest(root, { method: 'POST', body: input, signal });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Step 2: sends the file's bytes to the upload URL with `XMLHttpRequest`, the one browser API that reports an
 * upload's progress. No session token goes with it: the signature in the URL is the permission (and an S3
 * presigned URL must not get an Authorization header).
 */
export function putRegistryFile(
  upload: Pick<CreatedUpload, 'uploadUrl' | 'method' | 'headers'>,
  file: Blob,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.uploadUrl);
    for (const [name, value] of Object.entries(upload.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve();
        return;
      }
      let problem: Problem | null = null;
      try {
        problem = JSON.parse(xhr.responseText) as Problem;
      } catch {
        problem = null;
      }
      reject(new ApiError(xhr.status, problem));
    };
    xhr.onerror = () => reject(new NetworkError(new Error('The upload request failed')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}

/** Downloads a package's FLK protocol as the V-file (FLK_P XML); the browser saves it under the server's name. */
export function downloadRegistryProtocol(id: number | string): Promise<string> {
  return downloadFile({
    url: buildUrl(path(id, '/protocol')),
    accept: 'application/xml',
    fallbackName: `protocol-${id}.xml`,
  });
}
