import { describeError } from '../api/api-error';
import { fetchRegionSummary } from '../api/region';
import type { RegionSummary } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { PageHeader } from '../components/PageHeader';
import { StatusMessage } from '../components/StatusMessage';
import { formatCount } from '../format/numbers';
import { useApiQuery } from '../hooks/useApiQuery';

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

/** The start page: the region at a glance, from the figures the server counts. */
export function HomePage() {
  const me = useMe();
  const { data, error, loading, reload } = useApiQuery('region-summary', fetchRegionSummary);

  return (
    <>
      <PageHeader title="Главная" description={`Здравствуйте, ${me.fullName}.`} />
      <section aria-labelledby="region-heading" className="panel">
        <h2 id="region-heading" className="panel-title">
          {data ? `Регион: ${data.regionName}` : 'Регион'}
        </h2>
        {error !== undefined && (
          <StatusMessage kind="error" onRetry={reload}>
            Не удалось загрузить сводку по региону. {describeError(error)}
          </StatusMessage>
        )}
        {loading && !data && <StatusMessage kind="loading">Загрузка сводки…</StatusMessage>}
        {data && (
          <ul className="figure-grid" data-testid="region-summary">
            {figures.map((figure) => (
              <li key={figure.key} className="figure-card">
                <span className="figure-value">{formatFigure(data.counts[figure.key])}</span>
                <span className="figure-label">{figure.label}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
