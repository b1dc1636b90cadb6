import type { ReferralHistoryEntry } from '../../api/hospitalisation';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../format/dates';

const eventLabels: Record<string, string> = {
  created: 'Направление выдано',
  issued: 'Направление выдано',
  referral: 'Направление получено',
  updated: 'Направление изменено',
  cancelled: 'Направление аннулировано',
  cancellation: 'Направление аннулировано',
  admitted: 'Пациент госпитализирован',
  admission: 'Пациент госпитализирован',
  movement: 'Перевод в другое отделение',
  discharged: 'Пациент выписан',
  discharge: 'Пациент выписан',
  expired: 'Истёк срок действия',
};

function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** The referral's story: who did what, when, in which organisation. */
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
                <tr key={`${h.at}-${h.event}-${h.orgCode ?? ''}`}>
                  <td className="cell-date">{formatDateTime(h.at)}</td>
                  <td>{eventLabels[h.event] ?? h.event}</td>
                  <td className="cell-code">{h.orgCode ?? '—'}</td>
                  <td>{h.username ?? '—'}</td>
                  <td>{describeDetails(h.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
