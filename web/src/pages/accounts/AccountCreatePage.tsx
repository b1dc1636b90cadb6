import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  type AccountKind,
  type CreatedAccount,
  createAccount,
  fetchRoles,
  type NewAccount,
} from '../../api/accounts';
import { ApiError, describeError } from '../../api/api-error';
import { useMe } from '../../auth/AuthContext';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { kindTitles } from './account-columns';
import { accountPath, accountsRootPath } from './accounts-paths';
import { OneTimeSecret } from './OneTimeSecret';

const crumbs = [{ label: 'Пользователи', to: accountsRootPath }];

type FieldErrors = Partial<Record<keyof NewAccount, string>>;

function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const errors: FieldErrors = {};
  for (const entry of error.problem?.errors ?? []) {
    if (entry.field) errors[entry.field as keyof NewAccount] = entry.message;
  }
  return errors;
}

/** New account: a person (web) or an information system (SOAP), in the administrator's organisation. */
export function AccountCreatePage() {
  const me = useMe();
  const anyOrganisation = me.role === 'fund_admin';
  const roles = useApiQuery('roles', fetchRoles);
  const [kind, setKind] = useState<AccountKind>('person');
  const [form, setForm] = useState({
    username: '',
    fullName: '',
    role: '',
    orgCode: anyOrganisation ? '' : me.organisation.code,
    email: '',
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<CreatedAccount | null>(null);

  const roleOptions = (roles.data?.items ?? [])
    .filter((r) => r.grantable && r.accountKind === kind)
    .map((r) => ({ value: r.role, label: anyOrganisation ? `${r.title} (${r.orgKindTitle})` : r.title }));
  const set = (name: keyof typeof form, value: string) => setForm((f) => ({ ...f, [name]: value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: FieldErrors = {
      username: form.username.trim() ? undefined : 'Введите имя входа',
      fullName: form.fullName.trim() ? undefined : 'Введите наименование или ФИО',
      role: form.role ? undefined : 'Выберите роль',
      orgCode: form.orgCode.trim() ? undefined : 'Введите код организации',
    };
    setErrors(missing);
    setFormError(null);
    if (Object.values(missing).some(Boolean)) return;
    setSubmitting(true);
    try {
      const answer = await createAccount({
        username: form.username.trim(),
        kind,
        fullName: form.fullName.trim(),
        // The options are the server's roles (`GET /api/v1/roles`).
        role: form.role as NewAccount['role'],
        orgCode: form.orgCode.trim(),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(kind === 'person' && form.password ? { password: form.password } : {}),
      });
      setCreated(answer);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFormError(describeError(error));
    } finally {
      setSubmitting(false);
    }
  }

  if (created) {
    return (
      <>
        <PageHeader title="Учётная запись создана" crumbs={crumbs} />
        <p>
          {kindTitles[created.account.kind]} <strong>{created.account.username}</strong> —{' '}
          {created.account.fullName}, {created.account.roleTitle}, {created.account.orgShortName}.
        </p>
        {created.temporaryPassword && (
          <OneTimeSecret label="Временный пароль" value={created.temporaryPassword} />
        )}
        {created.secret && (
          <OneTimeSecret label="Секрет для подключения по SOAP" value={created.secret.value} />
        )}
        <p>
          <Link to={accountPath(created.account.username)} className="button button-primary">
            Открыть карточку
          </Link>{' '}
          <Link to={accountsRootPath} className="button button-secondary">
            К списку пользователей
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Новая учётная запись" crumbs={crumbs} />
      {roles.error !== undefined && (
        <StatusMessage kind="error" onRetry={roles.reload}>
          Не удалось загрузить список ролей. {describeError(roles.error)}
        </StatusMessage>
      )}
      <form
        className="form"
        onSubmit={handleSubmit}
        noValidate
        aria-label="Новая учётная запись"
        style={{ maxWidth: '36rem' }}
      >
        <FormError message={formError} />
        <fieldset className="form-fieldset" disabled={submitting}>
          <SelectField
            name="kind"
            label="Вид учётной записи"
            options={[
              { value: 'person', label: `${kindTitles.person} (вход в веб-интерфейс)` },
              { value: 'system', label: `${kindTitles.system} (SOAP)` },
            ]}
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as AccountKind);
              set('role', '');
            }}
          />
          <Field
            name="username"
            label="Имя входа"
            hint="Латинские строчные буквы, цифры, «_», «.», «-»; от 3 до 64 символов"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={form.username}
            onChange={(event) => set('username', event.target.value)}
            error={errors.username}
          />
          <Field
            name="fullName"
            label={kind === 'person' ? 'ФИО' : 'Наименование системы'}
            required
            value={form.fullName}
            onChange={(event) => set('fullName', event.target.value)}
            error={errors.fullName}
          />
          <SelectField
            name="role"
            label="Роль"
            emptyLabel="Выберите роль"
            options={roleOptions}
            value={form.role}
            onChange={(event) => set('role', event.target.value)}
          />
          {errors.role && <p className="field-error">{errors.role}</p>}
          {anyOrganisation ? (
            <Field
              name="orgCode"
              label="Код организации"
              hint="F003 для МО, F002 для СМО, код региона для ТФОМС"
              inputMode="numeric"
              required
              value={form.orgCode}
              onChange={(event) => set('orgCode', event.target.value)}
              error={errors.orgCode}
            />
          ) : (
            <p>
              Организация: <strong>{me.organisation.shortName}</strong> ({me.organisation.code})
            </p>
          )}
          <Field
            name="email"
            type="email"
            label="Электронная почта (необязательно)"
            value={form.email}
            onChange={(event) => set('email', event.target.value)}
            error={errors.email}
          />
          {kind === 'person' ? (
            <Field
              name="password"
              type="password"
              label="Начальный пароль (необязательно)"
              hint="Не короче 12 символов, буквы и цифры. Если не указать, будет сформирован временный пароль."
              autoComplete="new-password"
              value={form.password}
              onChange={(event) => set('password', event.target.value)}
              error={errors.password}
            />
          ) : (
            <p className="muted">
              Секрет для подключения сформируется автоматически и будет показан один раз.
            </p>
          )}
          <div>
            <button type="submit" className="button button-primary">
              {submitting ? 'Создание…' : 'Создать'}
            </button>{' '}
            <Link to={accountsRootPath} className="button button-secondary">
              Отмена
            </Link>
          </div>
        </fieldset>
      </form>
    </>
  );
}
