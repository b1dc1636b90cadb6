import { integerFromText } from '../../shared/platform/flk/edge-types';

/** A text element: trimmed, absent or empty → undefined. */
export function soapText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/**
 * An `xs:date` element as the sender wrote it: the SOAP request is read as text (envelope-scan.ts), so `2026-02-31` reaches the canonical schema, which names it —
 * never rolled over to 2026-03-03 as a JavaScript Date would. A time zone `xs:date` allows (`Z`, `+03:00`)
 * is dropped: the exchange's dates are calendar days. Absent or empty → undefined.
 */
export function soapDate(value: unknown): string | undefined {
  const text = soapText(value);
  if (text === undefined) return undefined;
  const zoned = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})$/.exec(text);
  return zoned ? zoned[1] : text;
}

/**
 * An `xs:int` element as a number when it is written as one (sign and digits only: `12abc`, `1.5`, `1e3` are
 * not numbers, as a `parseInt` would make them); anything else stays text for the schema to
 * name with the sender's value. Range is the schema's (edge-types `int32`…). Absent or empty → undefined.
 */
export function soapInt(value: unknown): unknown {
  const text = soapText(value);
  return text === undefined ? undefined : integerFromText(text);
}

/** A repeated element: the request holds an object for one occurrence and an array for several. */
export function soapList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
