import { listAccounts } from '../../../shared/accounts/db/accounts-admin';
import { AccountListQuery } from '../../../shared/accounts/domain/account-requests';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';

/**
 * GET /api/v1/accounts — the accounts the administrator manages (row-level security: an МО/СМО administrator
 * sees their organisation's, the fund administrator all), with filters, sorting and paging.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, accountsPermissions.manage);
  const query = parseQuery(event, AccountListQuery);
  const page = await db(async (tx) => {
    const result = await listAccounts(tx, query);
    // Filters by code only: the search text may be a person's name.
    await audit(
      tx,
      'read',
      'account',
      { records: result.items.map((a) => a.username) },
      {
        orgCode: query.orgCode ?? null,
        role: query.role ?? null,
        kind: query.kind ?? null,
        status: query.status ?? null,
        search: Boolean(query.q),
        page: query.page,
      },
    );
    return result;
  });
  return { body: page };
});
