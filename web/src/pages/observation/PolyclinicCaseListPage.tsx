import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { fetchPolyclinicCases } from '../../api/observation';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { newPolyclinicCasePath, polyclinicCasesPath } from './observation-paths';
import { onlyPerson, PersonFilterNotice, usePersonFilter } from './PersonFilterNotice';
import { polyclinicCaseColumns } from './polyclinic-case-columns';
import { useObservationAccess } from './use-observation-access';
import { useSpecialtyNames } from './use-specialty-names';
import './observation.css';

const dateFilters: FilterSpec[] = [
  { kind: 'date', name: 'from', label: 'Окончание случая с' },
  { kind: 'date', name: 'to', label: 'по' },
];
const moFilter: FilterSpec = { kind: 'text', name: 'moCode', label: 'Код МО', placeholder: 'все' };

/**
 * «Случаи поликлинического обслуживания»: the cases in the reader's scope, the latest first, those the МО sent and
 * those taken from registry H-files; a date range narrows them. An МО that sends cases adds one from here.
 */
export function PolyclinicCaseListPage() {
  const access = useObservationAccess();
  const specialtyNames = useSpecialtyNames();
  const personId = usePersonFilter();
  const filters = useMemo(() => (access.isMo ? dateFilters : [...dateFilters, moFilter]), [access.isMo]);
  const columns = useMemo(
    () => polyclinicCaseColumns({ withMo: !access.isMo, personLinks: access.canOpenPersons, specialtyNames }),
    [access.isMo, access.canOpenPersons, specialtyNames],
  );
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) =>
      onlyPerson(
        await fetchPolyclinicCases(
          {
            from: query.filters.from,
            to: query.filters.to,
            moCode: query.filters.moCode,
            personId,
            page: query.page,
            pageSize: query.pageSize,
          },
          signal,
        ),
        personId,
      ),
    [personId],
  );

  return (
    <>
      <PageHeader
        title="Случаи поликлинического обслуживания"
        description="Обращения и посещения в поликлинике: их цель, диагноз и специальность врача. Случай по диагнозу диспансерного наблюдения закрывает плановое посещение."
        actions={
          access.canSend && (
            <Link to={newPolyclinicCasePath()} className="button button-primary">
              Добавить случай
            </Link>
          )
        }
      />
      {personId && <PersonFilterNotice personId={personId} listPath={polyclinicCasesPath} />}
      <DataTable
        caption="Случаи поликлинического обслуживания"
        columns={columns}
        filters={filters}
        source={`polyclinic-cases\n${personId ?? ''}`}
        load={load}
        rowKey={(c) => c.id}
        defaultPageSize={50}
        testId="polyclinic-case-list"
        dense
      />
    </>
  );
}
