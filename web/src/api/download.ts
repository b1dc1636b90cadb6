import { ApiError, NetworkError } from './api-error';
import { readToken } from './token-store';
import type { Problem } from './types';

export interface DownloadRequest {
  /** The URL as `buildUrl` makes it (query included). */
  url: string;
  /** What the file may be, besides a problem+json refusal, e.g. `text/csv`. */
  accept: string;
  /** The name when the server names none (`Content-Disposition`). */
  fallbackName: string;
  /** A JSON body: the request is then a POST. */
  json?: unknown;
}

/**
 * Fetches a file with the signed-in user's token and has the browser save it under the name the server gives;
 * answers that name. A refusal is an `ApiError` with the server's problem (Russian detail), a lost connection a
 * `NetworkError`, as every other API call.
 */
export async function downloadFile(request: DownloadRequest): Promise<string> {
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(request.url, {
      ...(request.json === undefined ? {} : { method: 'POST', body: JSON.stringify(request.json) }),
      headers: {
        Accept: `${request.accept}, application/problem+json`,
        ...(request.json === undefined ? {} : { 'Content-Type': 'application/json' }),
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
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? request.fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
