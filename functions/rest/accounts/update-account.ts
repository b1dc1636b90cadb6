import { findAccount, updateAccount } from '../../../shared/accounts/db/accounts-admin';
import { UpdateAccountRequest } from '../../../shared/accounts/domain/account-requests';
import { grantRefusal, roleFitsKind, selfChangeRefusal } from '../../../shared/accounts/domain/account-rules';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { roleOrganisationKind } from '../../../shared/platform/access/roles';
import { audit } from '../../../shared/platform/access/scoped';
import { cognitoPeopleAdapter } from '../../../shared/platform/ports/cognito-people-directory';
import { problems } from '../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { accountWriteProblem, conflict } from './account-problems';
import { managedAccount, usernameParameter } from './managed-account';

/**
 * PATCH /api/v1/accounts/{username} — name, role, status (active/disabled), e-mail and a system account's SOAP
 * rate limit (null: the system default). The people directory follows (Cognito group, attributes, enabled flag;
 * a disabled person is signed out everywhere).
 */
export const handler = restHandler(
  { auth: 'user', adapters: [cognitoPeopleAdapter] },
  async ({ event, caller, ports, db }) => {
    const manager = requirePermission(caller, accountsPermissions.manage);
    const username = usernameParameter(event);
    const input = parseBody(event, UpdateAccountRequest);
    if (Object.keys(input).length === 0) {
      throw problems.invalid([{ code: '902', message: 'Укажите хотя бы одно изменяемое поле' }]);
    }

    const updated = await db(async (tx) => {
      const account = await managedAccount(tx, username);
      if (input.rateLimitPerMinute !== undefined && account.kind !== 'system') {
        throw problems.invalid([
          {
            code: '904',
            field: 'rateLimitPerMinute',
            ...(input.rateLimitPerMinute !== null ? { value: String(input.rateLimitPerMinute) } : {}),
            message:
              'Лимит вызовов SOAP задаётся только системной учётной записи (информационной системы), не пользователю',
          },
        ]);
      }
      const changes = {
        fullName:
          input.fullName !== undefined && input.fullName !== account.fullName ? input.fullName : undefined,
        role: input.role !== undefined && input.role !== account.role ? input.role : undefined,
        status: input.status !== undefined && input.status !== account.status ? input.status : undefined,
        email: input.email !== undefined && input.email !== account.email ? input.email : undefined,
        rateLimitPerMinute:
          input.rateLimitPerMinute !== undefined && input.rateLimitPerMinute !== account.rateLimitPerMinute
            ? input.rateLimitPerMinute
            : undefined,
      };
      const fields = Object.entries(changes)
        .filter(([, value]) => value !== undefined)
        .map(([name]) => name);
      if (fields.length === 0) return account;

      const self = selfChangeRefusal(manager, username, changes);
      if (self) throw conflict(self);
      if (changes.role) {
        if (!roleFitsKind(changes.role, account.kind)) {
          throw problems.invalid([
            {
              code: '904',
              field: 'role',
              value: changes.role,
              message: 'Роль не подходит для вида учётной записи (пользователь или информационная система)',
            },
          ]);
        }
        const refusal = grantRefusal(manager, {
          role: changes.role,
          orgCode: account.orgCode,
          orgKind: roleOrganisationKind[account.role],
        });
        if (refusal) throw problems.forbidden(refusal);
      }

      await updateAccount(tx, username, changes);
      if (account.kind === 'person') {
        if (changes.role) await ports.people.setRole(username, changes.role, account.role);
        if (changes.fullName !== undefined || changes.email !== undefined) {
          await ports.people.updateProfile(username, {
            ...(changes.fullName ? { fullName: changes.fullName } : {}),
            ...(changes.email !== undefined ? { email: changes.email } : {}),
          });
        }
        if (changes.status) {
          await ports.people.setEnabled(username, changes.status === 'active');
          if (changes.status === 'disabled') await ports.people.signOutEverywhere(username);
        }
      }
      await audit(tx, 'update', 'account', { records: [username] }, { fields });
      return (await findAccount(tx, username))!;
    }).catch((error: unknown) => {
      throw accountWriteProblem(error);
    });
    return { body: updated };
  },
);
