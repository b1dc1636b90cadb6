import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RestResponse } from '../../../lib/rest';

const types = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A file as a download. CSV is compressed when the client accepts gzip (browsers and fetch always do), so that a
 * large export stays within Lambda's 6 MB response; XLSX is a ZIP already.
 */
export function fileDownload(
  event: APIGatewayProxyEvent,
  format: 'csv' | 'xlsx',
  body: string | Buffer,
  fileName: string,
): RestResponse {
  const headers: Record<string, string> = {
    'content-type': types[format],
    'content-disposition': `attachment; filename=${fileName}`,
  };
  const accepted = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'accept-encoding');
  if (format === 'xlsx' || !/\bgzip\b/.test(accepted?.[1] ?? '')) return { headers, raw: body };
  return {
    headers: { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' },
    raw: gzipSync(body),
  };
}
