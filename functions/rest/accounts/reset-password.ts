import { setPasswordHash } from '../../../shared/accounts/db/accounts-admin';
import { ResetPasswordRequest } from '../../../shared/accounts/domain/account-requests';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { cognitoPeopleAdapter } from '../../../shared/platform/ports/cognito-people-directory';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { accountWriteProblem, conflict } from './account-problems';
import { managedAccount, usernameParameter } from './managed-account';

/**
 * POST /api/v1/accounts/{username}/password — an administrator sets a person's new password (in Cognito a
 * temporary one to change at the next sign-in) and ends the person's sessions.
 */
export const handler = restHandler(
  { auth: 'user', adapters: [cognitoPeopleAdapter] },
  async ({ event, caller, ports, db }) => {
    requirePermission(caller, accountsPermissions.manage);
    const username = usernameParameter(event);
    const { password } = parseBody(event, ResetPasswordRequest);
    await db(async (tx) => {
      const account = await managedAccount(tx, username);
      if (account.kind !== 'person') {
        throw conflict('У системной учётной записи нет пароля: выпустите для неё новый секрет.');
      }
      const stored = await ports.people.resetPassword(username, password);
      await setPasswordHash(tx, username, stored.passwordHash);
      await ports.people.signOutEverywhere(username);
      await audit(tx, 'update', 'account', { records: [username] }, { fields: ['password'] });
    }).catch((error: unknown) => {
      throw accountWriteProblem(error);
    });
    return { status: 204 };
  },
);
