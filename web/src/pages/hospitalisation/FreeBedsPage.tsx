import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fetchFreeBeds } from '../../api/hospitalisation';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { pageOf, sortedBy } from './client-page';
import { freeBedsColumns, freeBedsFilters, freeBedsSortKeys, freeBedsTotals } from './free-beds-columns';
import { HospitalPlanNav } from './HospitalPlanNav';
import { hospitalPlanRootPath } from './hosp-paths';
import { WorklistNotice } from './WorklistNotice';
import './hospitalisation.css';

/**
 * Free beds across the region's hospitals: what a referring doctor looks at before choosing where to send —
 * per hospital, department and bed profile, free total / male / female / child and the forecast.
 */
export function FreeBedsPage() {
  const [params] = useSearchParams();
  const worklist = params.get('worklist') ?? '';
  const [totals, setTotals] = useState<Record<string, string>>();
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) => {
      const f = query.filters;
      const answer = await fetchFreeBeds(
        {
          date: f.date,
          profile: f.profile,
          bedProfile: f.bedProfile,
          conditions: f.conditions,
          moCode: f.moCode,
          worklist: worklist || undefined,
        },
        signal,
      );
      const sorted = sortedBy(answer.items, query.sort, freeBedsSortKeys);
      setTotals(freeBedsTotals(sorted));
      return pageOf(sorted, query);
    },
    [worklist],
  );

  return (
    <>
      <PageHeader
        title="План госпитализации"
        description="Свободные места в стационарах региона по последним сведениям больниц. Сначала — где больше всего свободных мест; другой порядок — по заголовкам столбцов."
      />
      <HospitalPlanNav />
      {worklist && <WorklistNotice allPath={hospitalPlanRootPath} />}
      <DataTable
        caption="Свободные места в стационарах"
        columns={freeBedsColumns}
        filters={freeBedsFilters}
        source={`free-beds\n${worklist}`}
        load={load}
        rowKey={(b) => `${b.moCode}-${b.departmentCode}-${b.bedProfile}-${b.conditions}`}
        defaultPageSize={50}
        defaultSort="-freeTotal"
        testId="free-beds"
        dense
        footer={totals}
      />
    </>
  );
}
