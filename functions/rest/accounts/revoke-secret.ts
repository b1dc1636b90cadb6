import { listSecrets, revokeSecret } from '../../../shared/accounts/db/system-secrets';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';
import { conflict } from './account-problems';
import { usernameParameter } from './managed-account';
import { managedSystemAccount } from './system-account';

/**
 * DELETE /api/v1/accounts/{username}/secrets/{id} — revokes a secret at once (the SOAP credential cache checks
 * the secret on every call). The last active secret is never revoked: the system would be locked out.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, accountsPermissions.manage);
  const username = usernameParameter(event);
  const id = event.pathParameters?.id ?? '';
  if (!/^\d{1,18}$/.test(id)) throw problems.notFound('Секрет не найден.');
  await db(async (tx) => {
    await managedSystemAccount(tx, username);
    const secrets = await listSecrets(tx, username, true);
    const secret = secrets.find((s) => s.id === id);
    if (!secret) throw problems.notFound('Секрет не найден.');
    if (!secret.active) throw conflict('Секрет уже недействителен (отозван или истёк).');
    if (!secrets.some((s) => s.active && s.id !== id)) {
      throw conflict(
        'Это единственный действующий секрет: после отзыва система не сможет подключиться. ' +
          'Сначала выпустите новый секрет и переведите систему на него.',
      );
    }
    await revokeSecret(tx, username, id);
    await audit(
      tx,
      'update',
      'account',
      { records: [username] },
      { fields: ['secrets'], revokedSecretId: id },
    );
  });
  return { status: 204 };
});
