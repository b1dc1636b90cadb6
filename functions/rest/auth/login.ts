import { z } from 'zod';
import { accountStore } from '../../../shared/db/access/account-repository';
import { signIn } from '../../../shared/domain/access/sign-in';
import { ProblemError } from '../../lib/problem';
import { parseBody, restHandler } from '../../lib/rest';
import { describeCaller } from './describe-caller';

const Credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** POST /api/v1/auth/login — the local identity issuer (Cognito signs people in when deployed to AWS). */
export const handler = restHandler({ auth: 'public' }, async ({ event, ports }) => {
  const { username, password } = parseBody(event, Credentials);
  if (!ports.tokens) {
    throw new ProblemError(
      501,
      'Вход выполняется через Amazon Cognito',
      'Используйте страницу входа Cognito.',
    );
  }
  const sql = await ports.sql();
  const result = await signIn(accountStore(sql), username, password, 'person');
  if (!result.ok && result.reason === 'locked') {
    throw new ProblemError(
      423,
      'Учётная запись временно заблокирована',
      `Слишком много неудачных попыток входа. Повторите после ${result.lockedUntil?.toISOString() ?? 'истечения блокировки'}.`,
    );
  }
  if (!result.ok) throw new ProblemError(401, 'Неверное имя пользователя или пароль');
  const issued = await ports.tokens.issue(result.account);
  const user = await describeCaller(sql, result.account);
  return { body: { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user } };
});
