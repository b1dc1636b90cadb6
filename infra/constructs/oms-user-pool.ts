import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles, roleTitles } from '../../shared/platform/access/roles';

/** Custom attribute carrying the user's organisation code (F003 for МО, F002 for СМО, region code for ТФОМС). */
export const orgCodeAttribute = 'org_code';

/**
 * The people directory: administrators create users (no self sign-up), each user belongs to one group per role
 * of shared/domain/access/roles.ts and carries `custom:org_code`, which users cannot change themselves. The web
 * client signs in through the `/api/v1/auth/login` function (USER_PASSWORD_AUTH) or SRP.
 *
 * MFA is OPTIONAL, TOTP only. Cognito sets MFA for the whole pool, not per group, so "required for
 * administrators" cannot be said here; REQUIRED for everyone would stop registrars and insurance
 * representatives, who sign in from shared front-desk workstations, often without a work phone to hold an
 * authenticator. Administrators are to enrol; answering the TOTP challenge, enrolment and enforcing it for the
 * admin groups belong to the sign-in function (docs/architecture-notes.md, "MFA").
 */
export class OmsUserPool extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      customAttributes: {
        [orgCodeAttribute]: new StringAttribute({ minLen: 2, maxLen: 10, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      // Audit first: sign-ins arrive from the login function (one NAT address), so risk scoring must be
      // observed before it is allowed to block.
      standardThreatProtectionMode: StandardThreatProtectionMode.AUDIT_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of roles) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: roleTitles[role] });
    }

    const standardReadable = { email: true, emailVerified: true, fullname: true, preferredUsername: true };
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes(standardReadable)
        .withCustomAttributes(orgCodeAttribute),
      // No custom attributes: a user must never rewrite their own organisation.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        fullname: true,
        preferredUsername: true,
      }),
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA stays OPTIONAL with TOTP offered (SMS off), by decision: Cognito sets MFA per pool, not per group, ' +
        'and REQUIRED would lock out MO registrars and SMO representatives who sign in from shared front-desk ' +
        'workstations without a personal authenticator. Administrators (mo_admin, smo_admin, fund_admin) are ' +
        'to enrol TOTP once the sign-in function answers the TOTP challenge; see docs/architecture-notes.md "MFA".',
    });
  }
}
