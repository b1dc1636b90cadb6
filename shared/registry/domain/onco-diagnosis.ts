/**
 * ЗНО by МКБ-10 code (DOMAIN §3.3): C00–C97 and D00–D09 — the same test as `registry.is_zno` in migration 029.
 */
export function isZno(ds: string | undefined): boolean {
  if (ds === undefined || ds.length < 3) return false;
  const letter = ds.charCodeAt(0);
  const tens = ds.charCodeAt(1) - 48;
  const units = ds.charCodeAt(2) - 48;
  if (tens < 0 || tens > 9 || units < 0 || units > 9) return false;
  if (letter === 67 /* C */) return tens * 10 + units <= 97;
  if (letter === 68 /* D */) return tens === 0;
  return false;
}
