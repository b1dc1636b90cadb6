import { formatCount } from '../../format/numbers';
import type { SentResults } from './ResultPanel';

/**
 * What the results package answered: how many were accepted, and each refused request with the FLK's Russian
 * messages.
 */
export function ResultsProtocol({ sent }: { sent: SentResults }) {
  const { protocol, requests } = sent;
  const refused = protocol.records.filter((r) => r.status === 'rejected');
  const title =
    protocol.rejected === 0
      ? 'Результаты приняты'
      : protocol.accepted === 0
        ? 'Результаты не приняты'
        : 'Результаты приняты частично';
  return (
    <div
      className={protocol.accepted === 0 ? 'form-error' : 'notice'}
      role="status"
      data-testid="results-protocol"
      data-accepted={protocol.accepted}
      data-rejected={protocol.rejected}
    >
      <p>
        <strong>{title}</strong>: принято {formatCount(protocol.accepted)} из {formatCount(protocol.total)},
        отклонено {formatCount(protocol.rejected)}.
      </p>
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => {
            const request = r.sourceId ? requests.get(r.sourceId) : undefined;
            return (
              <li key={r.ordinal}>
                {request ? request.fio : `Запись ${r.ordinal}`}: {r.issues.map((i) => i.message).join(' ')}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
