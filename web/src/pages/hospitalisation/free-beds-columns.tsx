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
  { id: 'mo', header: 'Стационар', cell: (b) => named(b.moCode, b.moName) },
  { id: 'department', header: 'Отделение', cell: (b) => named(b.departmentCode, b.departmentName) },
  { id: 'bedProfile', header: 'Профиль койки', cell: (b) => named(b.bedProfile, b.bedProfileName) },
  { id: 'conditions', header: 'Условия', cell: (b) => conditionsLabels[b.conditions] ?? b.conditions },
  { id: 'freeTotal', header: 'Свободно', className: 'cell-number hosp-free', cell: (b) => n(b.freeTotal) },
  { id: 'freeMale', header: 'Муж.', className: 'cell-number', cell: (b) => n(b.freeMale) },
  { id: 'freeFemale', header: 'Жен.', className: 'cell-number', cell: (b) => n(b.freeFemale) },
  { id: 'freeChild', header: 'Дет.', className: 'cell-number', cell: (b) => n(b.freeChild) },
  { id: 'freeAdult', header: 'Взр.', className: 'cell-number', cell: (b) => n(b.freeAdult) },
  { id: 'planned', header: 'План на день', className: 'cell-number', cell: (b) => n(b.plannedToday) },
  {
    id: 'forecast',
    header: 'Прогноз',
    cell: (b) => (
      <Sparkline
        label="Свободно по дням"
        points={b.forecast.map((f) => ({ label: formatDate(f.date).slice(0, 5), value: f.free }))}
      />
    ),
  },
  { id: 'date', header: 'Сведения на', className: 'cell-date', cell: (b) => formatDate(b.date) },
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
