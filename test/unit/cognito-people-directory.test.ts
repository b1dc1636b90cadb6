import { SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { directoryProblem } from '../../functions/rest/accounts/account-problems';
import { Refusal } from '../../shared/platform/flk/refusal';
import { cognitoPeopleDirectory } from '../../shared/platform/ports/cognito-people-directory';
import { PeopleDirectoryError } from '../../shared/platform/ports/people-directory';
import { awsError, fakeAws } from '../helpers/fake-aws';

const cognito = fakeAws();
const settings = { userPoolId: 'eu-central-1_pool', clientId: 'web-client' };
const directory = () => cognitoPeopleDirectory(settings, cognito.options);

async function idToken(username: string): Promise<string> {
  return new SignJWT({ 'cognito:username': username, 'cognito:groups': ['mo_registrar'] })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('not-cognito-key'));
}

beforeEach(() => {
  cognito.reset();
});

describe('Cognito people directory: administration', () => {
  it('creates a user with name, e-mail and organisation, a suppressed invitation, and adds the role group', async () => {
    // Prepare
    cognito.on('AdminCreateUser').resolves({}).on('AdminAddUserToGroup').resolves({});

    // Act
    const stored = await directory().createPerson({
      username: 'ivanova',
      fullName: 'Иванова Анна',
      email: 'ivanova@example.org',
      role: 'mo_registrar',
      orgCode: '990001',
      temporaryPassword: 'Temp-Passw0rd!',
    });

    // Assess
    expect(stored).toEqual({ passwordHash: null });
    expect(cognito.calls('AdminCreateUser')[0]).toEqual({
      UserPoolId: 'eu-central-1_pool',
      Username: 'ivanova',
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'name', Value: 'Иванова Анна' },
        { Name: 'custom:org_code', Value: '990001' },
        { Name: 'email', Value: 'ivanova@example.org' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    expect(cognito.calls('AdminAddUserToGroup')[0]).toEqual({
      UserPoolId: 'eu-central-1_pool',
      Username: 'ivanova',
      GroupName: 'mo_registrar',
    });
    // Admin actions are signed with the function's role (IAM grants them to `cognitoAdmin` functions)
    const [create] = cognito.requests();
    expect(create!.request.url).toBe('https://cognito-idp.eu-central-1.amazonaws.com/');
    expect(create!.request.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AdminCreateUser');
    expect(create!.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });

  it('maps UsernameExistsException to a 409 problem and adds no group', async () => {
    // Prepare
    cognito.on('AdminCreateUser').rejects(awsError('UsernameExistsException', 'User account already exists'));

    // Act
    const error = await directory()
      .createPerson({
        username: 'ivanova',
        fullName: 'Иванова Анна',
        email: null,
        role: 'mo_registrar',
        orgCode: '990001',
        temporaryPassword: 'Temp-Passw0rd!',
      })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PeopleDirectoryError);
    expect(error).toMatchObject({ code: 'exists' });
    const problem = directoryProblem(error);
    expect(problem).toBeInstanceOf(Refusal);
    expect(problem).toMatchObject({ reason: 'conflict', title: 'Конфликт' });
    expect(cognito.calls('AdminAddUserToGroup')).toHaveLength(0);
  });

  it('moves a user between role groups, leaving the old group first', async () => {
    // Prepare
    const order: string[] = [];
    cognito
      .on('AdminRemoveUserFromGroup')
      .callsFake(() => order.push('remove'))
      .on('AdminAddUserToGroup')
      .callsFake(() => order.push('add'));

    // Act
    await directory().setRole('ivanova', 'mo_head', 'mo_registrar');
    await directory().setRole('ivanova', 'mo_head', 'mo_head');

    // Assess
    expect(order).toEqual(['remove', 'add']);
    expect(cognito.calls('AdminRemoveUserFromGroup')[0]).toMatchObject({
      Username: 'ivanova',
      GroupName: 'mo_registrar',
    });
    expect(cognito.calls('AdminAddUserToGroup')[0]).toMatchObject({
      Username: 'ivanova',
      GroupName: 'mo_head',
    });
  });

  it('disables, enables, resets a password (temporary), signs out everywhere and updates attributes', async () => {
    // Prepare
    cognito.onAnyOperation().resolves({});
    const people = directory();

    // Act
    await people.setEnabled('ivanova', false);
    await people.setEnabled('ivanova', true);
    const reset = await people.resetPassword('ivanova', 'Новый-пароль-1!');
    await people.signOutEverywhere('ivanova');
    await people.updateProfile('ivanova', { fullName: 'Иванова Анна Петровна', email: null });

    // Assess
    const pool = { UserPoolId: 'eu-central-1_pool', Username: 'ivanova' };
    expect(cognito.calls('AdminDisableUser')[0]).toEqual(pool);
    expect(cognito.calls('AdminEnableUser')[0]).toEqual(pool);
    expect(cognito.calls('AdminSetUserPassword')[0]).toEqual({
      ...pool,
      Password: 'Новый-пароль-1!',
      Permanent: false,
    });
    expect(reset).toEqual({ passwordHash: null });
    expect(cognito.calls('AdminUserGlobalSignOut')[0]).toEqual(pool);
    expect(cognito.calls('AdminUpdateUserAttributes')[0]).toEqual({
      ...pool,
      UserAttributes: [{ Name: 'name', Value: 'Иванова Анна Петровна' }],
    });
  });

  it('maps a refused password to a 400 problem and throttling to 503; other errors pass unchanged', async () => {
    // Prepare
    cognito
      .on('AdminSetUserPassword')
      .rejects(awsError('InvalidPasswordException', 'Password does not conform to policy'))
      .on('AdminDisableUser')
      .rejects(awsError('TooManyRequestsException'))
      .on('AdminEnableUser')
      .rejects(awsError('AccessDeniedException'));

    // Act
    const invalid = await directory()
      .resetPassword('ivanova', 'weak')
      .catch((e: unknown) => e);
    const throttled = await directory()
      .setEnabled('ivanova', false)
      .catch((e: unknown) => e);
    const denied = await directory()
      .setEnabled('ivanova', true)
      .catch((e: unknown) => e);

    // Assess
    expect(directoryProblem(invalid)).toMatchObject({
      reason: 'invalid',
      issues: [expect.objectContaining({ code: '904', field: 'password' })],
    });
    expect(directoryProblem(throttled)).toMatchObject({ reason: 'unavailable' });
    expect(directoryProblem(denied)).toBe(denied);
    expect(denied).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('answers 503 when the pool is not configured, without calling Cognito', async () => {
    // Act
    const error = await cognitoPeopleDirectory({ userPoolId: undefined, clientId: undefined })
      .setEnabled('ivanova', false)
      .catch((e: unknown) => e);

    // Assess
    expect(directoryProblem(error)).toMatchObject({ reason: 'unavailable' });
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('Cognito people directory: sign-in', () => {
  it('signs in with USER_PASSWORD_AUTH on the web client and names the account from the ID token', async () => {
    // Prepare: the person typed their e-mail alias
    const token = await idToken('ivanova');
    cognito.on('InitiateAuth').resolves({ AuthenticationResult: { IdToken: token, ExpiresIn: 3600 } });

    // Act
    const result = await directory().signIn('ivanova@example.org', 'Пароль-123');

    // Assess
    expect(cognito.calls('InitiateAuth')[0]).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'web-client',
      AuthParameters: { USERNAME: 'ivanova@example.org', PASSWORD: 'Пароль-123' },
    });
    expect(result).toMatchObject({ ok: true, username: 'ivanova', token });
    expect(cognito.requests()[0]!.request.headers.authorization).toBeUndefined();
    if (!result.ok) throw new Error('expected a sign-in');
    expect(result.expiresAt.getTime() - Date.now()).toBeGreaterThan(3_590_000);
  });

  it('maps NotAuthorizedException to invalid credentials, too many attempts to locked, a disabled user to disabled', async () => {
    // Prepare
    cognito
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'a', PASSWORD: 'x' } })
      .rejects(awsError('NotAuthorizedException', 'Incorrect username or password.'))
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'b', PASSWORD: 'x' } })
      .rejects(awsError('NotAuthorizedException', 'Password attempts exceeded'))
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'c', PASSWORD: 'x' } })
      .rejects(awsError('NotAuthorizedException', 'User is disabled.'))
      .on('InitiateAuth', { AuthParameters: { USERNAME: 'd', PASSWORD: 'x' } })
      .rejects(awsError('UserNotFoundException'));

    // Act
    const people = directory();
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((u) => people.signIn(u, 'x')));

    // Assess
    expect(answers).toEqual([
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'locked' },
      { ok: false, reason: 'disabled' },
      { ok: false, reason: 'invalid' },
    ]);
  });

  it('answers a temporary password with new-password-required, and completes the challenge with a new password', async () => {
    // Prepare
    const token = await idToken('ivanova');
    cognito
      .on('InitiateAuth')
      .resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session-1' })
      .on('RespondToAuthChallenge')
      .resolves({ AuthenticationResult: { IdToken: token, ExpiresIn: 3600 } });
    const people = directory();

    // Act
    const first = await people.signIn('ivanova', 'Temp-Passw0rd!');
    const second = await people.signIn('ivanova', 'Temp-Passw0rd!', 'Постоянный-пароль-9!');

    // Assess
    expect(first).toEqual({ ok: false, reason: 'new-password-required' });
    expect(second).toMatchObject({ ok: true, username: 'ivanova' });
    expect(cognito.calls('RespondToAuthChallenge')[0]).toEqual({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: 'web-client',
      Session: 'session-1',
      ChallengeResponses: { USERNAME: 'ivanova', NEW_PASSWORD: 'Постоянный-пароль-9!' },
    });
  });

  it('reports a second-factor challenge it cannot answer as mfa-required', async () => {
    // Prepare
    cognito.on('InitiateAuth').resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' });

    // Act
    const result = await directory().signIn('ivanova', 'Пароль-123');

    // Assess
    expect(result).toEqual({ ok: false, reason: 'mfa-required' });
  });
});
