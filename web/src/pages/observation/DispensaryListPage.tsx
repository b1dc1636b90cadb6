import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchDispensary } from '../../api/observation';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { DnFilesPanel } from './DnFilesPanel';
import { dispensaryColumns } from './dispensary-columns';
import { type Flag, flagOn, ObservationFlags } from './ObservationFlags';
import { dispensaryPath, newDispensaryPath } from './observation-paths';
import { onlyPerson, PersonFilterNotice, usePersonFilter } from './PersonFilterNotice';
import { useObservationAccess } from './use-observation-access';
import { useSpecialtyNames } from './use-specialty-names';
import './observation.css';

const moFilter: readonly FilterSpec[] = [
  { kind: 'text', name: 'moCode', label: 'Код МО', placeholder: 'все' },
];
const noFilters: readonly FilterSpec[] = [];

/**
 * «Диспансерное наблюдение»: the ДН records in the reader's scope (the МО its own, the СМО its insured, the fund
 * the region), the overdue ones first, each with the day its missed visit window ended; an МО sees only the
 * overdue ones until it asks for all. An МО that sends ДН puts a person on it from here, and exchanges its ДН
 * with ГИС ОМС as files (GST, GPT).
 */
export function DispensaryListPage() {
  const access = useObservationAccess();
  const specialtyNames = useSpecialtyNames();
  const [params] = useSearchParams();
  const personId = usePersonFilter();
  const flags = useMemo<Flag[]>(
    () => [
      { name: 'overdue', label: 'только просроченные', defaultOn: access.isMo && !personId },
      { name: 'open', label: 'открытые', defaultOn: false },
    ],
    [access.isMo, personId],
  );
  const [overdueFlag, openFlag] = flags as [Flag, Flag];
  const overdue = flagOn(params, overdueFlag);
  const open = flagOn(params, openFlag);
  // An uploaded ДН file changes the list: each upload that stored something reloads it.
  const [uploads, setUploads] = useState(0);

  const columns = useMemo(
    () =>
      dispensaryColumns({
        withMo: !access.isMo,
        personLinks: access.canOpenPersons,
        canAddCase: access.canSend,
        specialtyNames,
      }),
    [access.isMo, access.canOpenPersons, access.canSend, specialtyNames],
  );
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) =>
      onlyPerson(
        await fetchDispensary(
          {
            moCode: query.filters.moCode,
            overdue: overdue ? 'true' : undefined,
            open: open ? 'true' : undefined,
            personId,
            page: query.page,
            pageSize: query.pageSize,
          },
          signal,
        ),
        personId,
      ),
    [overdue, open, personId],
  );

  return (
    <>
      <PageHeader
        title="Диспансерное наблюдение"
        description={
          access.isMo
            ? 'Граждане на диспансерном наблюдении в вашей МО: плановые посещения и кто их пропустил.'
            : 'Граждане на диспансерном наблюдении: плановые посещения и кто их пропустил — сначала просроченные.'
        }
        actions={
          access.canSend && (
            <Link to={newDispensaryPath} className="button button-primary">
              Поставить на учёт
            </Link>
          )
        }
      />
      {personId && <PersonFilterNotice personId={personId} listPath={dispensaryPath} />}
      {access.canSend && (
        <DnFilesPanel
          onUploaded={(answer) => {
            if (answer.accepted > 0) setUploads((n) => n + 1);
          }}
        />
      )}
      <ObservationFlags flags={flags} label="Какие записи показать" />
      <DataTable
        caption="Диспансерное наблюдение"
        columns={columns}
        filters={access.isMo ? noFilters : moFilter}
        source={`dispensary\n${overdue}\n${open}\n${personId ?? ''}\n${uploads}`}
        load={load}
        rowKey={(r) => r.id}
        defaultPageSize={50}
        testId="dispensary-list"
        dense
      />
    </>
  );
}
