import { listSecrets } from '../../../shared/accounts/db/system-secrets';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { requirePermission, restHandler } from '../../lib/rest';
import { usernameParameter } from './managed-account';
import { managedSystemAccount } from './system-account';

/** GET /api/v1/accounts/{username}/secrets — a system account's secrets (dates and labels, never hashes). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, accountsPermissions.manage);
  const username = usernameParameter(event);
  const items = await db(async (tx) => {
    await managedSystemAccount(tx, username);
    const secrets = await listSecrets(tx, username);
    await audit(tx, 'read', 'account', { records: [username] }, { part: 'secrets', count: secrets.length });
    return secrets;
  });
  return { body: { items } };
});
