import type { CountedPage } from '../../api/types';
import type { TableQuery } from '../../components/data-table/types';

/** A whole list the API answers at once, shown by the DataTable page by page. */
export function pageOf<T>(items: readonly T[], query: Pick<TableQuery, 'page' | 'pageSize'>): CountedPage<T> {
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

type SortValue = string | number | null | undefined;

/**
 * A whole list sorted on the client by `sort` (`field` or `-field`, the DataTable's sort): numbers as numbers,
 * text in Russian alphabetical order, empty values last. An unknown field leaves the order as it came.
 */
export function sortedBy<T>(
  items: readonly T[],
  sort: string | undefined,
  keys: Readonly<Record<string, (row: T) => SortValue>>,
): T[] {
  const field = sort?.replace(/^-/, '') ?? '';
  const key = keys[field];
  if (!key) return [...items];
  const direction = sort?.startsWith('-') ? -1 : 1;
  const collator = new Intl.Collator('ru', { numeric: true });
  return [...items].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || x === undefined || x === '') return y === null || y === undefined || y === '' ? 0 : 1;
    if (y === null || y === undefined || y === '') return -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return order * direction;
  });
}
