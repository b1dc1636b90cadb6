import { accountStore } from '../access/account-repository';
import { hashSecret } from '../access/password';
import { signIn } from '../access/sign-in';
import type { Sql } from '../db/connection';
import type { TokenIssuer } from './identity';
import type { PeopleDirectory } from './people-directory';

/**
 * The local people directory: passwords are scrypt hashes in auth.account (the caller stores the hash this
 * returns, in its own transaction), tokens come from the local issuer. Role, organisation and status are read
 * from auth.account at sign-in, so group and enable/disable changes need nothing here.
 */
export function localPeopleDirectory(sql: () => Promise<Sql>, tokens: TokenIssuer): PeopleDirectory {
  return {
    kind: 'local',
    async createPerson(person) {
      return { passwordHash: await hashSecret(person.temporaryPassword) };
    },
    async setRole() {},
    async updateProfile() {},
    async setEnabled() {},
    async resetPassword(_username, password) {
      return { passwordHash: await hashSecret(password) };
    },
    // Local tokens are stateless (8 hours); a disabled account cannot sign in again.
    async signOutEverywhere() {},
    async signIn(username, password) {
      const result = await signIn(accountStore(await sql()), username, password, 'person');
      if (!result.ok) {
        return result.lockedUntil
          ? { ok: false, reason: result.reason, lockedUntil: result.lockedUntil }
          : { ok: false, reason: result.reason };
      }
      const issued = await tokens.issue(result.account);
      return {
        ok: true,
        username: result.account.username,
        token: issued.token,
        expiresAt: issued.expiresAt,
      };
    },
  };
}
