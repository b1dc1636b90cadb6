import { z } from 'zod';
import { accountStore, auditSignIn } from '../../../shared/db/access/account-repository';
import { withCaller } from '../../../shared/db/access/scoped';
import { roleOrganisationKind } from '../../../shared/domain/access/roles';
import { signIn } from '../../../shared/domain/access/sign-in';
import { ProblemError } from '../../lib/problem';
import { parseBody, restHandler } from '../../lib/rest';
import { describeCaller } from './describe-caller';

const Credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** POST /api/v1/auth/login — the local identity issuer (Cognito signs people in when deployed to AWS). */
export const handler = restHandler({ auth: 'public' }, async ({ event, ports, requestId }) => {
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
  await auditSignIn(sql, username, result.ok ? 'sign_in' : 'sign_in_failed', 'web', requestId);
  if (!result.ok && result.reason === 'locked') {
    throw new ProblemError(
      423,
      'Учётная запись временно заблокирована',
      `Слишком много неудачных попыток входа. Повторите после ${result.lockedUntil?.toISOString() ?? 'истечения блокировки'}.`,
    );
  }
  if (!result.ok) throw new ProblemError(401, 'Неверное имя пользователя или пароль');
  const { account } = result;
  const issued = await ports.tokens.issue(account);
  const who = {
    username: account.username,
    role: account.role,
    orgCode: account.orgCode,
    orgKind: roleOrganisationKind[account.role],
    channel: 'web' as const,
    requestId,
  };
  const user = await withCaller(sql, who, (tx) => describeCaller(tx, account));
  return { body: { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user } };
});
