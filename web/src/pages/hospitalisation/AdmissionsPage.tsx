import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchAdmissions } from '../../api/hospitalisation';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { admissionColumns, admissionFilters } from './admission-columns';
import { admissionNewPath, admissionsRootPath } from './hosp-paths';
import { type TabSpec, useCurrentTab, WorklistTabs } from './Tabs';
import { useHospAccess } from './use-hosp-access';
import { WorklistNotice } from './WorklistNotice';
import './hospitalisation.css';

const tabs: readonly TabSpec[] = [
  { id: 'in_hospital', label: 'В стационаре' },
  { id: 'discharged', label: 'Выписанные' },
  { id: 'all', label: 'Все' },
];

/** «Госпитализация»: planned and emergency stays, in hospital or discharged; `?personId=` narrows to one person. */
export function AdmissionsPage() {
  const access = useHospAccess();
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const worklist = params.get('worklist') ?? '';
  const tab = useCurrentTab(tabs);

  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchAdmissions(
        {
          state: worklist || tab === 'all' ? undefined : tab,
          worklist: worklist || undefined,
          kind: query.filters.kind,
          moCode: query.filters.moCode,
          dateFrom: query.filters.dateFrom,
          dateTo: query.filters.dateTo,
          patient: query.filters.patient,
          personId: personId || undefined,
          sort: query.sort === 'date' ? 'date' : '-date',
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      ),
    [tab, personId, worklist],
  );

  return (
    <>
      <PageHeader
        title="Госпитализация"
        description={
          access.isMo
            ? 'Плановые и экстренные госпитализации в вашей МО и пациентов, направленных вашей МО.'
            : access.isSmo
              ? 'Госпитализации ваших застрахованных.'
              : 'Госпитализации по региону.'
        }
        actions={
          access.canAdmit && (
            <Link to={admissionNewPath} className="button button-primary">
              Экстренная госпитализация
            </Link>
          )
        }
      />
      <WorklistTabs tabs={tabs} current={tab} label="Списки госпитализаций" />
      {worklist && <WorklistNotice allPath={admissionsRootPath} />}
      {personId && (
        <div className="notice" data-testid="person-filter">
          Показаны госпитализации одного застрахованного.{' '}
          <Link to={`${admissionsRootPath}?list=${tab}`}>Показать все</Link>
        </div>
      )}
      <DataTable
        caption="Госпитализации"
        columns={admissionColumns}
        filters={admissionFilters}
        source={`admissions\n${tab}\n${personId}\n${worklist}`}
        load={load}
        rowKey={(a) => a.id}
        defaultSort="-date"
        defaultPageSize={20}
        testId="admissions"
        dense
      />
    </>
  );
}
