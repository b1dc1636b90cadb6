import { type ReactNode, useId, useMemo } from 'react';
import { describeError } from '../../api/api-error';
import type { Page } from '../../api/types';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { StatusMessage } from '../StatusMessage';
import { TableScroll } from '../TableScroll';
import { FilterBar } from './FilterBar';
import { Pagination } from './Pagination';
import { hasActiveFilters, nextSort, sortDirection } from './table-query';
import type { Column, FilterSpec, TableQuery, TableSettings } from './types';
import { useTableQuery } from './useTableQuery';

const noFilters: readonly FilterSpec[] = [];
const standardPageSizes: readonly number[] = [20, 50, 100];

export interface DataTableProps<T> {
  /** The table's accessible name (a visually hidden caption). */
  caption: string;
  /** Keep `columns` and `filters` stable (module constants or memoised): they are the table's configuration. */
  columns: readonly Column<T>[];
  filters?: readonly FilterSpec[];
  /** Names the data source (e.g. the directory code): a new source reloads the table. */
  source: string;
  load: (query: TableQuery, signal: AbortSignal) => Promise<Page<T>>;
  rowKey: (row: T) => string;
  defaultSort?: string;
  pageSizes?: readonly number[];
  defaultPageSize?: number;
  testId?: string;
  /** Narrower cell padding, for tables with many columns (they fit a 1440 px screen without scrolling). */
  dense?: boolean;
  /** A totals row under the rows: its cell per column id (say what it sums in the first column's cell). */
  footer?: Readonly<Record<string, ReactNode>> | undefined;
}

/**
 * A server-paged table: filter bar, sortable headers (`sort=field` / `sort=-field`), paging with a page-size
 * selector, the total count (or, for lists that do not count, the rows shown and whether more follow), and
 * Russian loading / empty / error states. Page, sort and filters live in the URL.
 */
export function DataTable<T>({
  caption,
  columns,
  filters = noFilters,
  source,
  load,
  rowKey,
  defaultSort,
  pageSizes = standardPageSizes,
  defaultPageSize = 50,
  testId,
  dense = false,
  footer,
}: DataTableProps<T>) {
  const captionId = useId();
  const settings = useMemo<TableSettings>(
    () => ({
      filters,
      sortFields: columns.flatMap((column) => (column.sortField ? [column.sortField] : [])),
      defaultSort,
      pageSizes,
      defaultPageSize,
    }),
    [filters, columns, defaultSort, pageSizes, defaultPageSize],
  );
  const { query, setPage, setPageSize, setSort, setFilters } = useTableQuery(settings);
  const { data, error, loading, reload } = useApiQuery(`${source}\n${JSON.stringify(query)}`, (signal) =>
    load(query, signal),
  );
  const filtered = hasActiveFilters(query.filters);
  const total = data && 'total' in data ? data.total : undefined;
  const hasMore = data && 'hasMore' in data ? data.hasMore : false;
  const shown =
    data && data.items.length > 0
      ? `${formatCount((data.page - 1) * data.pageSize + 1)}–${formatCount(
          (data.page - 1) * data.pageSize + data.items.length,
        )}`
      : undefined;

  return (
    <div className="data-table" data-testid={testId}>
      {filters.length > 0 && <FilterBar specs={filters} applied={query.filters} onApply={setFilters} />}

      <div className="table-summary" aria-live="polite">
        {data && !error && (
          <span data-testid="table-total">
            {total === undefined
              ? shown
                ? `Показаны ${shown}${hasMore ? ', есть ещё' : ''}`
                : 'Показано записей: 0'
              : `${filtered ? 'Найдено' : 'Всего'} записей: ${formatCount(total)}${
                  shown && data.items.length < total ? ` · показаны ${shown}` : ''
                }`}
          </span>
        )}
        {loading && data && <span className="table-refreshing">Обновление…</span>}
      </div>

      <TableScroll labelledBy={captionId}>
        <table className={dense ? 'table table-dense' : 'table'} aria-busy={loading}>
          <caption id={captionId} className="visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const direction = column.sortField ? sortDirection(query.sort, column.sortField) : undefined;
                return (
                  <th key={column.id} scope="col" aria-sort={direction} className={column.className}>
                    {column.sortField ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => setSort(nextSort(query.sort, column.sortField ?? column.id))}
                      >
                        {column.header}
                        <span className={`sort-icon sort-icon-${direction}`} aria-hidden="true" />
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {!error &&
              data?.items.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.id} className={column.className}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
          {footer && !error && data && data.items.length > 0 && (
            <tfoot>
              <tr className="table-totals" data-testid="table-totals">
                {columns.map((column) => (
                  <td key={column.id} className={column.className}>
                    {footer[column.id]}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroll>

      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить данные. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && !error && <StatusMessage kind="loading">Загрузка данных…</StatusMessage>}
      {data && !error && data.items.length === 0 && (
        <StatusMessage kind="empty">
          {(total === undefined ? data.page > 1 : total > 0) ? (
            <>
              На этой странице записей нет.{' '}
              <button type="button" className="link-button" onClick={() => setPage(1)}>
                Перейти к первой странице
              </button>
            </>
          ) : filtered ? (
            'По заданным условиям ничего не найдено. Измените условия поиска или сбросьте фильтры.'
          ) : (
            'Записей нет.'
          )}
        </StatusMessage>
      )}

      {data && !error && (total === undefined ? data.items.length > 0 || data.page > 1 : total > 0) && (
        <Pagination
          page={query.page}
          pageSize={query.pageSize}
          {...(total === undefined ? { hasMore } : { total })}
          pageSizes={pageSizes}
          onPage={setPage}
          onPageSize={setPageSize}
        />
      )}
    </div>
  );
}
