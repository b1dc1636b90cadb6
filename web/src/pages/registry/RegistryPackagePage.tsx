import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import {
  downloadRegistryProtocol,
  fetchRegistry,
  isRegistryRunning,
  type RegistryDetail,
  type RegistryImportCounts,
} from '../../api/registry';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useRefreshWhile } from '../../hooks/use-refresh-while';
import { useApiQuery } from '../../hooks/useApiQuery';
import { DetailsList } from '../hospitalisation/DetailsList';
import { ImportProgress } from './ImportProgress';
import { ProtocolFindings } from './ProtocolFindings';
import { ProtocolGroups } from './ProtocolGroups';
import { RegistryStatus } from './RegistryStatus';
import { KindName, OrganisationNamed } from './registry-columns';
import {
  channelLabels,
  formatBytes,
  formatPeriod,
  registriesRootPath,
  registryPackagePath,
} from './registry-labels';
import { useOrganisationNames } from './use-organisation-names';
import './registry.css';

const crumbs = [{ label: 'Загрузка реестров', to: registriesRootPath }];

const figures: readonly { key: keyof RegistryImportCounts; label: string }[] = [
  { key: 'cases', label: 'Случаев в файле' },
  { key: 'accepted', label: 'Принято' },
  { key: 'rejected', label: 'Отклонено' },
  { key: 'persons', label: 'Пациентов' },
  { key: 'sl', label: 'Случаев лечения' },
  { key: 'services', label: 'Услуг' },
  { key: 'onco', label: 'Случаев с ЗНО или подозрением' },
  { key: 'replaced', label: 'Заменено исправленными' },
  { key: 'warnings', label: 'С предупреждениями' },
];

/**
 * One package of registry-invoices: what was received, its import followed about once a second while it runs,
 * its counts, and its FLK protocol — grouped by error code and field with the affected cases, every finding in
 * file order, and the V-file to download.
 */
export function RegistryPackagePage() {
  const id = useParams().id ?? '';
  const [running, setRunning] = useState(false);
  const tick = useRefreshWhile(running, 1000);
  const { data, error, loading, reload } = useApiQuery(`registry\n${id}\n${tick}`, async (signal) => {
    const answer = await fetchRegistry(id, signal);
    setRunning(isRegistryRunning(answer.import.status));
    return answer;
  });
  const title = `Пакет реестра № ${id}`;
  return (
    <>
      <PageHeader
        title={title}
        crumbs={crumbs}
        description={
          data && (
            <>
              {data.import.fileName ?? data.import.packageName ?? 'Без имени'} · получен{' '}
              {formatDateTime(data.import.receivedAt)} · <RegistryStatus status={data.import.status} />
            </>
          )
        }
      />
      {error !== undefined && !data && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить пакет. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка пакета…</StatusMessage>}
      {data && <PackageDetails detail={data} />}
    </>
  );
}

function PackageDetails({ detail }: { detail: RegistryDetail }) {
  const item = detail.import;
  const names = useOrganisationNames();
  const running = isRegistryRunning(item.status);
  const finished = item.status === 'done' || item.status === 'rejected';
  const rows: [string, ReactNode][] = [
    ['Файл', item.fileName],
    ['Имя пакета', item.packageName],
    ['Вид файла', item.fileKind ? <KindName key="kind" kind={item.fileKind} /> : null],
    ['МО', <OrganisationNamed key="mo" code={item.moCode ?? item.orgCode} names={names.data} />],
    ['Отчётный период', item.periodYear ? formatPeriod(item.periodYear, item.periodMonth) : null],
    ['Размер', formatBytes(item.fileSize)],
    ['Канал', channelLabels[item.channel] ?? item.channel],
    ['Загрузил', item.uploadedBy],
    ['Получен', formatDateTime(item.receivedAt)],
    ['Обработка начата', formatDateTime(item.startedAt)],
    ['Обработка завершена', formatDateTime(item.finishedAt)],
    ['Попыток обработки', item.attempts > 1 ? formatCount(item.attempts) : null],
  ];
  return (
    <>
      <section className="panel" aria-labelledby="registry-package-title">
        <h2 id="registry-package-title" className="panel-title">
          Сведения о пакете
        </h2>
        <DetailsList rows={rows} testId="registry-package" />
      </section>
      <section className="panel" aria-labelledby="registry-outcome-title">
        <h2 id="registry-outcome-title" className="panel-title">
          Итог обработки: <RegistryStatus status={item.status} />
        </h2>
        {running && <ImportProgress detail={detail} />}
        {item.status === 'duplicate' && (
          <StatusMessage kind="info">
            Файл с тем же содержимым уже загружен
            {item.duplicateOf !== null && (
              <>
                {' '}
                (<Link to={registryPackagePath(item.duplicateOf)}>пакет № {item.duplicateOf}</Link>)
              </>
            )}
            ; повторно он не обрабатывался.
          </StatusMessage>
        )}
        {item.status === 'failed' && (
          <StatusMessage kind="error">
            Обработка прервана ошибкой{item.error ? `: ${item.error}` : '.'} Сведения пакета не загружены;
            очередь повторит обработку автоматически.
          </StatusMessage>
        )}
        {item.status === 'rejected' && (
          <StatusMessage kind="error">
            Пакет отклонён целиком: ни один случай не загружен. Причины — в протоколе ниже.
          </StatusMessage>
        )}
        {item.counts && (
          <ul className="figure-grid" data-testid="registry-counts">
            {figures.map((figure) => (
              <li key={figure.key} className="figure-card" data-figure={figure.key}>
                <span className="figure-value">{formatCount(item.counts?.[figure.key] ?? 0)}</span>
                <span className="figure-label">{figure.label}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {finished && (
        <>
          <ProtocolPanel detail={detail} />
          {detail.protocol.length > 0 && <ProtocolFindings id={item.id} groups={detail.protocol} />}
        </>
      )}
    </>
  );
}

function ProtocolPanel({ detail }: { detail: RegistryDetail }) {
  const [download, setDownload] = useState<{ busy: boolean; error?: unknown; saved?: string }>({
    busy: false,
  });
  const findings = detail.protocol.reduce((sum, g) => sum + g.count, 0);
  const save = async () => {
    setDownload({ busy: true });
    try {
      const saved = await downloadRegistryProtocol(detail.import.id);
      setDownload({ busy: false, saved });
    } catch (error) {
      setDownload({ busy: false, error });
    }
  };
  return (
    <section className="panel" aria-labelledby="registry-protocol-title" data-testid="registry-protocol">
      <h2 id="registry-protocol-title" className="panel-title">
        Протокол ФЛК
      </h2>
      <div className="registry-actions">
        <button type="button" className="button" onClick={save} disabled={download.busy}>
          {download.busy ? 'Выгрузка…' : 'Скачать протокол (V-файл)'}
        </button>
        <span data-testid="registry-protocol-summary">
          {findings === 0
            ? 'Замечаний нет: все случаи пакета приняты.'
            : `Замечаний: ${formatCount(findings)}, по кодам и полям: ${formatCount(detail.protocol.length)}.`}
        </span>
        {download.saved && <span className="muted">Сохранён файл {download.saved}.</span>}
      </div>
      {download.error !== undefined && (
        <StatusMessage kind="error">
          Не удалось скачать протокол. {describeError(download.error)}
        </StatusMessage>
      )}
      {detail.protocol.length > 0 && <ProtocolGroups groups={detail.protocol} />}
    </section>
  );
}
