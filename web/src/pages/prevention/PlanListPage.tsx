import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchPlan, type PreventionKind } from '../../api/prevention';
import { DataTable } from '../../components/data-table/DataTable';
import type { FilterSpec, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { PersonFilterNotice, usePersonFilter } from '../observation/PersonFilterNotice';
import { CheckupNav } from './CheckupNav';
import { kindOptions, monthOptions, planYears } from './checkup-labels';
import { draftPath } from './checkup-paths';
import { PlanListExportButton } from './PlanListExportButton';
import { planColumns } from './plan-columns';
import { useCheckupAccess } from './use-checkup-access';
import { useDistricts } from './use-districts';
import './checkups.css';

/**
 * «Медосмотры»: the plan list of a year — who is planned for which examination, in which district and month, and
 * how far each person got — a page at a time, within the reader's scope (the МО its plan, the СМО its insured,
 * the fund the region).
 */
export function PlanListPage() {
  const access = useCheckupAccess();
  // The person card links here with `?personId=`: the plan entries of that person only.
  const personId = usePersonFilter();
  const districts = useDistricts(access.isMo ? access.orgCode : undefined);
  const [previous, current, next] = planYears() as [number, number, number];
  // The plan the table shows (its filters live in the URL) is the one the МО exports.
  const [params] = useSearchParams();
  const yearShown = [previous, next].map(String).find((y) => y === params.get('year')) ?? String(current);
  const kindShown = (kindOptions.find((k) => k.value === params.get('kind'))?.value ?? '') as
    | PreventionKind
    | '';

  const filters = useMemo<FilterSpec[]>(
    () => [
      {
        kind: 'select',
        name: 'year',
        label: 'Год',
        emptyLabel: `${current} (текущий)`,
        options: [previous, next].map((y) => ({ value: String(y), label: String(y) })),
      },
      { kind: 'select', name: 'kind', label: 'Мероприятие', emptyLabel: 'все', options: kindOptions },
      ...(access.isMo
        ? []
        : [{ kind: 'text', name: 'moCode', label: 'Код МО', placeholder: 'все' } as FilterSpec]),
      districts
        ? {
            kind: 'select',
            name: 'districtCode',
            label: 'Участок',
            emptyLabel: 'все',
            options: districts.map((d) => ({
              value: d.code,
              label: d.doctorName ? `${d.code} — ${d.doctorName}` : d.code,
            })),
          }
        : { kind: 'text', name: 'districtCode', label: 'Участок', placeholder: 'все' },
      { kind: 'select', name: 'month', label: 'Месяц', emptyLabel: 'все', options: monthOptions },
    ],
    [access.isMo, districts, previous, current, next],
  );
  const columns = useMemo(
    () => planColumns({ withMo: !access.isMo, personLinks: access.canOpenPersons, withProgress: true }),
    [access.isMo, access.canOpenPersons],
  );

  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchPlan(
        {
          year: query.filters.year || String(current),
          kind: query.filters.kind,
          moCode: query.filters.moCode,
          districtCode: query.filters.districtCode,
          month: query.filters.month,
          personId,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      ),
    [current, personId],
  );

  return (
    <>
      <PageHeader
        title="Медосмотры"
        description={
          access.isMo
            ? 'План профилактических мероприятий вашей МО по участкам и месяцам и ход медосмотра каждого гражданина.'
            : access.isSmo
              ? 'Ваши застрахованные в планах медицинских организаций и ход их медосмотров.'
              : 'Планы профилактических мероприятий медицинских организаций региона и ход медосмотров.'
        }
        actions={
          access.canSendPlan && (
            <div className="file-exports">
              <Link to={draftPath} className="button button-primary">
                Сформировать проект списка
              </Link>
              <PlanListExportButton year={yearShown} kind={kindShown} />
            </div>
          )
        }
      />
      <CheckupNav />
      {personId && <PersonFilterNotice personId={personId} listPath="/prevention" />}
      <DataTable
        caption="План профилактических мероприятий"
        columns={columns}
        filters={filters}
        source="prevention-plan"
        load={load}
        rowKey={(e) => e.id}
        defaultPageSize={50}
        testId="prevention-plan"
        dense
      />
    </>
  );
}
