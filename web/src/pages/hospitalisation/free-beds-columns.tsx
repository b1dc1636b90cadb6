import type { FreeBedsView } from '../../api/hospitalisation';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { named } from '../../components/Named';
import { Sparkline } from '../../components/Sparkline';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { codeOptions, conditionsLabels } from './hosp-labels';

const n = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatCount(value);

export const freeBedsColumns: readonly Column<FreeBedsView>[] = [
  { id: 'mo', sortField: 'mo', header: 'Стационар', cell: (b) => named(b.moCode, b.moName) },
  {
    id: 'department',
    sortField: 'department',
    header: 'Отделение',
    cell: (b) => named(b.departmentCode, b.departmentName),
  },
  {
    id: 'bedProfile',
    sortField: 'bedProfile',
    header: 'Профиль койки',
    cell: (b) => named(b.bedProfile, b.bedProfileName),
  },
  {
    id: 'conditions',
    sortField: 'conditions',
    header: 'Условия',
    cell: (b) => conditionsLabels[b.conditions] ?? b.conditions,
  },
  {
    id: 'freeTotal',
    sortField: 'freeTotal',
    header: 'Свободно',
    className: 'cell-number hosp-free',
    cell: (b) => n(b.freeTotal),
  },
  {
    id: 'freeMale',
    sortField: 'freeMale',
    header: 'Муж.',
    className: 'cell-number',
    cell: (b) => n(b.freeMale),
  },
  {
    id: 'freeFemale',
    sortField: 'freeFemale',
    header: 'Жен.',
    className: 'cell-number',
    cell: (b) => n(b.freeFemale),
  },
  {
    id: 'freeChild',
    sortField: 'freeChild',
    header: 'Дет.',
    className: 'cell-number',
    cell: (b) => n(b.freeChild),
  },
  {
    id: 'freeAdult',
    sortField: 'freeAdult',
    header: 'Взр.',
    className: 'cell-number',
    cell: (b) => n(b.freeAdult),
  },
  {
    id: 'planned',
    sortField: 'planned',
    header: 'План',
    className: 'cell-number',
    cell: (b) => n(b.plannedToday),
  },
  {
    id: 'forecast',
    sortField: 'forecast',
    header: 'Прогноз',
    cell: (b) => (
      <Sparkline
        label="Свободно по дням"
        points={b.forecast.map((f) => ({ label: formatDate(f.date).slice(0, 5), value: f.free }))}
      />
    ),
  },
  {
    id: 'date',
    sortField: 'date',
    header: 'Дата',
    className: 'cell-date',
    cell: (b) => <span title={formatDate(b.date)}>{formatDate(b.date).slice(0, 5)}</span>,
  },
];

export const freeBedsFilters: readonly FilterSpec[] = [
  { kind: 'text', name: 'profile', label: 'Профиль помощи (V002)', placeholder: 'Код' },
  { kind: 'text', name: 'bedProfile', label: 'Профиль койки (V020)', placeholder: 'Код' },
  {
    kind: 'select',
    name: 'conditions',
    label: 'Условия',
    emptyLabel: 'Все',
    options: codeOptions(conditionsLabels),
  },
  { kind: 'text', name: 'moCode', label: 'Стационар (код)', placeholder: '6 цифр' },
  { kind: 'date', name: 'date', label: 'На дату', hint: 'По умолчанию — последние сведения' },
];

/** The totals row of the free-beds table: the sums of every report the filters select (all pages). */
export function freeBedsTotals(rows: readonly FreeBedsView[]): Record<string, string> {
  const sum = (pick: (b: FreeBedsView) => number) => n(rows.reduce((total, b) => total + pick(b), 0));
  return {
    mo: 'Итого',
    freeTotal: sum((b) => b.freeTotal),
    freeMale: sum((b) => b.freeMale),
    freeFemale: sum((b) => b.freeFemale),
    freeChild: sum((b) => b.freeChild),
    freeAdult: sum((b) => b.freeAdult),
    planned: sum((b) => b.plannedToday),
  };
}

/** What each sortable column of the free-beds table sorts by (the list is sorted on the client). */
export const freeBedsSortKeys: Readonly<Record<string, (b: FreeBedsView) => string | number | null>> = {
  mo: (b) => b.moName ?? b.moCode,
  department: (b) => b.departmentName ?? b.departmentCode,
  bedProfile: (b) => b.bedProfileName ?? b.bedProfile,
  conditions: (b) => conditionsLabels[b.conditions] ?? b.conditions,
  freeTotal: (b) => b.freeTotal,
  freeMale: (b) => b.freeMale,
  freeFemale: (b) => b.freeFemale,
  freeChild: (b) => b.freeChild,
  freeAdult: (b) => b.freeAdult,
  planned: (b) => b.plannedToday,
  forecast: (b) => b.forecast[b.forecast.length - 1]?.free ?? null,
  date: (b) => b.date,
};
