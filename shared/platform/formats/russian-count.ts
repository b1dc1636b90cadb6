/**
 * A whole number as Russian text writes it: groups of three digits with a no-break space (U+00A0), as
 * `n.toLocaleString('ru-RU')` gives. Without ICU: its first Russian format loads the locale's data, which took
 * 20 ms of a function's cold start when a module formatted a message at load.
 */
export function russianCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return n < 0 ? `-${grouped}` : grouped;
}
