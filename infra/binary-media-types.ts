/**
 * Media types API Gateway hands to the Lambdas as raw bytes (base64, `isBase64Encoded`), never re-decoded as
 * UTF-8 text: CSV downloads leave gzipped; uploads (ЕРЗ extracts, F003/F002 directories) may be ZIP or
 * windows-1251 XML; SOAP requests may be windows-1251 (the handler decodes them by their declared charset).
 * Used by the REST API (infra/stacks/api-stack.ts) and mirrored by the local server (infra/local).
 */
export const binaryMediaTypes = [
  'text/csv',
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
  'text/xml',
  'application/xml',
  'application/soap+xml',
] as const;

/** Does this Content-Type (parameters ignored, case-insensitive) name a binary media type? */
export function isBinaryMediaType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return !!type && (binaryMediaTypes as readonly string[]).includes(type);
}
