import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchNsiDirectories } from '../../api/nsi';
import type { NsiDirectory } from '../../api/types';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { nsiDirectoryPath } from './nsi-paths';

function matches(directory: NsiDirectory, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase('ru');
  return (
    directory.code.toLocaleLowerCase('ru').includes(needle) ||
    directory.title.toLocaleLowerCase('ru').includes(needle)
  );
}

/** The list of reference directories (НСИ) loaded into omslink. */
export function NsiDirectoriesPage() {
  const { data, error, loading, reload } = useApiQuery('nsi-directories', fetchNsiDirectories);
  const [text, setText] = useState('');
  const directories = data?.items.filter((directory) => matches(directory, text)) ?? [];

  return (
    <>
      <PageHeader
        title="Справочники"
        description="Нормативно-справочная информация (НСИ) ФФОМС и Минздрава России, загруженная в omslink."
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить список справочников. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка списка справочников…</StatusMessage>}
      {data && (
        <>
          <search className="filter-bar" aria-label="Поиск справочника">
            <Field
              name="directory"
              type="search"
              label="Найти справочник"
              placeholder="Код или название"
              value={text}
              onChange={(event) => setText(event.target.value)}
              className="filter-text"
            />
          </search>
          <p className="table-summary" aria-live="polite">
            Справочников: {formatCount(directories.length)}
            {directories.length !== data.items.length && ` из ${formatCount(data.items.length)}`}
          </p>
          <TableScroll labelledBy="nsi-directories-caption">
            <table className="table" data-testid="nsi-directories">
              <caption id="nsi-directories-caption" className="visually-hidden">
                Справочники НСИ
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="cell-code">
                    Код
                  </th>
                  <th scope="col">Наименование</th>
                  <th scope="col">Текущая версия</th>
                  <th scope="col" className="cell-date">
                    Дата версии
                  </th>
                  <th scope="col" className="cell-number">
                    Записей
                  </th>
                </tr>
              </thead>
              <tbody>
                {directories.map((directory) => (
                  <tr key={directory.code}>
                    <td className="cell-code">
                      <Link to={nsiDirectoryPath(directory.code)}>{directory.code}</Link>
                    </td>
                    <td>
                      <Link to={nsiDirectoryPath(directory.code)} className="link-quiet">
                        {directory.title}
                      </Link>
                    </td>
                    <td>
                      {directory.currentVersion ?? '—'}
                      {directory.versionCount > 1 && (
                        <span className="muted"> (версий: {formatCount(directory.versionCount)})</span>
                      )}
                    </td>
                    <td className="cell-date">{formatDate(directory.publishedAt) || '—'}</td>
                    <td className="cell-number">{formatCount(directory.recordCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {directories.length === 0 && (
            <StatusMessage kind="empty">
              {data.items.length === 0 ? 'Справочники ещё не загружены.' : 'Таких справочников нет.'}
            </StatusMessage>
          )}
        </>
      )}
    </>
  );
}
