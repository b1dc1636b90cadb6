import { useCallback, useMemo, useState } from 'react';
import { describeError } from '../../api/api-error';
import type { InformingProtocol } from '../../api/informing';
import { fetchSurveys } from '../../api/patient-informing';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format/dates';
import { useInformingAccess } from '../informing/use-informing-access';
import { usePersonFilter } from '../observation/PersonFilterNotice';
import { PatientInformingNav } from './PatientInformingNav';
import { PersonNarrowing } from './PersonNarrowing';
import { surveysPath } from './patient-informing-paths';
import { SurveyForm } from './SurveyForm';
import { surveyColumns } from './survey-columns';
import { useQuestionnaires } from './use-questionnaires';
import { useSurveyFilters } from './use-survey-filters';
import '../informing/informing.css';
import './patient-informing.css';

/** What the last sent survey answered: accepted, with its date. */
function SentNotice({ protocol, date }: { protocol: InformingProtocol; date: string }) {
  return (
    <div className="notice" role="status" data-testid="survey-accepted">
      Анкета от {formatDate(date)} принята{protocol.status === 'duplicate' ? ' ранее' : ''} и добавлена в
      список.
    </div>
  );
}

/**
 * «Анкетирование»: the surveys of insured persons on the quality and accessibility of care, the latest first,
 * filtered by period, МО and care condition; the СМО records a new one through «Новая анкета».
 */
export function SurveysPage() {
  const access = useInformingAccess();
  const personId = usePersonFilter();
  const questionnaires = useQuestionnaires();
  const [formOpen, setFormOpen] = useState(false);
  const [sent, setSent] = useState<{ protocol: InformingProtocol; date: string } | null>(null);
  const [changes, setChanges] = useState(0);
  const filters = useSurveyFilters();
  const columns = useMemo(
    () => surveyColumns({ withSmo: !access.isSmo, personLinks: access.canOpenPersons }),
    [access.isSmo, access.canOpenPersons],
  );
  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchSurveys(
        {
          from: query.filters.from || undefined,
          to: query.filters.to || undefined,
          moCode: query.filters.moCode || undefined,
          condition: query.filters.condition || undefined,
          personId,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      ),
    [personId],
  );

  return (
    <>
      <PageHeader
        title="Анкетирование"
        description="Анкеты застрахованных о качестве и доступности медицинской помощи. Средний балл — по шкале от 1 (удовлетворён) до 4 (не удовлетворён), без ответов «затрудняюсь ответить»."
        actions={
          access.canWork && !formOpen ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setFormOpen(true);
                setSent(null);
              }}
            >
              Новая анкета
            </button>
          ) : undefined
        }
      />
      <PatientInformingNav />
      {personId && <PersonNarrowing personId={personId} what="анкеты" listPath={surveysPath} />}
      {sent && <SentNotice protocol={sent.protocol} date={sent.date} />}
      {formOpen && questionnaires.error !== undefined && (
        <StatusMessage kind="error" onRetry={questionnaires.reload}>
          Не удалось загрузить анкеты. {describeError(questionnaires.error)}
        </StatusMessage>
      )}
      {formOpen && questionnaires.data && (
        <SurveyForm
          questionnaires={questionnaires.data}
          onCancel={() => setFormOpen(false)}
          onSent={(protocol, date) => {
            setSent({ protocol, date });
            setFormOpen(false);
            setChanges((n) => n + 1);
          }}
        />
      )}
      <DataTable
        caption="Анкеты"
        columns={columns}
        filters={filters}
        source={`informing-surveys\n${personId ?? ''}\n${changes}`}
        load={load}
        rowKey={(s) => s.id}
        defaultPageSize={50}
        testId="informing-surveys"
        dense
      />
    </>
  );
}
