import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { type Account, fetchAccount, unlockAccount } from '../../api/accounts';
import { describeError } from '../../api/api-error';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { formatDateTime } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AccountEditForm } from './AccountEditForm';
import { AccountState, kindTitles } from './account-columns';
import { accountsRootPath } from './accounts-paths';
import { PasswordResetForm } from './PasswordResetForm';
import { SecretsPanel } from './SecretsPanel';
import { soapRateLimitText } from './soap-rate-limit';

const crumbs = [{ label: 'Пользователи', to: accountsRootPath }];

function AccountDetails({ account }: { account: Account }) {
  const rows: [string, ReactNode][] = [
    ['Вид', kindTitles[account.kind]],
    ['Роль', account.roleTitle],
    ['Организация', `${account.orgShortName} (${account.orgCode})`],
    ['Состояние', <AccountState key="state" account={account} />],
    ['Электронная почта', account.email ?? '—'],
    ['Создана', formatDateTime(account.createdAt)],
    ['Последний вход', formatDateTime(account.lastSignInAt) || '—'],
  ];
  const rateLimit = soapRateLimitText(account);
  if (rateLimit !== null) {
    rows.push([
      'Лимит вызовов SOAP',
      <span key="rate-limit" data-testid="soap-rate-limit">
        {rateLimit}
      </span>,
    ]);
  }
  if (account.locked) rows.push(['Заблокирована до', formatDateTime(account.lockedUntil)]);
  return (
    <dl className="details-list" data-testid="account-details">
      {rows.map(([label, value]) => (
        <div key={label} className="details-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One account: its details, changes, password reset or unlock, and a system account's secrets. */
export function AccountCardPage() {
  const username = useParams().username ?? '';
  const { data, error, loading, reload } = useApiQuery(`account\n${username}`, (signal) =>
    fetchAccount(username, signal),
  );
  const [current, setCurrent] = useState<Account | null>(null);
  const [unlockError, setUnlockError] = useState<string | null>(null);
  const account = current?.username === username ? current : data;

  async function unlock() {
    setUnlockError(null);
    try {
      setCurrent(await unlockAccount(username));
    } catch (e) {
      setUnlockError(describeError(e));
    }
  }

  return (
    <>
      <PageHeader
        title={account ? account.fullName : `Учётная запись ${username}`}
        crumbs={crumbs}
        description={
          account && (
            <>
              Имя входа: <strong>{account.username}</strong>
            </>
          )
        }
      />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить учётную запись. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !account && <StatusMessage kind="loading">Загрузка учётной записи…</StatusMessage>}
      {account && (
        <>
          <AccountDetails account={account} />
          {account.locked && (
            <div>
              <FormError message={unlockError} />
              <button type="button" className="button button-secondary" onClick={unlock}>
                Разблокировать
              </button>
            </div>
          )}
          <AccountEditForm
            key={`${account.username}-${account.role}-${account.status}`}
            account={account}
            onSaved={setCurrent}
          />
          {account.kind === 'person' ? (
            <PasswordResetForm username={account.username} />
          ) : (
            <SecretsPanel username={account.username} />
          )}
        </>
      )}
    </>
  );
}
