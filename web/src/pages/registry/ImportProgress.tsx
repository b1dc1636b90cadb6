import type { RegistryDetail } from '../../api/registry';
import { registryStatusLabels } from '../../api/registry';
import { formatCount } from '../../format/numbers';
import { formatBytes, percent } from './registry-labels';

/**
 * How far the import of a package has got: the bytes of the ZIP read of its size (a bar), the cases and persons
 * read, the phase. A package still in the queue has no progress yet.
 */
export function ImportProgress({ detail }: { detail: RegistryDetail }) {
  const { import: item, progress } = detail;
  const total = progress?.bytesTotal ?? item.fileSize;
  const read = progress?.bytesRead ?? 0;
  const share = percent(read, total);
  const queued = item.status === 'queued' || !progress;
  return (
    <div className="registry-progress" data-testid="registry-import-progress">
      <div className="registry-progress-line">
        <strong>{registryStatusLabels[item.status]}</strong>
        {progress?.phase && <span className="muted">этап: {progress.phase}</span>}
      </div>
      <progress
        className="registry-progress-bar"
        max={100}
        value={queued ? undefined : share}
        aria-label="Обработка пакета"
        aria-valuetext={queued ? 'Пакет ждёт в очереди' : `Прочитано ${share} %`}
      />
      {queued ? (
        <span className="muted">Пакет ждёт в очереди на обработку…</span>
      ) : (
        <div className="registry-progress-line" data-testid="registry-import-figures">
          <span>
            Прочитано {formatBytes(read)} из {formatBytes(total)} ({share} %)
          </span>
          <span>Случаев прочитано: {formatCount(progress.casesRead)}</span>
          <span>Пациентов прочитано: {formatCount(progress.personsRead)}</span>
        </div>
      )}
    </div>
  );
}
