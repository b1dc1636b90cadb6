/**
 * node-soap parses `xs:date` into a Date at UTC midnight, and leaves a string when the schema type was not
 * applied; both become `YYYY-MM-DD`. Absent stays undefined; anything unreadable becomes 'invalid' so the
 * caller's FLK reports it instead of guessing.
 */
export function soapDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString().slice(0, 10);
  const text = String(value).slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : 'invalid';
}

/** A text element: trimmed, absent or empty → undefined. */
export function soapText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A repeated element: node-soap gives an object for one occurrence and an array for several. */
export function soapList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
