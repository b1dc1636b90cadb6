import { lazy, Suspense } from 'react';
import { describeError } from '../api/api-error';
import { fetchJournalSummary } from '../api/exchange-journal';
import { fetchHospitalisationHome } from '../api/home';
import { fetchInformingHome } from '../api/informing';
import { fetchPreventionHome } from '../api/prevention';
import { fetchRegionSummary } from '../api/region';
import type { RegionSummary } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { PageHeader } from '../components/PageHeader';
import { StatusMessage } from '../components/StatusMessage';
import { formatCount } from '../format/numbers';
import { useApiQuery } from '../hooks/useApiQuery';
import { FundExchangePanel } from './home/FundExchangePanel';
import { InformingWorklists } from './home/InformingWorklists';
import { PreventionWorklists } from './home/PreventionWorklists';
import { WorklistPanel } from './home/WorklistPanel';
import './home/home.css';

/** The charts and their library load only with the home page, after its counts. */
const HomeCharts = lazy(() => import('./home/HomeCharts'));

type CountKey = keyof RegionSummary['counts'];

const figures: readonly { key: CountKey; label: string }[] = [
  { key: 'mo', label: 'Медицинские организации' },
  { key: 'smo', label: 'Страховые медицинские организации' },
  { key: 'persons', label: 'Застрахованные лица' },
  { key: 'policies', label: 'Полисы ОМС' },
  { key: 'attachments', label: 'Прикрепления к МО' },
  { key: 'districts', label: 'Врачебные участки' },
  { key: 'doctors', label: 'Врачи' },
  { key: 'departments', label: 'Отделения' },
  { key: 'beds', label: 'Койки' },
];

/** A count the server did not send is shown as a dash, never as an invented zero. */
function formatFigure(value: number | undefined): string {
  return typeof value === 'number' ? formatCount(value) : '—';
}

const noData = () => Promise.resolve(undefined);

/**
 * «Главная»: what this person must act on today. An МО and an СМО see their worklists, each count a link to
 * the list it counts; the fund sees the exchange (packages rejected today, silent organisations) and the region
 * at a glance; charts of free beds, waiting days and the exchange's daily volume for whoever may read them.
 */
export function HomePage() {
  const me = useMe();
  const permissions = me.permissions ?? [];
  const readsHosp = permissions.includes('hospitalisation.read');
  const readsJournal = permissions.includes('exchange.journal.read');
  const fund = me.organisation.kind === 'TFOMS';
  const hosp = useApiQuery(`home-hosp\n${readsHosp}`, readsHosp ? fetchHospitalisationHome : noData);
  const journal = useApiQuery(`home-journal\n${readsJournal}`, readsJournal ? fetchJournalSummary : noData);
  const region = useApiQuery(`region-summary\n${fund}`, fund ? fetchRegionSummary : noData);
  const worklists = hosp.data?.worklists ?? [];
  const readsPlans = permissions.includes('prevention.plan.read') && !fund;
  const prevention = useApiQuery(`home-prevention\n${readsPlans}`, readsPlans ? fetchPreventionHome : noData);
  const checkups = prevention.data?.worklists ?? [];
  const informs = me.organisation.kind === 'SMO' && permissions.includes('informing.read');
  const informing = useApiQuery(`home-informing\n${informs}`, informs ? fetchInformingHome : noData);
  const toInform = informing.data?.worklists ?? [];

  return (
    <>
      <PageHeader title="Главная" description={`Здравствуйте, ${me.fullName}.`} />
      {(worklists.length > 0 || checkups.length > 0 || toInform.length > 0 || (fund && readsJournal)) && (
        <section aria-labelledby="today-heading" className="panel">
          <h2 id="today-heading" className="panel-title">
            На сегодня
          </h2>
          {hosp.error !== undefined && (
            <StatusMessage kind="error" onRetry={hosp.reload}>
              Не удалось загрузить рабочие списки. {describeError(hosp.error)}
            </StatusMessage>
          )}
          {worklists.length > 0 && <WorklistPanel worklists={worklists} />}
          {prevention.error !== undefined && (
            <StatusMessage kind="error" onRetry={prevention.reload}>
              Не удалось загрузить списки медосмотров. {describeError(prevention.error)}
            </StatusMessage>
          )}
          {checkups.length > 0 && <PreventionWorklists worklists={checkups} />}
          {informing.error !== undefined && (
            <StatusMessage kind="error" onRetry={informing.reload}>
              Не удалось загрузить заявки на информирование. {describeError(informing.error)}
            </StatusMessage>
          )}
          {toInform.length > 0 && <InformingWorklists worklists={toInform} />}
          {fund && journal.error !== undefined && (
            <StatusMessage kind="error" onRetry={journal.reload}>
              Не удалось загрузить сводку обмена. {describeError(journal.error)}
            </StatusMessage>
          )}
          {fund && journal.data && <FundExchangePanel summary={journal.data} />}
        </section>
      )}
      {(hosp.loading || journal.loading) && !hosp.data && !journal.data && (
        <StatusMessage kind="loading">Загрузка…</StatusMessage>
      )}
      {(hosp.data || journal.data) && (
        <Suspense fallback={<StatusMessage kind="loading">Загрузка графиков…</StatusMessage>}>
          <HomeCharts hospitalisation={hosp.data} journal={journal.data} />
        </Suspense>
      )}
      {fund && (
        <section aria-labelledby="region-heading" className="panel">
          <h2 id="region-heading" className="panel-title">
            {region.data ? `Регион: ${region.data.regionName}` : 'Регион'}
          </h2>
          {region.error !== undefined && (
            <StatusMessage kind="error" onRetry={region.reload}>
              Не удалось загрузить сводку по региону. {describeError(region.error)}
            </StatusMessage>
          )}
          {region.loading && !region.data && <StatusMessage kind="loading">Загрузка сводки…</StatusMessage>}
          {region.data && (
            <ul className="figure-grid" data-testid="region-summary">
              {figures.map((figure) => (
                <li key={figure.key} className="figure-card">
                  <span className="figure-value">{formatFigure(region.data?.counts[figure.key])}</span>
                  <span className="figure-label">{figure.label}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
