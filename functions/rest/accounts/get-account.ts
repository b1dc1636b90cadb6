import { accountsPermissions } from '../../../shared/accounts/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { requirePermission, restHandler } from '../../lib/rest';
import { managedAccount, usernameParameter } from './managed-account';

/** GET /api/v1/accounts/{username} — one account the administrator manages. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, accountsPermissions.manage);
  const username = usernameParameter(event);
  const account = await db(async (tx) => {
    const found = await managedAccount(tx, username);
    await audit(tx, 'read', 'account', { records: [found.username] });
    return found;
  });
  return { body: account };
});
