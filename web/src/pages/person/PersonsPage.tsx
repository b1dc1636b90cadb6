import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchPersons, type PersonListItem } from '../../api/persons';
import { DataTable } from '../../components/data-table/DataTable';
import type { Column, FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../format/dates';
import { AffiliationPanel } from './AffiliationPanel';
import { fullName, personPath } from './person-format';

const columns: readonly Column<PersonListItem>[] = [
  {
    id: 'fam',
    header: 'ФИО',
    sortField: 'fam',
    cell: (p) => <Link to={personPath(p.id)}>{fullName(p)}</Link>,
  },
  {
    id: 'birthDate',
    header: 'Дата рождения',
    sortField: 'birthDate',
    className: 'cell-date',
    cell: (p) => formatDate(p.birthDate),
  },
  { id: 'enp', header: 'ЕНП', sortField: 'enp', className: 'cell-code', cell: (p) => p.enp },
  { id: 'snils', header: 'СНИЛС', className: 'cell-code', cell: (p) => p.snils ?? '—' },
  {
    id: 'smo',
    header: 'СМО',
    cell: (p) => (p.smoCode ? `${p.smoShortName ?? ''} (${p.smoCode})` : 'нет действующего полиса'),
  },
  {
    id: 'mo',
    header: 'Прикрепление',
    cell: (p) => (p.moCode ? `${p.moShortName ?? ''} (${p.moCode}), участок ${p.districtCode}` : '—'),
  },
];

const filters: readonly FilterSpec[] = [
  { kind: 'text', name: 'q', label: 'Поиск', placeholder: 'ЕНП, СНИЛС или фамилия и имя' },
  { kind: 'date', name: 'birthDate', label: 'Дата рождения' },
  { kind: 'text', name: 'smoCode', label: 'Код СМО', placeholder: '5 цифр' },
  { kind: 'text', name: 'moCode', label: 'Код МО прикрепления', placeholder: '6 цифр' },
];

/**
 * The insured persons the user's organisation may see (an МО: attached and linked persons; an СМО: its insured;
 * ТФОМС: the region), and the insurance-affiliation query for anybody in the region.
 */
export function PersonsPage() {
  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchPersons(
        {
          q: query.filters.q,
          birthDate: query.filters.birthDate,
          smoCode: query.filters.smoCode,
          moCode: query.filters.moCode,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
        },
        signal,
      ),
    [],
  );
  return (
    <>
      <PageHeader
        title="Застрахованные лица"
        description="Региональный сегмент ЕРЗ в пределах доступа вашей организации. Каждый просмотр записывается в журнал аудита."
      />
      <AffiliationPanel />
      <DataTable
        caption="Застрахованные лица"
        columns={columns}
        filters={filters}
        source="persons"
        load={load}
        rowKey={(p) => p.id}
        defaultSort="fam"
        defaultPageSize={20}
        testId="persons"
      />
    </>
  );
}
