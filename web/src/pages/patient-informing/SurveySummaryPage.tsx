import { useSearchParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchSurveySummary } from '../../api/patient-informing';
import { FilterBar } from '../../components/data-table/FilterBar';
import type { FilterValues } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDate } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { PatientInformingNav } from './PatientInformingNav';
import { periodOf } from './patient-informing-labels';
import { SurveySummaryTable } from './SurveySummaryTable';
import { filtersFromUrl, withFilters } from './url-filters';
import { useQuestionnaires } from './use-questionnaires';
import { useSurveyFilters } from './use-survey-filters';
import '../informing/informing.css';
import './patient-informing.css';

/** The period the summary shows unless the reader chooses another: the last 90 days. */
const defaultDays = 90;

/**
 * «Сводка анкетирования»: per care condition, a row per МО with its surveys of the period and, per question of
 * the questionnaire, the share satisfied or rather satisfied (answers «затрудняюсь ответить» left out).
 */
export function SurveySummaryPage() {
  const [params, setParams] = useSearchParams();
  const questionnaires = useQuestionnaires();
  const specs = useSurveyFilters();
  const period = periodOf(params, defaultDays);
  const applied: FilterValues = { ...filtersFromUrl(params, specs), ...period };
  const filter = {
    from: period.from,
    to: period.to,
    moCode: applied.moCode || undefined,
    condition: applied.condition || undefined,
  };
  const key = JSON.stringify(filter);
  const summary = useApiQuery(`informing-survey-summary\n${key}`, (signal) =>
    fetchSurveySummary(filter, signal),
  );
  const rows = summary.data?.items ?? [];
  const conditions = (questionnaires.data?.conditions ?? []).filter((c) =>
    rows.some((r) => r.condition === c.condition),
  );
  const error = summary.error ?? questionnaires.error;

  return (
    <>
      <PageHeader
        title="Сводка анкетирования"
        description="Доля удовлетворённых и скорее удовлетворённых по каждому вопросу анкеты — среди ответивших, без ответов «затрудняюсь ответить»."
      />
      <PatientInformingNav />
      <FilterBar
        specs={specs}
        applied={applied}
        onApply={(values) => setParams((current) => withFilters(current, specs, values))}
      />
      {error !== undefined && (
        <StatusMessage
          kind="error"
          onRetry={() => {
            summary.reload();
            questionnaires.reload();
          }}
        >
          Не удалось загрузить сводку. {describeError(error)}
        </StatusMessage>
      )}
      {(summary.loading || questionnaires.loading) && !(summary.data && questionnaires.data) && (
        <StatusMessage kind="loading">Загрузка сводки…</StatusMessage>
      )}
      {summary.data && questionnaires.data && rows.length === 0 && (
        <StatusMessage kind="empty">
          За период с {formatDate(period.from)} по {formatDate(period.to)} анкет нет.
        </StatusMessage>
      )}
      {questionnaires.data && (
        <div className="patient-informing-summaries" data-testid="survey-summary">
          {conditions.map((c) => (
            <SurveySummaryTable
              key={c.condition}
              condition={c}
              rows={rows.filter((r) => r.condition === c.condition)}
            />
          ))}
        </div>
      )}
    </>
  );
}
