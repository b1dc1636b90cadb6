import { type FormEvent, useState } from 'react';
import { type Account, type AccountChanges, fetchRoles, updateAccount } from '../../api/accounts';
import { describeError } from '../../api/api-error';
import { useMe } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/SelectField';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { parseSoapRateLimit } from './soap-rate-limit';

interface AccountEditFormProps {
  account: Account;
  onSaved: (account: Account) => void;
}

/** Name, role, status and e-mail of an account, a system account's SOAP rate limit; only what changed is sent. */
export function AccountEditForm({ account, onSaved }: AccountEditFormProps) {
  const me = useMe();
  const roles = useApiQuery('roles', fetchRoles);
  const [fullName, setFullName] = useState(account.fullName);
  const [role, setRole] = useState(account.role);
  const [status, setStatus] = useState(account.status);
  const [email, setEmail] = useState(account.email ?? '');
  const [rateLimit, setRateLimit] = useState(account.rateLimitPerMinute?.toString() ?? '');
  const [rateLimitError, setRateLimitError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const self = account.username === me.username;

  const roleOptions = (roles.data?.items ?? [])
    .filter((r) => r.accountKind === account.kind && (r.grantable || r.role === account.role))
    .filter((r) => r.orgKind === roles.data?.items.find((x) => x.role === account.role)?.orgKind)
    .map((r) => ({ value: r.role, label: r.title }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes: AccountChanges = {};
    if (fullName.trim() !== account.fullName) changes.fullName = fullName.trim();
    if (role !== account.role) changes.role = role;
    if (status !== account.status) changes.status = status;
    if (email.trim() !== (account.email ?? '')) changes.email = email.trim() || null;
    setError(null);
    setRateLimitError(undefined);
    setSaved(false);
    if (account.kind === 'system') {
      const limit = parseSoapRateLimit(rateLimit);
      if (!limit.ok) {
        setRateLimitError(limit.message);
        return;
      }
      if (limit.value !== account.rateLimitPerMinute) changes.rateLimitPerMinute = limit.value;
    }
    if (Object.keys(changes).length === 0) {
      setError('Изменений нет.');
      return;
    }
    setSubmitting(true);
    try {
      onSaved(await updateAccount(account.username, changes));
      setSaved(true);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="account-edit-heading">
      <h2 id="account-edit-heading" className="panel-title">
        Изменить учётную запись
      </h2>
      <form
        className="form"
        onSubmit={handleSubmit}
        noValidate
        aria-label="Изменить учётную запись"
        style={{ maxWidth: '36rem' }}
      >
        <FormError message={error} />
        {saved && (
          <p role="status" data-testid="account-saved">
            Изменения сохранены.
          </p>
        )}
        <fieldset className="form-fieldset" disabled={submitting}>
          <Field
            name="fullName"
            label={account.kind === 'person' ? 'ФИО' : 'Наименование системы'}
            value={fullName}
            onChange={(event) => setFullName(event.target.value)}
          />
          <SelectField
            name="role"
            label="Роль"
            options={roleOptions.length ? roleOptions : [{ value: account.role, label: account.roleTitle }]}
            value={role}
            disabled={self}
            onChange={(event) => setRole(event.target.value as Account['role'])}
          />
          <SelectField
            name="status"
            label="Состояние"
            options={[
              { value: 'active', label: 'Активна' },
              { value: 'disabled', label: 'Отключена' },
            ]}
            value={status}
            disabled={self}
            onChange={(event) => setStatus(event.target.value as Account['status'])}
          />
          <Field
            name="email"
            type="email"
            label="Электронная почта"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          {account.kind === 'system' && (
            <Field
              name="rateLimitPerMinute"
              inputMode="numeric"
              label="Лимит вызовов SOAP в минуту"
              hint={
                account.systemRateLimit !== null
                  ? `Пусто — по умолчанию (${formatCount(account.systemRateLimit)} в минуту).`
                  : 'Пусто — по умолчанию.'
              }
              value={rateLimit}
              error={rateLimitError}
              onChange={(event) => setRateLimit(event.target.value)}
            />
          )}
          <div>
            <button type="submit" className="button button-primary">
              {submitting ? 'Сохранение…' : 'Сохранить'}
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
