import { type FormEvent, useState } from 'react';
import { resetPassword } from '../../api/accounts';
import { describeError } from '../../api/api-error';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';

/** An administrator sets a person's new password (the person's sessions end). */
export function PasswordResetForm({ username }: { username: string }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (password.length < 12 || !/\p{L}/u.test(password) || !/\d/.test(password)) {
      setError('Пароль: не короче 12 символов, должен содержать буквы и цифры');
      return;
    }
    setSubmitting(true);
    try {
      await resetPassword(username, password);
      setPassword('');
      setDone(true);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="password-reset-heading">
      <h2 id="password-reset-heading" className="panel-title">
        Сбросить пароль
      </h2>
      <form
        className="form"
        onSubmit={handleSubmit}
        noValidate
        aria-label="Сбросить пароль"
        style={{ maxWidth: '36rem' }}
      >
        <FormError message={error} />
        {done && (
          <p role="status">Новый пароль установлен. Передайте его пользователю защищённым способом.</p>
        )}
        <fieldset className="form-fieldset" disabled={submitting}>
          <Field
            name="newPassword"
            type="password"
            label="Новый пароль"
            hint="Не короче 12 символов, буквы и цифры"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <div>
            <button type="submit" className="button button-secondary">
              Установить пароль
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
