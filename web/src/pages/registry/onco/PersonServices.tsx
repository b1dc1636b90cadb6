import { useCallback } from 'react';
import { fetchOncoServices, type TimelineService } from '../../../api/onco';
import { DataTable } from '../../../components/data-table/DataTable';
import type { Column, FilterSpec, TableQuery } from '../../../components/data-table/types';
import { formatDate } from '../../../format/dates';
import { CodedName, formatMoney, OrgName } from './onco-format';

const columns: readonly Column<TimelineService>[] = [
  {
    id: 'date',
    header: 'Даты',
    className: 'cell-date',
    cell: (u) =>
      u.dateIn === u.dateOut ? formatDate(u.dateIn) : `${formatDate(u.dateIn)} — ${formatDate(u.dateOut)}`,
  },
  { id: 'mo', header: 'МО', cell: (u) => <OrgName value={u.mo} /> },
  {
    id: 'code',
    header: 'Услуга',
    cell: (u) => (
      <span title={u.vidVme ? `Вмешательство ${u.vidVme}` : 'Код услуги по тарифу региона'}>{u.code}</span>
    ),
  },
  { id: 'profile', header: 'Профиль', cell: (u) => <CodedName value={u.profile} directory="V002" /> },
  { id: 'diagnosis', header: 'Диагноз', cell: (u) => <CodedName value={u.diagnosis} directory="МКБ-10" /> },
  {
    id: 'specialty',
    header: 'Специальность',
    cell: (u) => <CodedName value={u.specialty} directory="V021" />,
  },
  { id: 'quantity', header: 'Количество', className: 'cell-number', cell: (u) => u.quantity },
  { id: 'amount', header: 'Сумма', className: 'cell-number', cell: (u) => formatMoney(u.amount) },
];

const filters: readonly FilterSpec[] = [
  {
    kind: 'select',
    name: 'profile',
    label: 'Профиль',
    emptyLabel: 'Все услуги',
    options: [{ value: 'oncology', label: 'Только «Онкология»' }],
  },
];

/** Every service of the person in the region, newest first; the «Онкология» profiles alone on request. */
export function PersonServices({ personId }: { personId: string }) {
  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchOncoServices(
        personId,
        { page: query.page, pageSize: query.pageSize, oncologyProfile: query.filters.profile === 'oncology' },
        signal,
      ),
    [personId],
  );
  return (
    <section className="panel" aria-labelledby="onco-services-title">
      <h2 id="onco-services-title" className="panel-title">
        Все услуги в регионе
      </h2>
      <DataTable
        caption="Услуги лица"
        columns={columns}
        filters={filters}
        source={`onco-services\n${personId}`}
        load={load}
        rowKey={(u) => u.id}
        defaultPageSize={50}
        testId="onco-services"
        dense
      />
    </section>
  );
}
