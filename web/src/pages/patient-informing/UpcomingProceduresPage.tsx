import { useCallback, useMemo } from 'react';
import type { RequestStatus } from '../../api/informing';
import { fetchUpcomingProcedures } from '../../api/patient-informing';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { statusOptions } from '../informing/informing-labels';
import { useInformingAccess } from '../informing/use-informing-access';
import { onlyPerson, usePersonFilter } from '../observation/PersonFilterNotice';
import { PatientInformingNav } from './PatientInformingNav';
import { PersonNarrowing } from './PersonNarrowing';
import { proceduresPath } from './patient-informing-paths';
import { procedureColumns } from './procedure-columns';
import '../informing/informing.css';
import './patient-informing.css';

/** Open requests unless the reader asks for others: an upcoming procedure is told before it happens. */
const filters: FilterSpec[] = [
  {
    kind: 'select',
    name: 'status',
    label: 'Состояние',
    emptyLabel: 'не исполненные',
    options: [{ value: 'all', label: 'все' }, ...statusOptions.filter((o) => o.value !== 'open')],
  },
];

function statusOf(value: string | undefined): RequestStatus | undefined {
  if (value === 'all') return undefined;
  return (value || 'open') as RequestStatus;
}

/**
 * «Предстоящие процедуры»: the requests of МО to tell a person of an upcoming procedure or operation (what, when,
 * where) and of the methods discussed at a consultation or consilium, by deadline with the overdue marked; each
 * opens its request, where the СМО records what it did.
 */
export function UpcomingProceduresPage() {
  const access = useInformingAccess();
  const personId = usePersonFilter();
  const columns = useMemo(
    () => procedureColumns({ withSmo: !access.isSmo, personLinks: access.canOpenPersons }),
    [access.isSmo, access.canOpenPersons],
  );
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) =>
      onlyPerson(
        await fetchUpcomingProcedures(
          { status: statusOf(query.filters.status), personId, page: query.page, pageSize: query.pageSize },
          signal,
        ),
        personId,
      ),
    [personId],
  );
  return (
    <>
      <PageHeader
        title="Предстоящие процедуры"
        description="Сообщения медицинских организаций о предстоящих процедурах и операциях и о методах лечения по итогам консультаций: о чём и до какого срока проинформировать гражданина."
      />
      <PatientInformingNav />
      {personId && (
        <PersonNarrowing personId={personId} what="предстоящие процедуры" listPath={proceduresPath} />
      )}
      <DataTable
        caption="Предстоящие процедуры"
        columns={columns}
        filters={filters}
        source={`informing-procedures\n${personId ?? ''}`}
        load={load}
        rowKey={(r) => r.id}
        defaultPageSize={50}
        testId="upcoming-procedures"
        dense
      />
    </>
  );
}
