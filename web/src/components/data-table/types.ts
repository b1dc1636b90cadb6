import type { ReactNode } from 'react';
import type { SelectOption } from '../SelectField';

/** One column of a DataTable. */
export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The API's sort field; the header becomes a sort button when set. */
  sortField?: string;
  /** Extra class for the column's cells, e.g. `cell-code`, `cell-number`, `cell-date`. */
  className?: string;
}

interface FilterBase {
  /** Query-string name, sent to the API as is. */
  name: string;
  label: string;
  hint?: string;
}

export interface TextFilter extends FilterBase {
  kind: 'text';
  placeholder?: string;
}

export interface DateFilter extends FilterBase {
  kind: 'date';
}

export interface SelectFilter extends FilterBase {
  kind: 'select';
  options: readonly SelectOption[];
  /** The option for «no filter», e.g. «Все». */
  emptyLabel: string;
}

export type FilterSpec = TextFilter | DateFilter | SelectFilter;

export type FilterValues = Record<string, string>;

/** What a server-paged list is asked for: it is also what the URL's query string holds. */
export interface TableQuery {
  page: number;
  pageSize: number;
  /** `field` ascending, `-field` descending, undefined for the server's own order. */
  sort: string | undefined;
  filters: FilterValues;
}

export interface TableSettings {
  filters: readonly FilterSpec[];
  sortFields: readonly string[];
  defaultSort?: string | undefined;
  pageSizes: readonly number[];
  defaultPageSize: number;
}
