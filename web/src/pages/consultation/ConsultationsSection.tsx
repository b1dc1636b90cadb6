import { useCallback, useMemo } from 'react';
import { Route, Routes } from 'react-router';
import { fetchConsultations } from '../../api/consultation';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundPage } from '../NotFoundPage';
import { onlyPerson, PersonFilterNotice, usePersonFilter } from '../observation/PersonFilterNotice';
import { useObservationAccess } from '../observation/use-observation-access';
import { consultationColumns } from './consultation-columns';

const filters: FilterSpec[] = [
  {
    kind: 'select',
    name: 'direction',
    label: 'Направление',
    emptyLabel: 'все',
    options: [
      { value: 'outgoing', label: 'запрошенные нами' },
      { value: 'incoming', label: 'запрошенные у нас' },
    ],
  },
  {
    kind: 'select',
    name: 'status',
    label: 'Состояние',
    emptyLabel: 'все',
    options: [
      { value: 'requested', label: 'запрошена' },
      { value: 'done', label: 'проведена' },
      { value: 'cancelled', label: 'отменена' },
    ],
  },
];

/** «Телемедицинские консультации»: the consultations in the reader's scope, the newest request first. */
function ConsultationListPage() {
  const access = useObservationAccess();
  const personId = usePersonFilter();
  const columns = useMemo(
    () => consultationColumns({ personLinks: access.canOpenPersons }),
    [access.canOpenPersons],
  );
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) =>
      onlyPerson(
        await fetchConsultations(
          {
            direction: query.filters.direction as 'incoming' | 'outgoing' | undefined,
            status: query.filters.status as 'requested' | 'done' | 'cancelled' | undefined,
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
        title="Телемедицинские консультации"
        description="Консультации врач — врач и врач — пациент: кто и у кого запросил, по какому диагнозу, и заключение консультанта."
      />
      {personId && <PersonFilterNotice personId={personId} listPath="/consultations" />}
      <DataTable
        caption="Телемедицинские консультации"
        columns={columns}
        filters={access.isMo ? filters : filters.slice(1)}
        source={`consultations\n${personId ?? ''}`}
        load={load}
        rowKey={(c) => c.id}
        defaultPageSize={50}
        testId="consultation-list"
        dense
      />
    </>
  );
}

/** «Телемедицинские консультации» (`/consultations/…`). */
export function ConsultationsSection() {
  return (
    <Routes>
      <Route index element={<ConsultationListPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
