import { useCallback, useState } from 'react';
import { fetchPlanFact, type PlanFactRow } from '../../api/hospitalisation';
import { DataTable } from '../../components/data-table/DataTable';
import type { Column, FilterSpec, TableQuery } from '../../components/data-table/types';
import { named } from '../../components/Named';
import { PageHeader } from '../../components/PageHeader';
import { formatCount } from '../../format/numbers';
import { pageOf, sortedBy } from './client-page';
import { HospitalPlanNav } from './HospitalPlanNav';
import { conditionsLabels, monthLabels } from './hosp-labels';
import './hospitalisation.css';

const thisYear = new Date().getFullYear();
const thisMonth = new Date().getMonth() + 1;
const allMonths = 'all';

function percentOf(planned: number, fact: number): string {
  if (planned <= 0) return '—';
  return `${Math.round((fact / planned) * 100)} %`;
}

const percent = (row: PlanFactRow) => percentOf(row.planned, row.fact);

/** The totals row: plan, fact and completion over every row the filters select (all pages). */
function totalsOf(rows: readonly PlanFactRow[]): Record<string, string> {
  const planned = rows.reduce((sum, r) => sum + r.planned, 0);
  const fact = rows.reduce((sum, r) => sum + r.fact, 0);
  return {
    period: 'Итого',
    planned: formatCount(planned),
    fact: formatCount(fact),
    percent: percentOf(planned, fact),
  };
}

const columns: readonly Column<PlanFactRow>[] = [
  {
    id: 'period',
    sortField: 'period',
    header: 'Период',
    className: 'cell-date',
    cell: (r) => `${monthLabels[r.month - 1] ?? r.month} ${r.year}`,
  },
  { id: 'mo', sortField: 'mo', header: 'Стационар', cell: (r) => named(r.moCode, r.moName) },
  { id: 'profile', sortField: 'profile', header: 'Профиль', cell: (r) => named(r.profile, r.profileName) },
  {
    id: 'conditions',
    sortField: 'conditions',
    header: 'Условия',
    cell: (r) => conditionsLabels[r.conditions] ?? r.conditions,
  },
  { id: 'smo', sortField: 'smo', header: 'СМО', cell: (r) => named(r.smoCode, r.smoName) },
  {
    id: 'planned',
    sortField: 'planned',
    header: 'План',
    className: 'cell-number',
    cell: (r) => formatCount(r.planned),
  },
  {
    id: 'fact',
    sortField: 'fact',
    header: 'Факт',
    className: 'cell-number',
    cell: (r) => formatCount(r.fact),
  },
  { id: 'percent', sortField: 'percent', header: 'Выполнение', className: 'cell-number', cell: percent },
];

/** What each column sorts by (the whole answer is sorted on the client). */
const sortKeys: Readonly<Record<string, (r: PlanFactRow) => string | number | null>> = {
  period: (r) => r.year * 100 + r.month,
  mo: (r) => r.moName ?? r.moCode,
  profile: (r) => r.profileName ?? r.profile,
  conditions: (r) => conditionsLabels[r.conditions] ?? r.conditions,
  smo: (r) => r.smoName ?? r.smoCode,
  planned: (r) => r.planned,
  fact: (r) => r.fact,
  percent: (r) => (r.planned > 0 ? r.fact / r.planned : null),
};

const filters: readonly FilterSpec[] = [
  {
    kind: 'select',
    name: 'year',
    label: 'Год',
    emptyLabel: `${thisYear} (текущий)`,
    options: [thisYear - 2, thisYear - 1, thisYear + 1].map((y) => ({ value: String(y), label: String(y) })),
  },
  {
    kind: 'select',
    name: 'month',
    label: 'Месяц',
    emptyLabel: `${monthLabels[thisMonth - 1]} (текущий)`,
    options: [
      { value: allMonths, label: 'Все месяцы' },
      ...monthLabels.map((label, i) => ({ value: String(i + 1), label })),
    ],
  },
  { kind: 'text', name: 'moCode', label: 'Стационар (код)', placeholder: '6 цифр' },
  { kind: 'text', name: 'smoCode', label: 'СМО (код)', placeholder: '5 цифр' },
  { kind: 'text', name: 'profile', label: 'Профиль (V002)', placeholder: 'Код' },
];

/** Plans vs fact: planned admissions per hospital × profile × СМО per month against the stays recorded. */
export function PlanFactPage() {
  const [totals, setTotals] = useState<Record<string, string>>();
  const load = useCallback(async (query: TableQuery, signal: AbortSignal) => {
    const f = query.filters;
    const answer = await fetchPlanFact(
      {
        year: f.year || String(thisYear),
        month: f.month === allMonths ? undefined : f.month || String(thisMonth),
        moCode: f.moCode,
        smoCode: f.smoCode,
        profile: f.profile,
      },
      signal,
    );
    setTotals(totalsOf(answer.items));
    return pageOf(sortedBy(answer.items, query.sort, sortKeys), query);
  }, []);

  return (
    <>
      <PageHeader
        title="План и факт госпитализаций"
        description="Плановые объёмы стационаров по профилям и СМО и фактические госпитализации за тот же период."
      />
      <HospitalPlanNav />
      <DataTable
        caption="План и факт госпитализаций"
        columns={columns}
        filters={filters}
        source="hospital-plans"
        load={load}
        rowKey={(r) => `${r.year}-${r.month}-${r.moCode}-${r.profile}-${r.conditions}-${r.smoCode}`}
        defaultPageSize={50}
        testId="plan-fact"
        footer={totals}
      />
    </>
  );
}
