import { useCallback, useMemo } from 'react';
import { fetchDueList } from '../../api/prevention';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { formatMonth } from '../../format/months';
import { CheckupNav } from './CheckupNav';
import { currentMonth, kindOptions, planYears } from './checkup-labels';
import { planColumns } from './plan-columns';
import { useCheckupAccess } from './use-checkup-access';
import './checkups.css';

/** The months of the plan years, `YYYY-MM`, as options. */
function monthChoices(): { value: string; label: string }[] {
  return planYears().flatMap((year) =>
    Array.from({ length: 12 }, (_, i) => {
      const value = `${year}-${String(i + 1).padStart(2, '0')}`;
      return { value, label: formatMonth(value) };
    }),
  );
}

/**
 * «К прохождению в месяце»: persons planned for the month (or its quarter) who have not started their
 * examination — the МО's worklist to invite them, the СМО's list of its insured persons to inform. The home
 * page's count opens it with `?month=`.
 */
export function DueListPage() {
  const access = useCheckupAccess();
  const thisMonth = currentMonth();
  const filters = useMemo<FilterSpec[]>(
    () => [
      {
        kind: 'select',
        name: 'month',
        label: 'Месяц',
        emptyLabel: `текущий (${formatMonth(thisMonth)})`,
        options: monthChoices(),
      },
      { kind: 'select', name: 'kind', label: 'Мероприятие', emptyLabel: 'все', options: kindOptions },
    ],
    [thisMonth],
  );
  const columns = useMemo(
    () => planColumns({ withMo: !access.isMo, personLinks: access.canOpenPersons, withProgress: false }),
    [access.isMo, access.canOpenPersons],
  );
  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchDueList(
        {
          month: query.filters.month || thisMonth,
          kind: query.filters.kind || undefined,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      ),
    [thisMonth],
  );

  return (
    <>
      <PageHeader
        title="К прохождению в месяце"
        description={
          access.isMo
            ? 'Граждане, запланированные на месяц и ещё не начавшие медосмотр: их нужно пригласить.'
            : access.isSmo
              ? 'Ваши застрахованные, которым медосмотр запланирован на месяц и ещё не начат: их нужно проинформировать.'
              : 'Граждане, запланированные на месяц и ещё не начавшие медосмотр.'
        }
      />
      <CheckupNav />
      <DataTable
        caption="Граждане к прохождению медосмотра в месяце"
        columns={columns}
        filters={filters}
        source="prevention-due"
        load={load}
        rowKey={(e) => e.id}
        defaultPageSize={50}
        testId="prevention-due"
        dense
      />
    </>
  );
}
