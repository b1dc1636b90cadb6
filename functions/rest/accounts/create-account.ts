import {
  findAccount,
  insertAccount,
  setPasswordHash,
  usernameTaken,
} from '../../../shared/accounts/db/accounts-admin';
import { issueSecret } from '../../../shared/accounts/db/system-secrets';
import { CreateAccountRequest } from '../../../shared/accounts/domain/account-requests';
import { grantRefusal, roleFitsKind } from '../../../shared/accounts/domain/account-rules';
import {
  generateSystemSecret,
  generateTemporaryPassword,
} from '../../../shared/accounts/domain/system-secret';
import { accountsPermissions } from '../../../shared/accounts/permissions';
import { findOrganisation } from '../../../shared/org/db/region-repository';
import { hashSecret } from '../../../shared/platform/access/password';
import { audit } from '../../../shared/platform/access/scoped';
import { cognitoPeopleAdapter } from '../../../shared/platform/ports/cognito-people-directory';
import { problems } from '../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { accountWriteProblem, conflict } from './account-problems';

/**
 * POST /api/v1/accounts — creates a person (password in the people directory: local scrypt hash or Cognito;
 * a temporary one is generated and returned once when none is given) or a system account (its first secret is
 * generated, returned once, stored only hashed).
 */
export const handler = restHandler(
  { auth: 'user', adapters: [cognitoPeopleAdapter] },
  async ({ event, caller, ports, db }) => {
    const manager = requirePermission(caller, accountsPermissions.manage);
    const input = parseBody(event, CreateAccountRequest);
    if (!roleFitsKind(input.role, input.kind)) {
      throw problems.invalid([
        {
          code: '904',
          field: 'role',
          value: input.role,
          message:
            input.kind === 'system'
              ? 'Системной учётной записи назначается только роль информационной системы'
              : 'Роль информационной системы назначается только системной учётной записи',
        },
      ]);
    }
    if (input.kind === 'system' && input.password) {
      throw problems.invalid([
        {
          code: '904',
          field: 'password',
          message: 'Секрет системной учётной записи формируется автоматически',
        },
      ]);
    }

    const created = await db(async (tx) => {
      const org = await findOrganisation(tx, input.orgCode);
      if (!org) throw problems.notFound(`Организация с кодом ${input.orgCode} не найдена.`);
      const refusal = grantRefusal(manager, { role: input.role, orgCode: org.code, orgKind: org.kind });
      if (refusal) throw problems.forbidden(refusal);
      if (await usernameTaken(tx, input.username)) {
        throw conflict(`Учётная запись «${input.username}» уже существует.`);
      }
      await insertAccount(tx, { ...input, email: input.email ?? null });

      let temporaryPassword: string | undefined;
      let secret: { id: string; value: string; label: string } | undefined;
      if (input.kind === 'person') {
        const password = input.password ?? generateTemporaryPassword();
        temporaryPassword = input.password ? undefined : password;
        // Inside the transaction: if the directory refuses, the account row is not kept either.
        const stored = await ports.people.createPerson({
          username: input.username,
          fullName: input.fullName,
          email: input.email ?? null,
          role: input.role,
          orgCode: org.code,
          temporaryPassword: password,
        });
        if (stored.passwordHash) await setPasswordHash(tx, input.username, stored.passwordHash);
      } else {
        const value = generateSystemSecret();
        const issued = await issueSecret(tx, {
          username: input.username,
          hash: await hashSecret(value),
          label: 'начальный',
          overlapHours: 0,
        });
        secret = { id: issued.secret.id, value, label: issued.secret.label };
      }
      await audit(
        tx,
        'create',
        'account',
        { records: [input.username] },
        {
          kind: input.kind,
          role: input.role,
          orgCode: org.code,
          fields: Object.keys(input).filter((k) => k !== 'password'),
          ...(secret ? { secretId: secret.id } : {}),
        },
      );
      const account = await findAccount(tx, input.username);
      return { account, ...(temporaryPassword ? { temporaryPassword } : {}), ...(secret ? { secret } : {}) };
    }).catch((error: unknown) => {
      throw accountWriteProblem(error);
    });
    return { status: 201, body: created };
  },
);
