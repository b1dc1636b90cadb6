import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type ErzImportDetail,
  type ErzProtocolRecord,
  erzStatusLabels,
  fetchErzImport,
  isErzImportRunning,
} from '../../../api/erz';
import { DataTable } from '../../../components/data-table/DataTable';
import type { TableQuery } from '../../../components/data-table/types';
import { PageHeader } from '../../../components/PageHeader';
import { StatusMessage } from '../../../components/StatusMessage';
import { formatDate, formatDateTime } from '../../../format/dates';
import { formatCount } from '../../../format/numbers';
import { useRefreshWhile } from '../../../hooks/use-refresh-while';
import { ErzStatus, erzProtocolColumns, erzProtocolFilters } from './erz-columns';
import { erzImportPath, erzRootPath } from './erz-paths';
import './erz.css';

const crumbs = [{ label: 'Загрузка ЕРЗ', to: erzRootPath }];
const recordKey = (record: ErzProtocolRecord) => String(record.ordinal);

const figures: readonly { key: keyof NonNullable<ErzImportDetail['import']['counts']>; label: string }[] = [
  { key: 'total', label: 'Записей в файле' },
  { key: 'accepted', label: 'Принято' },
  { key: 'rejected', label: 'Отклонено' },
  { key: 'created', label: 'Новых застрахованных' },
  { key: 'updated', label: 'Изменено' },
  { key: 'unchanged', label: 'Без изменений' },
  { key: 'warnings', label: 'С предупреждениями' },
];

/** One import: what was received, its outcome, and the protocol (rejected and warned records). */
export function ErzImportPage() {
  const id = useParams().id ?? '';
  const [detail, setDetail] = useState<ErzImportDetail | null>(null);
  const running = detail ? isErzImportRunning(detail.import.status) : false;
  const tick = useRefreshWhile(running);

  const load = useCallback(
    async (query: TableQuery, signal: AbortSignal) => {
      const answer = await fetchErzImport(
        id,
        { only: query.filters.only, page: query.page, pageSize: query.pageSize },
        signal,
      );
      setDetail(answer);
      return answer.protocol;
    },
    [id],
  );

  const item = detail?.import;
  return (
    <>
      <PageHeader
        title={`Загрузка выписки ЕРЗ № ${id}`}
        crumbs={crumbs}
        description={
          item && (
            <>
              {item.fileName ?? (item.packageId ? `Пакет ${item.packageId}` : 'Без имени')} · получен{' '}
              {formatDateTime(item.receivedAt)} · загрузил {item.uploadedBy} · <ErzStatus item={item} />
            </>
          )
        }
      />
      {item && (
        <section className="panel" aria-labelledby="erz-import-outcome">
          <h2 id="erz-import-outcome" className="panel-title">
            Итог: {erzStatusLabels[item.status]}
          </h2>
          {running && (
            <StatusMessage kind="loading">Файл обрабатывается, страница обновится сама…</StatusMessage>
          )}
          {item.status === 'duplicate' && item.duplicateOf !== null && (
            <StatusMessage kind="info">
              Файл с тем же содержимым уже загружен (
              <Link to={erzImportPath(item.duplicateOf)}>загрузка № {item.duplicateOf}</Link>); повторно он не
              применялся.
            </StatusMessage>
          )}
          {item.status === 'failed' && (
            <StatusMessage kind="error">
              Загрузка прервана технической ошибкой; она будет повторена автоматически. Данные файла не
              применены.
            </StatusMessage>
          )}
          {item.header && (
            <p className="muted">
              Выписка {item.header.fileName} от {formatDate(item.header.date)}, ОКАТО {item.header.okato},
              версия формата {item.header.version}
            </p>
          )}
          {item.counts && (
            <ul className="figure-grid" data-testid="erz-import-counts">
              {figures.map((figure) => (
                <li key={figure.key} className="figure-card">
                  <span className="figure-value">{formatCount(item.counts?.[figure.key] ?? 0)}</span>
                  <span className="figure-label">{figure.label}</span>
                </li>
              ))}
            </ul>
          )}
          {detail.packageFindings.length > 0 && (
            <div className="notice" role="alert" data-testid="erz-package-findings">
              <p>Файл отклонён целиком, сведения из него не применены:</p>
              <ul className="erz-findings">
                {detail.packageFindings.map((f) => (
                  <li key={`${f.code}\n${f.field}\n${f.message}`}>
                    <span className="muted">
                      {f.code}
                      {f.field ? ` · ${f.field}` : ''}
                    </span>{' '}
                    {f.message}
                    {f.value !== undefined && <span className="muted"> (значение «{f.value}»)</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      {/* The protocol exists once the records were checked; a file refused as a whole has none. */}
      <section className="panel" aria-labelledby="erz-protocol-title" hidden={item?.status !== 'done'}>
        <h2 id="erz-protocol-title" className="panel-title">
          Протокол ФЛК
        </h2>
        <p className="muted">
          Отклонённые записи не применены; принятые с предупреждением загружены. Записи без замечаний в
          протокол не входят.
        </p>
        <DataTable
          key={id}
          caption={`Протокол загрузки № ${id}`}
          columns={erzProtocolColumns}
          filters={erzProtocolFilters}
          source={`erz-import\n${id}\n${tick}`}
          load={load}
          rowKey={recordKey}
          testId="erz-protocol"
        />
      </section>
    </>
  );
}
