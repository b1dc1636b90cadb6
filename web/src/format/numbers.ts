const countFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** `12345` → `12 345` (Russian digit grouping). */
export function formatCount(value: number): string {
  return countFormat.format(value);
}
