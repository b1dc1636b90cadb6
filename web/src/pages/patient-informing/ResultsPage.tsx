import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fetchResults } from '../../api/patient-informing';
import { DataTable } from '../../components/data-table/DataTable';
import { FilterBar } from '../../components/data-table/FilterBar';
import type { FilterSpec, FilterValues, TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { methodOptions, outcomeOptions } from '../informing/informing-labels';
import { useInformingAccess } from '../informing/use-informing-access';
import { onlyPerson, usePersonFilter } from '../observation/PersonFilterNotice';
import { PatientInformingNav } from './PatientInformingNav';
import { PersonNarrowing } from './PersonNarrowing';
import { PersonSurveys } from './PersonSurveys';
import { periodOf } from './patient-informing-labels';
import { resultsPath } from './patient-informing-paths';
import { ResultSummaryPanel } from './ResultSummaryPanel';
import { resultColumns } from './result-columns';
import { filtersFromUrl, withFilters } from './url-filters';
import { useOrganisationOptions } from './use-organisation-options';
import '../informing/informing.css';
import './patient-informing.css';

/** The period the journal and its summary show unless the reader chooses another: the last 30 days. */
const defaultDays = 30;

/**
 * «Результаты информирования»: the summary of a period per СМО (by outcome and by method), and the journal of
 * the informing results of that period, the latest first, filtered by method, outcome and (for the fund) СМО. The
 * person card's link (`?personId=`) shows one person's results of any date and the surveys they answered.
 */
export function ResultsPage() {
  const access = useInformingAccess();
  const personId = usePersonFilter();
  const [params, setParams] = useSearchParams();
  const [personName, setPersonName] = useState<string | undefined>();
  const smoOptions = useOrganisationOptions('SMO', !access.isSmo);
  const specs = useMemo<FilterSpec[]>(
    () => [
      { kind: 'date', name: 'from', label: 'Период с' },
      { kind: 'date', name: 'to', label: 'по' },
      { kind: 'select', name: 'method', label: 'Способ', emptyLabel: 'любой', options: methodOptions },
      { kind: 'select', name: 'outcome', label: 'Результат', emptyLabel: 'любой', options: outcomeOptions },
      ...(access.isSmo
        ? []
        : [
            {
              kind: 'select',
              name: 'smoCode',
              label: 'СМО',
              emptyLabel: 'все',
              options: smoOptions,
            } as const,
          ]),
    ],
    [access.isSmo, smoOptions],
  );
  // One person's results are shown of any date; everyone's of the last days unless a period is chosen.
  const period = periodOf(params, defaultDays);
  const applied: FilterValues = { ...filtersFromUrl(params, specs), ...(personId ? {} : period) };
  const appliedKey = JSON.stringify(applied);
  const columns = useMemo(
    () => resultColumns({ withSmo: !access.isSmo, personLinks: access.canOpenPersons }),
    [access.isSmo, access.canOpenPersons],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised key stands for `applied`.
  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) => {
      const page = onlyPerson(
        await fetchResults(
          {
            from: applied.from || undefined,
            to: applied.to || undefined,
            method: applied.method || undefined,
            outcome: applied.outcome || undefined,
            smoCode: applied.smoCode || undefined,
            personId,
            page: query.page,
            pageSize: query.pageSize,
          },
          signal,
        ),
        personId,
      );
      if (personId && page.items[0]) setPersonName(page.items[0].fio);
      return page;
    },
    [appliedKey, personId],
  );

  return (
    <>
      <PageHeader
        title="Информирование пациента"
        description={
          access.isSmo
            ? 'Что ваша СМО сделала по заявкам на информирование: способ, этап, результат и кто информировал.'
            : 'Как страховые организации информируют застрахованных: результаты по заявкам на информирование.'
        }
      />
      <PatientInformingNav />
      {personId && (
        <PersonNarrowing
          personId={personId}
          what="результаты информирования и анкеты"
          name={personName}
          listPath={resultsPath}
        />
      )}
      <FilterBar
        specs={specs}
        applied={applied}
        onApply={(values) => setParams((current) => withFilters(current, specs, values))}
      />
      {!personId && <ResultSummaryPanel from={period.from} to={period.to} />}
      <h2 className="patient-informing-heading">Результаты информирования</h2>
      <DataTable
        caption="Результаты информирования"
        columns={columns}
        source={`informing-results\n${appliedKey}\n${personId ?? ''}`}
        load={load}
        rowKey={(r) => r.id}
        defaultPageSize={50}
        testId="informing-results"
        dense
      />
      {personId && <PersonSurveys personId={personId} />}
    </>
  );
}
