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
