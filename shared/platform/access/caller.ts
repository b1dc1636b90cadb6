import { isRole, type OrganisationKind, type Role, roleOrganisationKind } from './roles';

/** Who is calling: taken from verified token claims (web) or an authenticated system account (SOAP). */
export interface Caller {
  username: string;
  role: Role;
  orgCode: string;
  orgKind: OrganisationKind;
  channel: 'web' | 'rest' | 'soap' | 'file';
}

/**
 * Reads a caller from the claims API Gateway's Cognito authorizer passes on (`requestContext.authorizer.claims`;
 * every value a string, `cognito:groups` flattened). The local issuer signs the same claim names.
 */
export function callerFromClaims(
  claims: Record<string, unknown> | undefined | null,
  channel: 'web' | 'rest' = 'web',
): Caller | null {
  if (!claims) return null;
  const username = String(claims['cognito:username'] ?? claims.username ?? '');
  const groups = String(claims['cognito:groups'] ?? '')
    .replace(/[[\]]/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const role = groups.find(isRole);
  const orgCode = String(claims['custom:org_code'] ?? '');
  if (!username || !role || !orgCode) return null;
  return { username, role, orgCode, orgKind: roleOrganisationKind[role], channel };
}
