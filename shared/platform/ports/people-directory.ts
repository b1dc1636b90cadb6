import type { Role } from '../access/roles';

/** A person to create in the directory. */
export interface NewPerson {
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  orgCode: string;
  /** The first password; the directory may require it to be changed at the first sign-in (Cognito does). */
  temporaryPassword: string;
}

/**
 * What a write leaves for the database: the scrypt hash to store in auth.account (local directory), or null
 * when the directory itself holds the password (Cognito).
 */
export interface StoredPassword {
  passwordHash: string | null;
}

export type PeopleSignInResult =
  | { ok: true; username: string; token: string; expiresAt: Date }
  | {
      ok: false;
      /**
       * `new-password-required`: a temporary password was right, a new one must be chosen (Cognito);
       * `mfa-required`: the person enrolled a second factor, which this sign-in route does not take.
       */
      reason: 'invalid' | 'locked' | 'disabled' | 'new-password-required' | 'mfa-required';
      lockedUntil?: Date;
    };

/**
 * Where people's passwords live and who issues their ID tokens: locally auth.account's scrypt hashes and the
 * local token issuer, in AWS the Cognito user pool (groups = roles, `custom:org_code`). The auth.account row
 * stays the source of role and organisation in both; this port keeps the directory in step with it. System
 * accounts (SOAP) never appear here: their secrets live in auth.system_secret in both modes.
 */
export interface PeopleDirectory {
  readonly kind: 'local' | 'cognito';
  createPerson(person: NewPerson): Promise<StoredPassword>;
  /** Moves the person from the group of `previous` to the group of `role`. */
  setRole(username: string, role: Role, previous: Role): Promise<void>;
  updateProfile(username: string, profile: { fullName?: string; email?: string | null }): Promise<void>;
  setEnabled(username: string, enabled: boolean): Promise<void>;
  /** An administrator sets a new password (in Cognito a temporary one, to be changed at the next sign-in). */
  resetPassword(username: string, password: string): Promise<StoredPassword>;
  /** Ends every session of the person (Cognito revokes refresh tokens; local tokens simply run out). */
  signOutEverywhere(username: string): Promise<void>;
  /** Checks the password and issues an ID token with Cognito claim names; `newPassword` answers a challenge. */
  signIn(username: string, password: string, newPassword?: string): Promise<PeopleSignInResult>;
}

/** A directory refusal a caller can act on; handlers map it to a problem (409, 400, 404, 503). */
export class PeopleDirectoryError extends Error {
  constructor(
    readonly code: 'exists' | 'not-found' | 'invalid-password' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'PeopleDirectoryError';
  }
}
