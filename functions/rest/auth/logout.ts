import { revokeToken } from '../../../shared/db/access/account-repository';
import { restHandler } from '../../lib/rest';

/** POST /api/v1/auth/logout — revokes the session token (its id) until it would have expired. */
export const handler = restHandler({ auth: 'user' }, async ({ event, ports }) => {
  const claims = event.requestContext.authorizer?.claims as Record<string, string> | undefined;
  if (claims?.jti && claims.exp) {
    await revokeToken(await ports.sql(), claims.jti, new Date(Number(claims.exp) * 1000));
  }
  return { status: 204 };
});
