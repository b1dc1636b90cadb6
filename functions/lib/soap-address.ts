/**
 * The endpoint address a WSDL announces in `soap:address`: the configured public base URL when there is one,
 * otherwise the address the client reached — `X-Forwarded-Proto`/`X-Forwarded-Host` of a proxy, else the
 * `Host` header — with the path API Gateway saw (the stage prefix included on an execute-api host). Header
 * values are validated: a hostile Host cannot inject markup into the WSDL. Pure functions.
 */

export interface SoapAddressRequest {
  headers: Record<string, string | undefined> | null | undefined;
  /** API Gateway `requestContext.path` (stage included on the execute-api host), or the request path. */
  path?: string | null;
}

/** host[:port]: a DNS name or IPv4 address, or a bracketed IPv6 address. */
const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;
/** A URL path of plain segments (no query, no markup, no percent-escapes needed). */
const pathPattern = /^(?:\/[A-Za-z0-9._~-]+)+$/;

function header(headers: SoapAddressRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}

/** The first value of a possibly comma-separated (proxy chain) header, trimmed. */
function first(value: string | undefined): string | undefined {
  const v = value?.split(',')[0]?.trim();
  return v || undefined;
}

/** A valid host[:port], or undefined. */
export function validHost(value: string | undefined): string | undefined {
  return value && value.length <= 300 && hostPattern.test(value) ? value : undefined;
}

/** The configured public base URL (http/https, no query or fragment), without a trailing slash; else undefined. */
export function publicBaseUrl(configured: string | undefined): string | undefined {
  if (!configured) return undefined;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.search || url.hash || url.username || url.password) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The address of `/soap/<service>` for this request, or null when nothing trustworthy names it. */
export function soapAddress(
  service: string,
  request: SoapAddressRequest,
  configuredBaseUrl?: string,
): string | null {
  const servicePath = `/soap/${service}`;
  const base = publicBaseUrl(configuredBaseUrl);
  if (base) return `${base}${servicePath}`;
  const forwardedHost = validHost(first(header(request.headers, 'x-forwarded-host')));
  const host = forwardedHost ?? validHost(first(header(request.headers, 'host')));
  if (!host) return null;
  const forwardedProto = first(header(request.headers, 'x-forwarded-proto'))?.toLowerCase();
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : 'http';
  const path =
    request.path && pathPattern.test(request.path) && request.path.endsWith(servicePath)
      ? request.path
      : servicePath;
  return `${proto}://${host}${path}`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The WSDL with the location of every `<…:address location="…">` (SOAP 1.1 and 1.2 bindings) set to `address`. */
export function withSoapAddress(wsdl: string, address: string): string {
  const location = escapeAttribute(address);
  return wsdl.replace(
    /(<[A-Za-z0-9_-]+:address\b[^>]*?\blocation\s*=\s*)(?:"[^"]*"|'[^']*')/g,
    (_, before: string) => `${before}"${location}"`,
  );
}
