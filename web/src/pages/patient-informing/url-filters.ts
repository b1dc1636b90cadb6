import type { FilterSpec, FilterValues } from '../../components/data-table/types';
import { isIsoDate } from '../../format/dates';

/** The filter values a URL holds for these specs: dates that are dates, options that exist, else empty. */
export function filtersFromUrl(params: URLSearchParams, specs: readonly FilterSpec[]): FilterValues {
  return Object.fromEntries(
    specs.map((spec) => {
      const value = (params.get(spec.name) ?? '').trim();
      const valid =
        spec.kind === 'date'
          ? isIsoDate(value)
          : spec.kind === 'select'
            ? spec.options.some((o) => o.value === value)
            : true;
      return [spec.name, valid ? value : ''];
    }),
  );
}

/** The URL with new filter values (the empty left out), back on the first page; other parameters stay. */
export function withFilters(
  params: URLSearchParams,
  specs: readonly FilterSpec[],
  values: FilterValues,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const spec of specs) {
    const value = values[spec.name] ?? '';
    if (value) next.set(spec.name, value);
    else next.delete(spec.name);
  }
  next.delete('page');
  return next;
}
