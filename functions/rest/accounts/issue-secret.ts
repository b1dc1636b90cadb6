import { issueSecret } from '../../../shared/accounts/db/system-secrets';
import { IssueSecretRequest } from '../../../shared/accounts/domain/account-requests';
import { generateSystemSecret } from '../../../shared/accounts/domain/system-secret';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { hashSecret } from '../../../shared/platform/access/password';
import { audit } from '../../../shared/platform/access/scoped';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { usernameParameter } from './managed-account';
import { managedSystemAccount } from './system-account';

/**
 * POST /api/v1/accounts/{username}/secrets — rotation without downtime: a new secret (returned once, stored
 * hashed) while the ones active so far keep working for `overlapHours` (default 24, at most 720).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, accountsPermissions.manage);
  const username = usernameParameter(event);
  const input = parseBody(event, IssueSecretRequest);
  const value = generateSystemSecret();
  const hash = await hashSecret(value);
  const issued = await db(async (tx) => {
    await managedSystemAccount(tx, username);
    const label = input.label ?? `выпущен ${new Date().toISOString().slice(0, 10)}`;
    const result = await issueSecret(tx, { username, hash, label, overlapHours: input.overlapHours });
    await audit(
      tx,
      'update',
      'account',
      { records: [username] },
      { fields: ['secrets'], secretId: result.secret.id, overlapHours: input.overlapHours },
    );
    return result;
  });
  return {
    status: 201,
    body: {
      secret: { ...issued.secret, value },
      previousSecretsExpireAt: issued.previousExpireAt?.toISOString() ?? null,
    },
  };
});
