import type { PackageProtocol } from '../../api/hospitalisation';
import { formatCount } from '../../format/numbers';

const statusTitles: Record<PackageProtocol['status'], string> = {
  accepted: 'Сведения приняты',
  partially_accepted: 'Сведения приняты частично',
  rejected: 'Сведения отклонены',
  duplicate: 'Этот пакет уже был принят',
};

/** The FLK protocol of a sent package: totals and every rejected record with its Russian messages. */
export function PackageProtocolView({ protocol }: { protocol: PackageProtocol }) {
  const rejected = protocol.records.filter((r) => r.status === 'rejected' || r.issues.length > 0);
  return (
    <div
      className={protocol.status === 'rejected' ? 'form-error' : 'notice'}
      role="status"
      data-testid="package-protocol"
    >
      <p>
        <strong>{statusTitles[protocol.status] ?? protocol.status}</strong>: принято{' '}
        {formatCount(protocol.accepted)} из {formatCount(protocol.total)}, отклонено{' '}
        {formatCount(protocol.rejected)}.
      </p>
      {rejected.length > 0 && (
        <ul className="hosp-issues">
          {rejected.flatMap((r) =>
            r.issues.map((issue) => (
              <li key={`${r.ordinal}-${issue.code}-${issue.field ?? ''}`}>
                Запись {r.ordinal}
                {issue.field ? `, поле ${issue.field}` : ''}: {issue.message} (код {issue.code})
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}
