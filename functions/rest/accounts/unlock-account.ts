import { findAccount, unlockAccount } from '../../../shared/accounts/db/accounts-admin';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { requirePermission, restHandler } from '../../lib/rest';
import { accountWriteProblem } from './account-problems';
import { managedAccount, usernameParameter } from './managed-account';

/** POST /api/v1/accounts/{username}/unlock — ends a sign-in lock (five failures) and resets the failure count. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, accountsPermissions.manage);
  const username = usernameParameter(event);
  const account = await db(async (tx) => {
    await managedAccount(tx, username);
    await unlockAccount(tx, username);
    await audit(
      tx,
      'update',
      'account',
      { records: [username] },
      { fields: ['failedAttempts', 'lockedUntil'] },
    );
    return (await findAccount(tx, username))!;
  }).catch((error: unknown) => {
    throw accountWriteProblem(error);
  });
  return { body: account };
});
