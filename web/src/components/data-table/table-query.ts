import { isIsoDate } from '../../format/dates';
import type { FilterSpec, FilterValues, TableQuery, TableSettings } from './types';

/** Reads a table's state from the query string, dropping anything a hand-edited link got wrong. */
export function parseTableQuery(params: URLSearchParams, settings: TableSettings): TableQuery {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort') ?? '';
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: settings.pageSizes.includes(pageSize) ? pageSize : settings.defaultPageSize,
    sort: settings.sortFields.includes(sort.replace(/^-/, '')) ? sort : settings.defaultSort,
    filters: Object.fromEntries(
      settings.filters.map((spec) => [spec.name, cleanFilter(spec, params.get(spec.name))]),
    ),
  };
}

function cleanFilter(spec: FilterSpec, raw: string | null): string {
  const value = (raw ?? '').trim();
  switch (spec.kind) {
    case 'text':
      return value;
    case 'date':
      return isIsoDate(value) ? value : '';
    case 'select':
      return spec.options.some((option) => option.value === value) ? value : '';
  }
}

/** Writes a table's state into the query string; defaults are left out so links stay short. */
export function writeTableQuery(
  params: URLSearchParams,
  query: TableQuery,
  settings: TableSettings,
): URLSearchParams {
  const next = new URLSearchParams(params);
  setOrDelete(next, 'page', query.page > 1 ? String(query.page) : '');
  setOrDelete(next, 'pageSize', query.pageSize !== settings.defaultPageSize ? String(query.pageSize) : '');
  setOrDelete(next, 'sort', query.sort && query.sort !== settings.defaultSort ? query.sort : '');
  for (const spec of settings.filters) setOrDelete(next, spec.name, query.filters[spec.name] ?? '');
  return next;
}

function setOrDelete(params: URLSearchParams, name: string, value: string): void {
  if (value) params.set(name, value);
  else params.delete(name);
}

export function hasActiveFilters(filters: FilterValues): boolean {
  return Object.values(filters).some((value) => value !== '');
}

/** Header click: a new column sorts ascending, the sorted column flips. */
export function nextSort(current: string | undefined, field: string): string {
  return current === field ? `-${field}` : field;
}

export function sortDirection(
  current: string | undefined,
  field: string,
): 'ascending' | 'descending' | 'none' {
  if (current === field) return 'ascending';
  if (current === `-${field}`) return 'descending';
  return 'none';
}
