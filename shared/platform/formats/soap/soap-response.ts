/**
 * A SOAP 1.1 response built straight from the operation's answer — no generic serialiser: the response element
 * in the service's namespace (the default namespace, so every child is qualified as `elementFormDefault` says),
 * each property an element in the object's key order (the mappers list them in the WSDL's sequence), an array
 * a repeated element, null and undefined left out, a Date as ISO 8601, text escaped.
 */

const envelopeStart =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>';
const envelopeEnd = '</soap:Body></soap:Envelope>';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeXmlText(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/[&<>]/g, (c) => escapes[c]!) : text;
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXmlText(String(value));
}

function element(name: string, value: unknown, out: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) element(name, item, out);
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    out.push(`<${name}>`);
    children(value as Record<string, unknown>, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${scalar(value)}</${name}>`);
}

function children(value: Record<string, unknown>, out: string[]): void {
  for (const key in value) element(key, value[key], out);
}

/** The whole response envelope of `<name xmlns="namespace">` holding `value`'s elements. */
export function soapResponse(
  namespace: string,
  name: string,
  value: Record<string, unknown> | null | undefined,
): string {
  const out = [envelopeStart, `<${name} xmlns="${escapeXmlText(namespace)}">`];
  if (value) children(value, out);
  out.push(`</${name}>`, envelopeEnd);
  return out.join('');
}
