import type { APIGatewayProxyEvent } from 'aws-lambda';
import { type AccountView, findAccount, usernameTaken } from '../../../shared/accounts/db/accounts-admin';
import { Username } from '../../../shared/accounts/domain/account-requests';
import type { Tx } from '../../../shared/platform/db/connection';
import { problems } from '../../lib/problem';

/** The `{username}` of the route, normalised; a malformed one is a 404 (no such account can exist). */
export function usernameParameter(event: APIGatewayProxyEvent): string {
  const parsed = Username.safeParse(event.pathParameters?.username ?? '');
  if (!parsed.success) throw problems.notFound('Учётная запись не найдена.');
  return parsed.data;
}

/**
 * The account the caller manages, read under row-level security. An account that exists but lies outside the
 * caller's organisation is a 403 (names are unique region-wide, so that it exists is no secret to an admin).
 */
export async function managedAccount(tx: Tx, username: string): Promise<AccountView> {
  const account = await findAccount(tx, username);
  if (account) return account;
  if (await usernameTaken(tx, username)) {
    throw problems.forbidden(
      'Учётная запись принадлежит другой организации: ею управляет администратор той организации или фонда.',
    );
  }
  throw problems.notFound(`Учётная запись «${username}» не найдена.`);
}
