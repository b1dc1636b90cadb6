import type { RequestWorklist } from '../../api/informing';

/** Where «Заявки на информирование» lives (its id and path are registered in shared/informing/index.ts). */
export const requestsPath = '/informing-requests';
export const newRequestPath = `${requestsPath}/new`;
export const timelinessPath = `${requestsPath}/timeliness`;
export const rulesPath = `${requestsPath}/rules`;

export function requestPath(id: string): string {
  return `${requestsPath}/${encodeURIComponent(id)}`;
}

/** The list a home-page count opens: the same worklist (`?worklist=`) the server counted. */
export function worklistPath(id: RequestWorklist): string {
  return `${requestsPath}?worklist=${encodeURIComponent(id)}`;
}
