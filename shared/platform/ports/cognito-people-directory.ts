import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { type PeopleDirectory, PeopleDirectoryError, type PeopleSignInResult } from './people-directory';
import type { AwsAdapter } from './ports';

export interface CognitoPoolSettings {
  userPoolId: string | undefined;
  /** The web client (USER_PASSWORD_AUTH enabled, no client secret). */
  clientId: string | undefined;
}

/** Cognito's error names, mapped to refusals a caller can act on; anything else propagates unchanged. */
function directoryError(error: unknown): unknown {
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'UsernameExistsException':
      return new PeopleDirectoryError('exists', 'Пользователь с таким именем уже есть в каталоге Cognito.');
    case 'UserNotFoundException':
      return new PeopleDirectoryError('not-found', 'Пользователь не найден в каталоге Cognito.');
    case 'InvalidPasswordException':
      return new PeopleDirectoryError(
        'invalid-password',
        'Пароль не соответствует политике паролей: не короче 12 символов, строчные и прописные буквы, цифры и специальные символы.',
      );
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'InternalErrorException':
      return new PeopleDirectoryError('unavailable', 'Каталог пользователей временно недоступен.');
    default:
      return error;
  }
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw directoryError(error);
  }
}

/** A sign-in refusal from Cognito's error, or null when the error is not about the credentials. */
function signInRefusal(error: unknown): PeopleSignInResult | null {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'NotAuthorizedException') {
    if (/attempts exceeded/i.test(message ?? '')) return { ok: false, reason: 'locked' };
    if (/disabled/i.test(message ?? '')) return { ok: false, reason: 'disabled' };
    return { ok: false, reason: 'invalid' };
  }
  if (name === 'UserNotFoundException' || name === 'PasswordResetRequiredException') {
    return { ok: false, reason: 'invalid' };
  }
  if (name === 'InvalidPasswordException') return { ok: false, reason: 'new-password-required' };
  return null;
}

/**
 * The AWS people directory: the Cognito user pool of infra/constructs/oms-user-pool.ts. Users carry `name`,
 * `email` and `custom:org_code`; their role is their group. Only the admin actions the api stack grants to
 * `cognitoAdmin` functions are used; sign-in is the public USER_PASSWORD_AUTH flow of the web client.
 */
export function cognitoPeopleDirectory(
  settings: CognitoPoolSettings,
  client = new CognitoIdentityProviderClient({}),
): PeopleDirectory {
  const pool = () => {
    if (!settings.userPoolId) {
      throw new PeopleDirectoryError('unavailable', 'Каталог пользователей Cognito не настроен.');
    }
    return settings.userPoolId;
  };
  const webClient = () => {
    if (!settings.clientId) {
      throw new PeopleDirectoryError('unavailable', 'Клиент Cognito для входа не настроен.');
    }
    return settings.clientId;
  };

  return {
    kind: 'cognito',
    async createPerson(person) {
      const attributes: AttributeType[] = [
        { Name: 'name', Value: person.fullName },
        { Name: 'custom:org_code', Value: person.orgCode },
      ];
      if (person.email) {
        attributes.push({ Name: 'email', Value: person.email }, { Name: 'email_verified', Value: 'true' });
      }
      await guarded(async () => {
        const UserPoolId = pool();
        // The administrator hands the temporary password over: Cognito sends no invitation of its own.
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId,
            Username: person.username,
            TemporaryPassword: person.temporaryPassword,
            MessageAction: 'SUPPRESS',
            UserAttributes: attributes,
          }),
        );
        await client.send(
          new AdminAddUserToGroupCommand({ UserPoolId, Username: person.username, GroupName: person.role }),
        );
      });
      return { passwordHash: null };
    },
    async setRole(username, role, previous) {
      if (role === previous) return;
      await guarded(async () => {
        const UserPoolId = pool();
        // Leave the old group first: a failure in between leaves no role at all (fail closed), never two.
        await client.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: username, GroupName: previous }),
        );
        await client.send(
          new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName: role }),
        );
      });
    },
    async updateProfile(username, profile) {
      const attributes: AttributeType[] = [];
      if (profile.fullName) attributes.push({ Name: 'name', Value: profile.fullName });
      if (profile.email) {
        attributes.push({ Name: 'email', Value: profile.email }, { Name: 'email_verified', Value: 'true' });
      }
      if (attributes.length === 0) return;
      await guarded(() =>
        client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: pool(),
            Username: username,
            UserAttributes: attributes,
          }),
        ),
      );
    },
    async setEnabled(username, enabled) {
      await guarded(() =>
        client.send(
          enabled
            ? new AdminEnableUserCommand({ UserPoolId: pool(), Username: username })
            : new AdminDisableUserCommand({ UserPoolId: pool(), Username: username }),
        ),
      );
    },
    async resetPassword(username, password) {
      await guarded(() =>
        client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: pool(),
            Username: username,
            Password: password,
            Permanent: false,
          }),
        ),
      );
      return { passwordHash: null };
    },
    async signOutEverywhere(username) {
      await guarded(() =>
        client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool(), Username: username })),
      );
    },
    async signIn(username, password, newPassword) {
      const ClientId = webClient();
      try {
        let answer = await client.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId,
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        );
        if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
          if (!newPassword) return { ok: false, reason: 'new-password-required' };
          answer = await client.send(
            new RespondToAuthChallengeCommand({
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              ClientId,
              Session: answer.Session,
              ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
            }),
          );
        }
        if (answer.ChallengeName) return { ok: false, reason: 'mfa-required' };
        const token = answer.AuthenticationResult?.IdToken;
        if (!token) throw new PeopleDirectoryError('unavailable', 'Cognito не выдал токен.');
        // The name the person typed may be the e-mail alias: the token names the account.
        const claims = decodeJwt(token);
        const expiresIn = answer.AuthenticationResult?.ExpiresIn ?? 3600;
        return {
          ok: true,
          username: String(claims['cognito:username'] ?? username).toLowerCase(),
          token,
          expiresAt: new Date(Date.now() + expiresIn * 1000),
        };
      } catch (error) {
        const refusal = signInRefusal(error);
        if (refusal) return refusal;
        throw directoryError(error);
      }
    },
  };
}

/** The people port in AWS (`declareAdapters`): the user pool and web client of COGNITO_USER_POOL_ID/CLIENT_ID. */
export const cognitoPeopleAdapter: AwsAdapter<'people'> = {
  port: 'people',
  create: (config) =>
    cognitoPeopleDirectory({ userPoolId: config.cognitoUserPoolId, clientId: config.cognitoClientId }),
};
