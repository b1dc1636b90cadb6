import { auditSignIn, revokeToken } from '../../../../shared/platform/access/account-repository';
import { restHandler } from '../../../lib/rest';

/** POST /api/v1/auth/logout — revokes the session token (its id) until it would have expired. */
export const handler = restHandler({ auth: 'user' }, async ({ event, ports, caller, requestId }) => {
  const claims = event.requestContext.authorizer?.claims as Record<string, string> | undefined;
  const sql = await ports.sql();
  if (claims?.jti && claims.exp) {
    await revokeToken(sql, claims.jti, new Date(Number(claims.exp) * 1000));
  }
  await auditSignIn(sql, caller!.username, 'sign_out', 'web', requestId);
  return { status: 204 };
});
