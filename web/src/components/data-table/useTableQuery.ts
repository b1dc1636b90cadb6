import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseTableQuery, writeTableQuery } from './table-query';
import type { FilterValues, TableQuery, TableSettings } from './types';

export interface TableQueryControls {
  query: TableQuery;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  setSort: (sort: string) => void;
  /** New filters start again from page 1. */
  setFilters: (filters: FilterValues) => void;
}

/** A table's page, sort and filters, kept in the URL so a view can be linked, reloaded and gone back to. */
export function useTableQuery(settings: TableSettings): TableQueryControls {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseTableQuery(params, settings), [params, settings]);

  const update = useCallback(
    (change: Partial<TableQuery>) =>
      setParams((current) =>
        writeTableQuery(current, { ...parseTableQuery(current, settings), ...change }, settings),
      ),
    [setParams, settings],
  );

  return {
    query,
    setPage: useCallback((page: number) => update({ page }), [update]),
    setPageSize: useCallback((pageSize: number) => update({ pageSize, page: 1 }), [update]),
    setSort: useCallback((sort: string) => update({ sort, page: 1 }), [update]),
    setFilters: useCallback((filters: FilterValues) => update({ filters, page: 1 }), [update]),
  };
}
