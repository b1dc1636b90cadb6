import { type FormEvent, useState } from 'react';
import {
  fetchSecrets,
  type IssuedSecret,
  issueSecret,
  revokeSecret,
  type SystemSecret,
} from '../../api/accounts';
import { describeError } from '../../api/api-error';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { OneTimeSecret } from './OneTimeSecret';

function secretState(secret: SystemSecret): string {
  if (secret.revokedAt) return 'Отозван';
  if (!secret.active) return 'Истёк';
  return secret.expiresAt ? `Действует до ${formatDateTime(secret.expiresAt)}` : 'Действует';
}

/**
 * A system account's secrets: rotation without downtime («Выпустить новый секрет» — the old ones keep working
 * for the overlap) and immediate revocation.
 */
export function SecretsPanel({ username }: { username: string }) {
  const [attempt, setAttempt] = useState(0);
  const { data, error, loading, reload } = useApiQuery(`secrets\n${username}\n${attempt}`, (signal) =>
    fetchSecrets(username, signal),
  );
  const [label, setLabel] = useState('');
  const [overlapHours, setOverlapHours] = useState('24');
  const [issued, setIssued] = useState<IssuedSecret | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleIssue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hours = Number(overlapHours);
    setActionError(null);
    if (!Number.isInteger(hours) || hours < 0 || hours > 720) {
      setActionError('Перекрытие: целое число часов от 0 до 720.');
      return;
    }
    setBusy(true);
    try {
      setIssued(
        await issueSecret(username, {
          ...(label.trim() ? { label: label.trim() } : {}),
          overlapHours: hours,
        }),
      );
      setLabel('');
      setAttempt((n) => n + 1);
    } catch (e) {
      setActionError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setActionError(null);
    setBusy(true);
    try {
      await revokeSecret(username, id);
      setConfirming(null);
      setAttempt((n) => n + 1);
    } catch (e) {
      setActionError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="secrets-heading" data-testid="secrets">
      <h2 id="secrets-heading" className="panel-title">
        Секреты для подключения по SOAP
      </h2>
      {issued && (
        <OneTimeSecret label="Новый секрет" value={issued.secret.value}>
          <p data-testid="overlap-end">
            {issued.previousSecretsExpireAt
              ? `Прежние секреты действуют до ${formatDateTime(issued.previousSecretsExpireAt)}: переведите систему на новый секрет до этого времени.`
              : 'Других действующих секретов нет.'}
          </p>
        </OneTimeSecret>
      )}
      <FormError message={actionError} />
      <form className="filter-bar" onSubmit={handleIssue} aria-label="Выпустить новый секрет">
        <Field
          name="secretLabel"
          label="Метка (необязательно)"
          placeholder="Например, «ротация 2025»"
          value={label}
          onChange={(event) => setLabel(event.target.value)}
        />
        <Field
          name="overlapHours"
          type="number"
          min={0}
          max={720}
          label="Прежние действуют ещё, ч"
          value={overlapHours}
          onChange={(event) => setOverlapHours(event.target.value)}
        />
        <div className="filter-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Выпустить новый секрет
          </button>
        </div>
      </form>
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить секреты. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка секретов…</StatusMessage>}
      {data && data.items.length === 0 && <StatusMessage kind="empty">Секретов нет.</StatusMessage>}
      {data && data.items.length > 0 && (
        <TableScroll labelledBy="secrets-caption">
          <table className="table table-compact" data-testid="secrets-table">
            <caption id="secrets-caption" className="visually-hidden">
              Секреты учётной записи {username}
            </caption>
            <thead>
              <tr>
                <th scope="col">Метка</th>
                <th scope="col" className="cell-date">
                  Выпущен
                </th>
                <th scope="col">Состояние</th>
                <th scope="col" className="cell-date">
                  Последнее использование
                </th>
                <th scope="col">Действие</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((secret) => (
                <tr key={secret.id}>
                  <td>{secret.label}</td>
                  <td className="cell-date">{formatDateTime(secret.createdAt)}</td>
                  <td>{secretState(secret)}</td>
                  <td className="cell-date">{formatDateTime(secret.lastUsedAt) || '—'}</td>
                  <td>
                    {secret.active &&
                      (confirming === secret.id ? (
                        <>
                          <button
                            type="button"
                            className="button button-primary button-small"
                            disabled={busy}
                            onClick={() => revoke(secret.id)}
                          >
                            Подтвердить отзыв
                          </button>{' '}
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => setConfirming(null)}
                          >
                            Отмена
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => setConfirming(secret.id)}
                        >
                          Отозвать
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
