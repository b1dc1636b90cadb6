import { type IncomingHttpHeaders, request } from 'node:http';
import { zipSync } from 'fflate';
import type { Sql } from '../../shared/platform/db/connection';
import { wsSecurity } from './soap-xml';

export { escapeXml, wsSecurity, xmlOf } from './soap-xml';

/**
 * Builders and judges of the bad-input catalogue (test/integration/bad-input-catalogue.int.test.ts) and the
 * fuzzing tests: raw HTTP with full control of the bytes, raw SOAP envelopes with WS-Security, broken JSON,
 * ZIP archives of every bad kind, row-count snapshots of the database, and the checks every answer to bad
 * input must pass (4xx, a Russian message, no internal names).
 */

// ─── raw HTTP ────────────────────────────────────────────────────────────────────────────────────────────────

export interface HttpRequest {
  method: string;
  /** Sent exactly as given (no URL normalisation: `..`, `%00`, malformed escapes reach the server). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** A transport error (ECONNRESET, EPIPE, timeout …) when the exchange broke. */
  error?: string;
}

/** One HTTP/1.1 request on a fresh connection, answered within `timeoutMs`. */
export function sendRaw(baseUrl: string, req: HttpRequest, timeoutMs = 30_000): Promise<HttpAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    const answer: HttpAnswer = { status: 0, headers: {}, text: '' };
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      answer.text = Buffer.concat(chunks).toString('utf8');
      if (error) answer.error = error;
      resolve(answer);
    };
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers: Record<string, string | number> = { ...(req.headers ?? {}) };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['content-length'] = body.length;
    }
    const r = request(
      {
        host: url.hostname,
        port: Number(url.port),
        method: req.method,
        path: req.path,
        headers,
        agent: false,
      },
      (res) => {
        answer.status = res.statusCode ?? 0;
        answer.headers = res.headers;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish());
        res.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
      },
    );
    const timer = setTimeout(() => {
      r.destroy();
      finish('timeout');
    }, timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    r.end(body);
  });
}

/** A short excerpt of an answer for assertion messages and the report. */
export function excerpt(a: HttpAnswer, max = 300): string {
  const type = String(a.headers['content-type'] ?? '');
  const text = a.text.replace(/\s+/g, ' ').slice(0, max);
  return `HTTP ${a.status}${a.error ? ` (${a.error})` : ''} ${type} ${text}`.trim();
}

export const basicAuth = (username: string, password = username) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

// ─── bad values ──────────────────────────────────────────────────────────────────────────────────────────────

/** Dates no calendar has. */
export const impossibleDates = ['0000-00-00', '2026-02-31', '2026-13-45', '9999-99-99'] as const;

/** Numbers beyond every integer column, beyond doubles, negative and fractional. */
export const hugeNumbers = {
  int32Overflow: '2147483648',
  maxSafe: '9007199254740991',
  infinity: '1e309',
  negative: '-1',
  fraction: '1.5',
  twentyDigits: '99999999999999999999',
} as const;

/** Strings that try SQL, HTML, template, NUL and path injection. */
export const injections = {
  sql: "' or 1=1 --",
  html: '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, literally
  template: '${7*7}',
  nul: '%00',
  path: '../../etc/passwd',
} as const;

/** What an answer may echo from the request without it being a leak of ours. */
export const echoedPayloads: readonly string[] = [
  ...Object.values(injections),
  '..%2F..%2Fetc%2Fpasswd',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  'file:///etc/passwd',
  '/etc/passwd',
];

/** `depth` nested JSON arrays: `[[[…]]]`. */
export function deepJsonArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** JSON text with a value spliced in as raw text (to carry `__proto__` keys, `1e309`, huge numbers …). */
export function jsonWith(template: Record<string, unknown>, rawFields: Record<string, string>): string {
  const base = JSON.stringify(template);
  const extra = Object.entries(rawFields)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',');
  if (!extra) return base;
  return base === '{}' ? `{${extra}}` : `${base.slice(0, -1)},${extra}}`;
}

/** Bytes that are not UTF-8 (an overlong «/», a lone continuation byte, 0xFF) inside ASCII text. */
export function withInvalidUtf8(before: string, after: string): Uint8Array {
  return new Uint8Array([
    ...Buffer.from(before, 'utf8'),
    0xc0,
    0xaf,
    0x80,
    0xff,
    ...Buffer.from(after, 'utf8'),
  ]);
}

/** UTF-16 LE with its byte-order mark. */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
}

// ─── XML and SOAP ────────────────────────────────────────────────────────────────────────────────────────────

export const soapNs = {
  envelope11: 'http://schemas.xmlsoap.org/soap/envelope/',
  envelope12: 'http://www.w3.org/2003/05/soap-envelope',
  hospitalisation: 'urn:omslink:hospitalization:1',
  erz: 'urn:omslink:erz:1',
  nsi: 'urn:omslink:nsi:1',
  registry: 'urn:omslink:registry:1',
} as const;

export interface EnvelopeOptions {
  /** Namespace of the operation's elements (prefix `m`). */
  ns: string;
  /** The request element's name, or null for an empty Body. */
  element: string | null;
  /** XML inside the request element (see `xmlOf`). */
  inner?: string;
  /** WS-Security credentials; null: no SOAP header at all. */
  auth?: { username: string; password?: string } | null;
  prolog?: string;
  envelopeNs?: string;
  /** Extra XML after the request element inside Body. */
  afterRequest?: string;
}

/** A raw SOAP 1.1 envelope (or whatever the options make of it). */
export function soapEnvelope(o: EnvelopeOptions): string {
  const prolog = o.prolog ?? '<?xml version="1.0" encoding="utf-8"?>';
  const header = o.auth ? wsSecurity(o.auth.username, o.auth.password ?? o.auth.username) : '';
  const request = o.element === null ? '' : `<m:${o.element}>${o.inner ?? ''}</m:${o.element}>`;
  return (
    `${prolog}<soap:Envelope xmlns:soap="${o.envelopeNs ?? soapNs.envelope11}" xmlns:m="${o.ns}">` +
    `${header}<soap:Body>${request}${o.afterRequest ?? ''}</soap:Body></soap:Envelope>`
  );
}

/** Text of the first element with this local name (any prefix), entities left as they are. */
export function elementText(xml: string, local: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${local}>`).exec(xml);
  return m ? m[1]! : null;
}

/** Texts of every element with this local name. */
export function elementTexts(xml: string, local: string): string[] {
  const re = new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${local}>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]!);
}

export const xxeDoctype = (root: string) => `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;

export const billionLaughsDoctype = (root: string) =>
  `<!DOCTYPE ${root} [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">' +
  '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">' +
  '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>';

/** Inserts a DOCTYPE after the XML declaration (or at the start) of an XML text. */
export function withDoctype(xml: string, doctype: string): string {
  const m = /^\s*<\?xml[^>]*\?>/.exec(xml);
  return m ? `${m[0]}${doctype}${xml.slice(m[0].length)}` : `${doctype}${xml}`;
}

// ─── ZIP archives ────────────────────────────────────────────────────────────────────────────────────────────

/** A ZIP with these entries (names as given, `../x.xml` included). */
export function zipOf(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 6 });
}

/**
 * A ZIP holding `xml` stored (not deflated) whose bytes were changed after the CRC-32 was written — what a
 * damaged transfer leaves: the archive still opens, its data is not what was sent. `change` keeps the length.
 */
export function zipWithWrongCrc(
  entryName: string,
  xml: Uint8Array,
  change: (xml: Uint8Array) => Uint8Array,
): Uint8Array {
  const zip = zipSync({ [entryName]: [xml, { level: 0 }] });
  const at = Buffer.from(zip).indexOf(Buffer.from(xml));
  const changed = change(xml);
  if (at < 0 || changed.length !== xml.length) throw new Error('the stored entry was not found');
  zip.set(changed, at);
  return zip;
}

/** The first `fraction` of an archive's bytes. */
export function truncated(bytes: Uint8Array, fraction = 0.6): Uint8Array {
  return bytes.subarray(0, Math.max(30, Math.floor(bytes.length * fraction)));
}

/** An archive without entries: only the end-of-central-directory record. */
export function emptyZip(): Uint8Array {
  return zipSync({});
}

// ─── database snapshots ──────────────────────────────────────────────────────────────────────────────────────

/** Journals that record every received package or file, also a refused one: they may grow. */
export const journalTables = [
  'hosp.package',
  'hosp.t_file',
  'ops.erz_import',
  'ops.erz_import_error',
  'registry.import',
  'registry.import_error',
  'registry.import_progress',
  'prevention.package',
  'informing.package',
  'consultation.package',
];

/** Rows per table, and (except for journals and accounts) an order-independent hash of their contents. */
export type DbSnapshot = Map<string, { rows: number; hash: string | null }>;

/**
 * The tables a bad input must leave alone: hosp.*, person.*, org.*, ops.*, registry.*, prevention.*, informing.*,
 * consultation.* and auth.account.
 */
export async function snapshotTables(owner: Sql): Promise<string[]> {
  const rows = await owner<{ name: string }[]>`
    select schemaname || '.' || tablename as name from pg_tables
    where schemaname in ('hosp', 'person', 'org', 'ops', 'registry', 'prevention', 'informing', 'consultation')
       or (schemaname = 'auth' and tablename = 'account')
    order by 1`;
  return rows.map((r) => r.name);
}

const countOnly = (table: string) =>
  table === 'auth.account' || table.startsWith('ops.') || journalTables.includes(table);

/** Row counts (and content hashes) of `tables`, read as the owner in one statement. */
export async function takeSnapshot(owner: Sql, tables: readonly string[]): Promise<DbSnapshot> {
  if (!/^[a-z_.,]+$/.test(tables.join(','))) throw new Error('unexpected table name');
  const statement = tables
    .map((t) =>
      countOnly(t)
        ? `select '${t}' as name, count(*)::int as rows, null::text as hash from ${t}`
        : `select '${t}' as name, count(*)::int as rows, coalesce(sum(hashtext(x::text)::bigint), 0)::text as hash from ${t} x`,
    )
    .join(' union all ');
  const rows = (await owner.unsafe(statement)) as unknown as {
    name: string;
    rows: number;
    hash: string | null;
  }[];
  return new Map(rows.map((r) => [r.name, { rows: r.rows, hash: r.hash }]));
}

/** What changed between two snapshots, leaving out the `allowed` tables. */
export function snapshotChanges(
  before: DbSnapshot,
  after: DbSnapshot,
  allowed: readonly string[] = [],
): string[] {
  const changes: string[] = [];
  for (const [table, a] of after) {
    if (allowed.includes(table)) continue;
    const b = before.get(table);
    if (!b) continue;
    if (a.rows !== b.rows) changes.push(`${table}: ${b.rows} → ${a.rows} rows`);
    else if (a.hash !== b.hash) changes.push(`${table}: rows changed`);
  }
  return changes;
}

// ─── judges ──────────────────────────────────────────────────────────────────────────────────────────────────

export const hasRussian = (text: unknown): boolean => typeof text === 'string' && /[А-Яа-яЁё]{2,}/.test(text);

const leakPatterns: readonly [RegExp, string][] = [
  [/\b(?:[A-Z][A-Za-z]*)?Error\b/, 'an error class name'],
  [/\bat (?:async )?[\w$.<>[\]]+ \(|\n\s+at |\bat file:|\bat \//, 'a stack trace'],
  [/\.(?:ts|js|mjs|cjs):\d+/, 'a source position'],
  [/\/work\/|\/home\/|\/root\/|\/var\/|\/tmp\/|node_modules|file:\/\//, 'a file path'],
  [/\b(?:hosp|person|org|ops|auth|nsi|audit|flk|pgboss|app)\.[a-z_]{2,}/, 'a table or function name'],
  [
    /_pkey\b|_fkey\b|_key\b|_check\b|violates|\bconstraint\b|duplicate key|relation "|column "|syntax error at|invalid input syntax|out of range for type|SQLSTATE|pg_catalog|\bnull value in\b/i,
    'SQL or a constraint',
  ],
  [/\b(?:select .+ from|insert into|update \w+ set|delete from)\b/i, 'an SQL statement'],
  [/ECONNREFUSED|ETIMEDOUT|EPIPE|ECONNRESET|ENOENT/, 'a system error code'],
];

/** Internal names an answer shows (after removing what the request itself put there). */
export function leaksIn(text: string, echoes: readonly string[] = []): string[] {
  let cleaned = text;
  for (const e of [...echoedPayloads, ...echoes].filter((e) => e.length >= 3)) {
    cleaned = cleaned.split(e).join(' ');
  }
  const found: string[] = [];
  for (const [pattern, what] of leakPatterns) {
    const m = pattern.exec(cleaned);
    if (m) found.push(`${what} («${m[0].slice(0, 60)}»)`);
  }
  return found;
}

/** Every string value (and the key `stack`, if any) of a parsed JSON answer, for the leak check. */
export function jsonTexts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonTexts(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'stack' || k === 'trace') out.push(`${k}: ${String(v)}`);
      jsonTexts(v, out);
    }
  }
  return out;
}

/** The text of an XML answer without its tags (element names such as `Error` are not leaks). */
export function xmlTexts(xml: string): string {
  return xml.replace(/<[^>]*>/g, ' ');
}

/** Parses a JSON answer, or null. */
export function jsonOf(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    return null;
  }
}

/** Status problems shared by every channel: no answer, 5xx, not 4xx (or not one of `allowed`). */
export function statusProblems(answer: HttpAnswer, allowed?: readonly number[]): string[] {
  if (answer.error) return [`no answer (${answer.error})`];
  if (answer.status >= 500) return [`server error ${answer.status}`];
  if (allowed)
    return allowed.includes(answer.status) ? [] : [`status ${answer.status}, expected ${allowed.join('/')}`];
  return answer.status < 400 ? [`status ${answer.status}, expected 4xx`] : [];
}

/** A REST refusal: 4xx, problem+json, a Russian title/detail/errors[].message, no internal names. */
export function restRefusalProblems(
  answer: HttpAnswer,
  allowed?: readonly number[],
  echoes: readonly string[] = [],
): string[] {
  const problems = statusProblems(answer, allowed);
  // An answer that did not refuse at all: its status says it all (its body is data, not a message).
  if (answer.error || answer.status < 400) return problems;
  const type = String(answer.headers['content-type'] ?? '');
  if (!type.includes('application/problem+json')) problems.push(`content-type «${type}», not problem+json`);
  const body = jsonOf(answer) as {
    title?: unknown;
    detail?: unknown;
    errors?: { message?: unknown }[];
  } | null;
  const messages = body
    ? [body.title, body.detail, ...(Array.isArray(body.errors) ? body.errors.map((e) => e?.message) : [])]
    : [];
  if (!messages.some(hasRussian)) problems.push('no Russian title/detail/errors[].message');
  problems.push(...leaksIn(body ? jsonTexts(body).join('\n') : answer.text, echoes).map((l) => `leaks ${l}`));
  return problems;
}

/**
 * A SOAP refusal in the one Fault shape: 4xx, text/xml, `soap:Client`, a Russian faultstring, and the detail
 * `omslink:error` with `omslink:code` and a Russian `omslink:message`; no internal names.
 */
export function soapFaultProblems(
  answer: HttpAnswer,
  allowed?: readonly number[],
  echoes: readonly string[] = [],
): string[] {
  const problems = statusProblems(answer, allowed);
  if (answer.error) return problems;
  if (answer.status < 400 && !/<(?:[\w-]+:)?Fault>/.test(answer.text)) return [...problems, 'no SOAP Fault'];
  const type = String(answer.headers['content-type'] ?? '');
  if (!type.startsWith('text/xml')) problems.push(`content-type «${type}», not text/xml`);
  const text = answer.text;
  if (!/<(?:[\w-]+:)?Fault>/.test(text)) problems.push('no SOAP Fault');
  else {
    const faultcode = elementText(text, 'faultcode');
    if (faultcode !== 'soap:Client' && faultcode !== 'soap:VersionMismatch') {
      problems.push(
        `faultcode «${faultcode}», expected soap:Client (or soap:VersionMismatch for the envelope)`,
      );
    }
    if (!hasRussian(elementText(text, 'faultstring'))) problems.push('no Russian faultstring');
    if (!text.includes('urn:omslink:fault:1') || !elementText(text, 'code')) {
      problems.push('Fault detail is not omslink:error with omslink:code');
    }
    if (!hasRussian(elementText(text, 'message'))) problems.push('no Russian omslink:message');
  }
  problems.push(...leaksIn(xmlTexts(text), echoes).map((l) => `leaks ${l}`));
  return problems;
}

/** Runs `work` on `items` with at most `limit` at a time. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}
