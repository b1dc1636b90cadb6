import { type FormEvent, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/api-error';
import { useAuth } from '../auth/AuthContext';
import { readLoginLocationState } from '../auth/login-location-state';
import { Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { StatusMessage } from '../components/StatusMessage';

interface FieldErrors {
  username?: string | undefined;
  password?: string | undefined;
}

const badCredentials = 'Неверное имя пользователя или пароль';
const lockedOut =
  'Учётная запись временно заблокирована после нескольких неудачных попыток входа. Повторите попытку позже ' +
  'или обратитесь к администратору.';

/** Why the server refused, in words for the person at the keyboard. */
function signInErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return badCredentials;
    // The server's detail carries a raw timestamp; the person gets a plain sentence.
    if (error.status === 423) return lockedOut;
  }
  return describeError(error);
}

function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const errors: FieldErrors = {};
  for (const entry of error.problem?.errors ?? []) {
    if (entry.field === 'username' || entry.field === 'password') errors[entry.field] = entry.message;
  }
  return errors;
}

export function LoginPage() {
  const { state, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { from, reason } = readLoginLocationState(location.state);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (state.status === 'signed-in' && !submitting) return <Navigate to={from ?? '/'} replace />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: FieldErrors = {
      username: username.trim() ? undefined : 'Введите имя пользователя',
      password: password ? undefined : 'Введите пароль',
    };
    setFieldErrors(missing);
    setFormError(null);
    if (missing.username || missing.password) {
      (missing.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await signIn(username.trim(), password);
      navigate(from ?? '/', { replace: true });
    } catch (error) {
      setSubmitting(false);
      setFieldErrors(fieldErrorsOf(error));
      setFormError(signInErrorText(error));
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  return (
    <main className="login-page">
      <div className="login-card">
        <header className="login-header">
          <p className="brand brand-large">omslink</p>
          <p className="login-subtitle">Информационное сопровождение застрахованных лиц в сфере ОМС</p>
        </header>
        <h1 className="login-title">Вход в систему</h1>
        {reason === 'expired' && <StatusMessage kind="info">Сеанс завершён. Войдите снова.</StatusMessage>}
        <form className="form" onSubmit={handleSubmit} noValidate aria-label="Вход в систему">
          <FormError message={formError} />
          <fieldset className="form-fieldset" disabled={submitting}>
            <Field
              name="username"
              label="Имя пользователя"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              error={fieldErrors.username}
              inputRef={usernameRef}
            />
            <Field
              name="password"
              type="password"
              label="Пароль"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={fieldErrors.password}
              inputRef={passwordRef}
            />
            <button type="submit" className="button button-primary button-block">
              {submitting ? 'Выполняется вход…' : 'Войти'}
            </button>
          </fieldset>
        </form>
      </div>
    </main>
  );
}
