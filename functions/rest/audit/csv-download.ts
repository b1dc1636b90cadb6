import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RestResponse } from '../../lib/rest';

/**
 * A CSV file as a download. Compressed when the client accepts gzip (browsers and fetch always do): an export
 * of 100,000 entries is ~20 MB of text, above Lambda's 6 MB response limit, and ~10× smaller gzipped.
 */
export function csvDownload(event: APIGatewayProxyEvent, csv: string, fileName: string): RestResponse {
  const headers: Record<string, string> = {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename=${fileName}`,
  };
  const accepted = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'accept-encoding');
  if (!/\bgzip\b/.test(accepted?.[1] ?? '')) return { headers, raw: csv };
  return { headers: { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }, raw: gzipSync(csv) };
}
