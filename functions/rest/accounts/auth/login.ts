import * as z from 'zod';
import { accountStore, auditSignIn } from '../../../../shared/platform/access/account-repository';
import { roleOrganisationKind } from '../../../../shared/platform/access/roles';
import { withCaller } from '../../../../shared/platform/access/scoped';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { cognitoPeopleAdapter } from '../../../../shared/platform/ports/cognito-people-directory';
import { parseBody, restHandler } from '../../../lib/rest';
import { directoryProblem } from '../account-problems';
import { describeCaller } from './describe-caller';

const Credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Cognito only: the new password that replaces a temporary one at the first sign-in. */
  newPassword: z.string().min(12).max(256).optional(),
});

const badCredentials = () =>
  new Refusal('unauthenticated', 'AUTH-401', '', [], 'Неверное имя пользователя или пароль');

/**
 * POST /api/v1/auth/login — signs a person in through the people directory: locally the scrypt hashes of
 * auth.account and the local token issuer (five failures lock for 15 minutes), in AWS the Cognito user pool
 * (USER_PASSWORD_AUTH; the answer's token is Cognito's ID token). Role and organisation come from auth.account.
 */
export const handler = restHandler(
  { auth: 'public', adapters: [cognitoPeopleAdapter] },
  async ({ event, ports, requestId }) => {
    const { username, password, newPassword } = parseBody(event, Credentials);
    const sql = await ports.sql();
    const result = await ports.people.signIn(username, password, newPassword).catch((error: unknown) => {
      throw directoryProblem(error);
    });
    await auditSignIn(sql, username, result.ok ? 'sign_in' : 'sign_in_failed', 'web', requestId);
    if (!result.ok && result.reason === 'locked') {
      throw new Refusal(
        'locked',
        'AUTH-423',
        `Слишком много неудачных попыток входа. Повторите после ${result.lockedUntil?.toISOString() ?? 'истечения блокировки'}.`,
        [],
        'Учётная запись временно заблокирована',
      );
    }
    if (!result.ok && result.reason === 'new-password-required') {
      throw new Refusal(
        'precondition_required',
        'AUTH-428',
        'Повторите вход, указав новый пароль в поле newPassword.',
        [],
        'Требуется сменить временный пароль',
      );
    }
    if (!result.ok && result.reason === 'mfa-required') {
      throw new Refusal(
        'precondition_required',
        'AUTH-428',
        'Для учётной записи включена двухфакторная аутентификация: войдите через страницу входа Cognito.',
        [],
        'Требуется второй фактор',
      );
    }
    if (!result.ok) throw badCredentials();
    const store = accountStore(sql);
    const account = await store.find(result.username);
    // The directory said yes; auth.account decides who this is (and must agree it is an active person).
    if (account?.kind !== 'person' || account.status !== 'active') throw badCredentials();
    if (ports.people.kind === 'cognito') await store.recordSuccess(account.username, null);
    const who = {
      username: account.username,
      role: account.role,
      orgCode: account.orgCode,
      orgKind: roleOrganisationKind[account.role],
      channel: 'web' as const,
      requestId,
    };
    const user = await withCaller(sql, who, (tx) => describeCaller(tx, account));
    return { body: { token: result.token, expiresAt: result.expiresAt.toISOString(), user } };
  },
);
