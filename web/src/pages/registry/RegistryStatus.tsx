import { registryStatusLabels, type RegistryStatus as Status } from '../../api/registry';

/** A package's status as a badge: в очереди, обрабатывается, загружен, отклонён, ошибка, повтор. */
export function RegistryStatus({ status }: { status: Status }) {
  return (
    <span
      className={`file-status file-status-${status} registry-status-${status}`}
      data-testid="registry-status"
    >
      {registryStatusLabels[status] ?? status}
    </span>
  );
}
