import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { StoredAccount } from '../access/sign-in';

/** A signed session token with the same claim names as a Cognito ID token. */
export interface IssuedToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

export interface TokenIssuer {
  issue(account: StoredAccount): Promise<IssuedToken>;
  /** Returns the claims of a valid, unexpired token, or null. */
  verify(token: string): Promise<Record<string, string> | null>;
}

const issuer = 'omslink-local';
const audience = 'omslink-web';

/**
 * The local identity adapter: HS256 JWTs (jose) carrying `cognito:username`, `cognito:groups` (the role) and
 * `custom:org_code`, valid for 8 hours. In AWS the Cognito user pool issues tokens with the same claims.
 */
export function localTokenIssuer(secret: string, ttlSeconds = 8 * 3600): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(account) {
      const jti = randomUUID();
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({
        'cognito:username': account.username,
        'cognito:groups': [account.role],
        'custom:org_code': account.orgCode,
        name: account.fullName,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(account.username)
        .setJti(jti)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, jti, expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer, audience, algorithms: ['HS256'] });
        // Flatten as API Gateway's Cognito authorizer does: every claim a string, groups comma-joined.
        const claims: Record<string, string> = {};
        for (const [k, v] of Object.entries(payload)) claims[k] = Array.isArray(v) ? v.join(',') : String(v);
        return claims;
      } catch {
        return null;
      }
    },
  };
}
