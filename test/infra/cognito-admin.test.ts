import { beforeAll, describe, expect, it } from 'vitest';
import { restFunctions } from '../../functions/manifest';
import {
  actionsOf,
  omsFunctionsOf,
  onlyResource,
  rolePolicyStatements,
  type SynthesizedApp,
  synthesizedApp,
} from './omslink-app';
import { testOnlyAccountsRoute } from './test-apps';

// test-apps.ts `accountAdmin`: the manifest plus `testOnlyAccountsRoute`, a `cognitoAdmin` route that exists only
// in this test (the manifest has no account-management route yet, and the grant must be proven before one lands).

/** Exactly what account management may do in the user pool (ask before widening it). */
const expectedAdminActions = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminUserGlobalSignOut',
];

let app: SynthesizedApp;

beforeAll(() => {
  app = synthesizedApp('accountAdmin');
});

/** The Cognito statements of a function's role. */
function cognitoStatements(functionName: string) {
  const fn = omsFunctionsOf(app.stacks.api).get(functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  return rolePolicyStatements(fn.template, fn.logicalId).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('cognito-idp:') || action === '*'),
  );
}

describe('API stack: Cognito admin access for account management', () => {
  it('grants a cognitoAdmin function exactly the admin actions, on the user pool ARN only', () => {
    const pool = onlyResource(app.stacks.api.template, 'AWS::Cognito::UserPool');
    const statements = cognitoStatements(testOnlyAccountsRoute.name);
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement?.Effect).toBe('Allow');
    expect(actionsOf(statement!).sort()).toEqual(expectedAdminActions);
    expect(statement?.Resource).toEqual({ 'Fn::GetAtt': [pool.logicalId, 'Arn'] });
    expect(statement?.Condition).toBeUndefined();
  });

  it('grants Cognito actions to no function without the flag', () => {
    const flagged = new Set(
      [...restFunctions, testOnlyAccountsRoute].filter((spec) => spec.cognitoAdmin).map((spec) => spec.name),
    );
    const functions = [...omsFunctionsOf(app.stacks.api).keys()];
    expect(functions).toContain(testOnlyAccountsRoute.name);
    for (const name of functions) {
      expect(cognitoStatements(name).length, name).toBe(flagged.has(name) ? 1 : 0);
    }
  });

  it('gives the login route no Cognito permission: InitiateAuth is a public API, not IAM-authorised', () => {
    const login = restFunctions.find((spec) => spec.name === 'AuthLogin');
    expect(login?.auth).toBe('public');
    expect(login?.cognitoAdmin).toBeFalsy();
    expect(cognitoStatements('AuthLogin')).toEqual([]);
  });
});
