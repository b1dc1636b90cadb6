import type { Db } from '../db/connection';
import type { RequestedBy } from '../ports/queue';
import { can, type Permission } from './permissions';
import { roleOrganisationKind } from './roles';
import type { AccessContext } from './scoped';

export class NotEntitledError extends Error {
  constructor() {
    super('The requesting account is not entitled to this import');
    this.name = 'NotEntitledError';
  }
}

/**
 * Turns the `requestedBy` of a queue message into the access context the consumer acts with, after checking
 * that the account still exists, is active, holds that role in that organisation, and has the permission.
 */
export async function contextOfRequester(
  db: Db,
  who: RequestedBy,
  permission: Permission,
): Promise<AccessContext> {
  const [account] = await db<{ role: string; org_code: string; status: string }[]>`
    select role, org_code, status from auth.account_for_sign_in(${who.username})`;
  if (
    account?.status !== 'active' ||
    account.role !== who.role ||
    account.org_code !== who.orgCode ||
    !can(who, permission)
  ) {
    throw new NotEntitledError();
  }
  return { ...who, orgKind: roleOrganisationKind[who.role] };
}
