import type { ReferralHistoryEntry } from '../../api/hospitalisation';
import { Named } from '../../components/Named';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../format/dates';

/** The referral's story: what happened, when, in which organisation and who did it — in words. */
export function ReferralHistory({ history }: { history: readonly ReferralHistoryEntry[] }) {
  return (
    <section className="panel" aria-labelledby="referral-history">
      <h2 className="panel-title" id="referral-history">
        История
      </h2>
      {history.length === 0 ? (
        <StatusMessage kind="empty">Событий нет.</StatusMessage>
      ) : (
        <TableScroll labelledBy="referral-history">
          <table className="table table-compact" data-testid="referral-history">
            <thead>
              <tr>
                <th scope="col">Время</th>
                <th scope="col">Событие</th>
                <th scope="col">Организация</th>
                <th scope="col">Пользователь</th>
                <th scope="col">Подробности</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td className="cell-date">{formatDateTime(h.at)}</td>
                  <td>{h.title}</td>
                  <td>
                    <Named code={h.orgCode} name={h.orgName} />
                  </td>
                  <td title={h.username ?? undefined}>{h.userName}</td>
                  <td>{h.description || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
