import { useId, useState } from 'react';
import { describeError } from '../../api/api-error';
import { fetchPersonAccessLog } from '../../api/audit';
import { Pagination } from '../../components/data-table/Pagination';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AuditEntity, AuditOrganisation, AuditUser } from '../audit/audit-columns';

const pageSizes: readonly number[] = [10, 20, 50];

/**
 * «Кто просматривал карточку»: the audit entries naming the person — reads and changes — as far as the reader
 * may see the log (ТФОМС: everybody's; an МО or СМО: its own people's). For the person card page.
 */
export function PersonAccessLog({ personId }: { personId: string }) {
  const headingId = useId();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const { data, error, loading, reload } = useApiQuery(
    `person-access-log\n${personId}\n${paging.page}\n${paging.pageSize}`,
    (signal) => fetchPersonAccessLog(personId, paging, signal),
  );

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="person-access-log">
      <h2 className="panel-title" id={headingId}>
        Кто просматривал карточку
      </h2>
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить журнал доступа. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка журнала доступа…</StatusMessage>}
      {data && !error && data.items.length === 0 && (
        <StatusMessage kind="empty">Обращений к данным лица в журнале нет.</StatusMessage>
      )}
      {data && !error && data.items.length > 0 && (
        <>
          <p className="table-summary">
            Записей: {data.totalExact ? '' : 'более '}
            {formatCount(data.total)}
          </p>
          <TableScroll labelledBy={headingId}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Время</th>
                  <th scope="col">Пользователь</th>
                  <th scope="col">Организация</th>
                  <th scope="col">Роль</th>
                  <th scope="col">Канал</th>
                  <th scope="col">Действие</th>
                  <th scope="col">Объект</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="cell-date">{formatDateTime(entry.at)}</td>
                    <td>
                      <AuditUser entry={entry} />
                    </td>
                    <td>
                      <AuditOrganisation entry={entry} />
                    </td>
                    <td>{entry.roleTitle ?? '—'}</td>
                    <td>{entry.channelTitle}</td>
                    <td>{entry.actionTitle}</td>
                    <td>
                      <AuditEntity entry={entry} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination
            page={paging.page}
            pageSize={paging.pageSize}
            total={data.total}
            pageSizes={pageSizes}
            onPage={(page) => setPaging((previous) => ({ ...previous, page }))}
            onPageSize={(pageSize) => setPaging({ page: 1, pageSize })}
          />
        </>
      )}
    </section>
  );
}
