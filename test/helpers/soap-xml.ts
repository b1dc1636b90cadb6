/** SOAP request text for tests: element building, escaping and the WS-Security header. */

export function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

/** A JS value as document/literal elements with prefix `m` (arrays repeat the element). */
export function xmlOf(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => xmlOf(name, v)).join('');
  if (typeof value === 'object') {
    return `<m:${name}>${Object.entries(value as object)
      .map(([k, v]) => xmlOf(k, v))
      .join('')}</m:${name}>`;
  }
  return `<m:${name}>${escapeXml(String(value))}</m:${name}>`;
}

const wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const passwordText =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

/** A WS-Security header with a UsernameToken (PasswordText unless `type` says otherwise). */
export function wsSecurity(username: string, password: string, type = passwordText): string {
  return (
    `<soap:Header><wsse:Security xmlns:wsse="${wsse}"><wsse:UsernameToken>` +
    `<wsse:Username>${escapeXml(username)}</wsse:Username>` +
    `<wsse:Password Type="${type}">${escapeXml(password)}</wsse:Password>` +
    '</wsse:UsernameToken></wsse:Security></soap:Header>'
  );
}
