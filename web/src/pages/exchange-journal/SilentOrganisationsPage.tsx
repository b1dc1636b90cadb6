import { useSearchParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchSilentOrganisations } from '../../api/exchange-journal';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { journalRootPath } from './journal-labels';

/** The fund's worklist: medical organisations that sent nothing over any channel for `?days=` days. */
export function SilentOrganisationsPage() {
  const [params] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = Number.isInteger(asked) && asked >= 1 && asked <= 365 ? asked : 3;
  const { data, error, loading, reload } = useApiQuery(`silent\n${days}`, (signal) =>
    fetchSilentOrganisations(days, signal),
  );
  return (
    <>
      <PageHeader
        title="Молчащие организации"
        description={`Медицинские организации, от которых не поступало ни одного пакета ${days} дн. и более.`}
        crumbs={[{ to: journalRootPath, label: 'Журнал обмена' }]}
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить список. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка…</StatusMessage>}
      {data && data.items.length === 0 && (
        <StatusMessage kind="empty">Все медицинские организации выходили на связь.</StatusMessage>
      )}
      {data && data.items.length > 0 && (
        <TableScroll labelledBy="silent-caption">
          <table className="table" data-testid="silent-organisations">
            <caption id="silent-caption" className="visually-hidden">
              Молчащие организации
            </caption>
            <thead>
              <tr>
                <th scope="col">Код</th>
                <th scope="col">Организация</th>
                <th scope="col">Последний пакет</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((o) => (
                <tr key={o.code}>
                  <td className="cell-code">{o.code}</td>
                  <td>{o.shortName}</td>
                  <td>{o.lastReceivedAt ? formatDateTime(o.lastReceivedAt) : 'ни одного'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
