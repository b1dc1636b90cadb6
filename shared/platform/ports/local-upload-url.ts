import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertSafeKey, type Bucket } from './blobs';

/**
 * The local stand-in for a presigned S3 PUT: `/local-uploads/<bucket>/<key>?expires=…&maxBytes=…&signature=…`,
 * answered by the local server (infra/local/http-server.ts). `expires` is in Unix seconds; `signature` is
 * HMAC-SHA256 (base64url) with the local runtime's upload secret over the method, bucket, key, expires and
 * maxBytes, one per line — so neither the key, the lifetime nor the size limit can be changed without it.
 * The URL is relative to the server root: the blob port does not know the address clients reach it by.
 */
export const localUploadPath = '/local-uploads/';

export interface LocalUploadGrant {
  bucket: Bucket;
  key: string;
  /** Unix seconds after which the URL is refused. */
  expires: number;
  maxBytes: number;
}

function signature(
  secret: string,
  method: string,
  grant: LocalUploadGrant | Record<keyof LocalUploadGrant, string>,
) {
  return createHmac('sha256', secret)
    .update([method, grant.bucket, grant.key, grant.expires, grant.maxBytes].join('\n'))
    .digest('base64url');
}

/** The relative URL for a PUT of `grant`. */
export function localUploadUrl(secret: string, grant: LocalUploadGrant): string {
  assertSafeKey(grant.key);
  const query = new URLSearchParams({
    expires: String(grant.expires),
    maxBytes: String(grant.maxBytes),
    signature: signature(secret, 'PUT', grant),
  });
  return `${localUploadPath}${grant.bucket}/${grant.key}?${query}`;
}

export type LocalUploadCheck =
  | { ok: true; grant: LocalUploadGrant }
  /** `invalid`: not a URL this runtime signed (or altered since); `expired`: signed, but its time is over. */
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks a request for a local upload URL: the path and parameters as signed (compared in constant time), then
 * the expiry. The path is taken as sent, not percent-decoded: keys are `[\w.\-/]` only.
 */
export function checkLocalUpload(
  secret: string,
  method: string,
  url: URL,
  now: number = Date.now(),
): LocalUploadCheck {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (!url.pathname.startsWith(localUploadPath)) return invalid;
  const rest = url.pathname.slice(localUploadPath.length);
  const slash = rest.indexOf('/');
  const bucket = rest.slice(0, slash);
  const key = rest.slice(slash + 1);
  if (slash < 0 || (bucket !== 'inbox' && bucket !== 'exports')) return invalid;
  try {
    assertSafeKey(key);
  } catch {
    return invalid;
  }
  const expires = url.searchParams.get('expires') ?? '';
  const maxBytes = url.searchParams.get('maxBytes') ?? '';
  const given = Buffer.from(url.searchParams.get('signature') ?? '');
  if (!/^\d{1,15}$/.test(expires) || !/^\d{1,15}$/.test(maxBytes)) return invalid;
  const expected = Buffer.from(signature(secret, method, { bucket, key, expires, maxBytes }));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
  if (now >= Number(expires) * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { bucket, key, expires: Number(expires), maxBytes: Number(maxBytes) } };
}
