import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestFunction, restFunctions } from '../../functions/manifest';
import type { OmslinkStacks } from '../../infra/stacks/omslink-stacks';
import { actionsOf, buildTestApp, omsFunctionsOf, onlyResource, rolePolicyStatements } from './omslink-app';

/**
 * A route that exists only in this test: the manifest has no account-management route yet, and the grant must be
 * proven before one lands. Its handler module only has to exist (bundling is skipped).
 */
const testOnlyAccountsRoute: RestFunction = {
  kind: 'rest',
  name: 'TestOnlyAccountAdmin',
  entry: 'functions/rest/health.ts',
  method: 'POST',
  path: '/api/v1/test-only/accounts',
  auth: 'user',
  cognitoAdmin: true,
};

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

let stacks: OmslinkStacks;
let cleanup: () => void;
let api: Template;

beforeAll(() => {
  ({ stacks, cleanup } = buildTestApp({
    bundle: false,
    withWebBuild: false,
    restFunctions: [...restFunctions, testOnlyAccountsRoute],
  }));
  api = Template.fromStack(stacks.api);
});

afterAll(() => cleanup());

/** The Cognito statements of a function's role. */
function cognitoStatements(functionName: string) {
  const fn = omsFunctionsOf(stacks.api).get(functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  return rolePolicyStatements(fn.template, fn.logicalId).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('cognito-idp:') || action === '*'),
  );
}

describe('API stack: Cognito admin access for account management', () => {
  it('grants a cognitoAdmin function exactly the admin actions, on the user pool ARN only', () => {
    const pool = onlyResource(api, 'AWS::Cognito::UserPool');
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
    const functions = [...omsFunctionsOf(stacks.api).keys()];
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
