import type { APIGatewayProxyEvent } from 'aws-lambda';
import { readConfig } from '../../../shared/platform/config';
import { publicBaseUrl, validHost } from '../../lib/soap-address';

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const value = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * A URL the client can use. An absolute one (S3 presigned) stays as it is; one relative to the server root (the
 * local upload path) is resolved against the configured public URL, else the address the client reached
 * (`x-forwarded-proto`/`x-forwarded-host`, else Host — validated: a hostile header cannot point the upload
 * elsewhere). Null when nothing trustworthy names the server.
 */
export function absoluteUrl(event: APIGatewayProxyEvent, url: string): string | null {
  if (!url.startsWith('/')) return url;
  const base = publicBaseUrl(readConfig().publicUrl);
  if (base) return new URL(url, `${base}/`).toString();
  const host = validHost(header(event, 'x-forwarded-host')) ?? validHost(header(event, 'host'));
  if (!host) return null;
  const forwarded = header(event, 'x-forwarded-proto');
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  return new URL(url, `${proto}://${host}`).toString();
}
