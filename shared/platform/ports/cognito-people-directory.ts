import { decodeJwt } from 'jose';
import { type AwsCallOptions, awsJsonCall } from '../aws/aws-json-call';
import { type PeopleDirectory, PeopleDirectoryError, type PeopleSignInResult } from './people-directory';
import type { AwsAdapter } from './ports';

export interface CognitoPoolSettings {
  userPoolId: string | undefined;
  /** The web client (USER_PASSWORD_AUTH enabled, no client secret). */
  clientId: string | undefined;
}

/** A user attribute as the Cognito API takes it. */
interface AttributeType {
  Name: string;
  Value: string;
}

/** What InitiateAuth and RespondToAuthChallenge answer (the fields read here). */
interface AuthAnswer {
  ChallengeName?: string;
  Session?: string;
  AuthenticationResult?: { IdToken?: string; ExpiresIn?: number };
}

const cognitoIdp = {
  service: 'cognito-idp',
  jsonVersion: '1.1',
  targetPrefix: 'AWSCognitoIdentityProviderService',
} as const;

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
 * `cognitoAdmin` functions are used; sign-in is the public USER_PASSWORD_AUTH flow of the web client (sent
 * unsigned, as IAM does not authorise it). The calls go through Cognito's JSON protocol without the SDK client
 * (shared/platform/aws/aws-json-call.ts says why).
 */
export function cognitoPeopleDirectory(
  settings: CognitoPoolSettings,
  options: AwsCallOptions = {},
): PeopleDirectory {
  const call = <T = unknown>(operation: string, input: object) =>
    awsJsonCall<T>(cognitoIdp, operation, input, options);
  const publicCall = (operation: string, input: object) =>
    awsJsonCall<AuthAnswer>(cognitoIdp, operation, input, { ...options, unsigned: true });
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
        await call('AdminCreateUser', {
          UserPoolId,
          Username: person.username,
          TemporaryPassword: person.temporaryPassword,
          MessageAction: 'SUPPRESS',
          UserAttributes: attributes,
        });
        await call('AdminAddUserToGroup', { UserPoolId, Username: person.username, GroupName: person.role });
      });
      return { passwordHash: null };
    },
    async setRole(username, role, previous) {
      if (role === previous) return;
      await guarded(async () => {
        const UserPoolId = pool();
        // Leave the old group first: a failure in between leaves no role at all (fail closed), never two.
        await call('AdminRemoveUserFromGroup', { UserPoolId, Username: username, GroupName: previous });
        await call('AdminAddUserToGroup', { UserPoolId, Username: username, GroupName: role });
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
        call('AdminUpdateUserAttributes', {
          UserPoolId: pool(),
          Username: username,
          UserAttributes: attributes,
        }),
      );
    },
    async setEnabled(username, enabled) {
      await guarded(() =>
        call(enabled ? 'AdminEnableUser' : 'AdminDisableUser', { UserPoolId: pool(), Username: username }),
      );
    },
    async resetPassword(username, password) {
      await guarded(() =>
        call('AdminSetUserPassword', {
          UserPoolId: pool(),
          Username: username,
          Password: password,
          Permanent: false,
        }),
      );
      return { passwordHash: null };
    },
    async signOutEverywhere(username) {
      await guarded(() => call('AdminUserGlobalSignOut', { UserPoolId: pool(), Username: username }));
    },
    async signIn(username, password, newPassword) {
      const ClientId = webClient();
      try {
        let answer = await publicCall('InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        });
        if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
          if (!newPassword) return { ok: false, reason: 'new-password-required' };
          answer = await publicCall('RespondToAuthChallenge', {
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            ClientId,
            Session: answer.Session,
            ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
          });
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
