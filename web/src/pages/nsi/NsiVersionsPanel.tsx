import { describeError } from '../../api/api-error';
import { fetchNsiVersions } from '../../api/nsi';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';

interface NsiVersionsPanelProps {
  code: string;
  /** Null while the directory has no version loaded. */
  currentVersion: string | null | undefined;
}

/** The versions of one directory that omslink holds, newest as the server orders them. */
export function NsiVersionsPanel({ code, currentVersion }: NsiVersionsPanelProps) {
  const { data, error, loading, reload } = useApiQuery(`nsi-versions\n${code}`, (signal) =>
    fetchNsiVersions(code, signal),
  );
  return (
    <section className="panel" aria-labelledby="nsi-versions-heading" data-testid="nsi-versions">
      <h2 id="nsi-versions-heading" className="panel-title">
        Версии справочника
      </h2>
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить версии. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка версий…</StatusMessage>}
      {data && data.items.length === 0 && <StatusMessage kind="empty">Версий нет.</StatusMessage>}
      {data && data.items.length > 0 && (
        <TableScroll labelledBy="nsi-versions-caption">
          <table className="table table-compact">
            <caption id="nsi-versions-caption" className="visually-hidden">
              Версии справочника {code}
            </caption>
            <thead>
              <tr>
                <th scope="col">Версия</th>
                <th scope="col" className="cell-date">
                  Опубликована
                </th>
                <th scope="col" className="cell-date">
                  Загружена
                </th>
                <th scope="col" className="cell-number">
                  Записей
                </th>
                <th scope="col">Файл</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((version) => (
                <tr key={`${version.version}\n${version.loadedAt}`}>
                  <td>
                    {version.version}
                    {version.version === currentVersion && <span className="badge">действующая</span>}
                  </td>
                  <td className="cell-date">{formatDate(version.publishedAt) || '—'}</td>
                  <td className="cell-date">{formatDateTime(version.loadedAt)}</td>
                  <td className="cell-number">{formatCount(version.recordCount)}</td>
                  <td className="cell-file">{version.fileName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
