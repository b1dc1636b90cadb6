import type { PackageProtocol } from '../../api/hospitalisation';
import { formatCount } from '../../format/numbers';
import { plainMessage } from './form-failure';

const statusTitles: Record<PackageProtocol['status'], string> = {
  accepted: 'Сведения приняты',
  partially_accepted: 'Сведения приняты частично',
  rejected: 'Сведения отклонены',
  duplicate: 'Этот пакет уже был принят',
};

interface PackageProtocolViewProps {
  protocol: PackageProtocol;
  /** What the sender calls a record («Хирургическое отделение, профиль койки 29»); «Запись N» otherwise. */
  recordName?: (ordinal: number) => string | undefined;
  /** A field in the sender's words («свободно для взрослых»); field ids are never shown. */
  fieldName?: (field: string) => string | undefined;
}

/** The FLK protocol of a sent package: totals and every rejected record with its messages in plain words. */
export function PackageProtocolView({ protocol, recordName, fieldName }: PackageProtocolViewProps) {
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
            r.issues.map((issue) => {
              const field = issue.field ? fieldName?.(issue.field) : undefined;
              return (
                <li key={`${r.ordinal}-${issue.rule}-${issue.field ?? ''}`}>
                  {recordName?.(r.ordinal) ?? `Запись ${r.ordinal}`}: {field ? `«${field}» — ` : ''}
                  {plainMessage(issue)}
                </li>
              );
            }),
          )}
        </ul>
      )}
    </div>
  );
}
