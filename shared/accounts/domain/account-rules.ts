import type { Caller } from '../../platform/access/caller';
import {
  isSystemRole,
  type OrganisationKind,
  type Role,
  roleOrganisationKind,
  roles,
} from '../../platform/access/roles';

export type AccountKind = 'person' | 'system';

/** Roles only the fund's own administrator hands out (a МО/СМО administrator never grants them). */
const fundRoles: readonly Role[] = roles.filter((r) => roleOrganisationKind[r] === 'TFOMS');

/** What an administrator wants to do to an account of some organisation. */
export interface AccountGrant {
  role: Role;
  orgCode: string;
  orgKind: OrganisationKind;
}

/**
 * Why `manager` may not give `grant` (Russian, for a 403 problem), or null when allowed. Row-level security on
 * auth.account refuses the same cases in the database; this answers them clearly before anything is written.
 */
export function grantRefusal(manager: Caller, grant: AccountGrant): string | null {
  if (manager.role !== 'fund_admin' && grant.orgCode !== manager.orgCode) {
    return 'Администратор организации управляет только учётными записями своей организации.';
  }
  if (manager.role !== 'fund_admin' && fundRoles.includes(grant.role)) {
    return 'Роли ТФОМС назначает только администратор фонда.';
  }
  if (roleOrganisationKind[grant.role] !== grant.orgKind) {
    return 'Роль не соответствует виду организации учётной записи.';
  }
  if (!grantableRoles(manager).includes(grant.role)) {
    return 'Эту роль вы назначать не можете.';
  }
  return null;
}

/** A system role belongs to a system account (SOAP), every other role to a person (web). */
export function roleFitsKind(role: Role, kind: AccountKind): boolean {
  return isSystemRole(role) === (kind === 'system');
}

/**
 * Bounds of a system account's own SOAP rate limit (calls a minute) an administrator sets; without one the
 * account has the system default (`OMSLINK_SYSTEM_RATE_LIMIT`).
 */
export const systemRateLimitRange = { min: 1, max: 1_000_000 } as const;

/** Password rule for people's accounts set by an administrator: at least 12 characters, letters and digits. */
export const passwordRule = {
  minLength: 12,
  maxLength: 128,
  message: 'Пароль: не короче 12 символов, должен содержать буквы и цифры',
} as const;

export function passwordAcceptable(password: string): boolean {
  return (
    password.length >= passwordRule.minLength &&
    password.length <= passwordRule.maxLength &&
    /\p{L}/u.test(password) &&
    /\d/.test(password)
  );
}

/** An administrator must not lock themselves out: no change of their own role, no disabling themselves. */
export function selfChangeRefusal(
  manager: Pick<Caller, 'username'>,
  username: string,
  changes: { role?: Role | undefined; status?: 'active' | 'disabled' | undefined },
): string | null {
  if (manager.username !== username) return null;
  if (changes.role !== undefined) return 'Нельзя изменить роль собственной учётной записи.';
  if (changes.status === 'disabled') return 'Нельзя отключить собственную учётную запись.';
  return null;
}

/**
 * Roles an account manager may grant: a МО/СМО administrator the roles of their own organisation kind (never
 * the fund's), the fund administrator any role; everybody else none.
 */
export function grantableRoles(manager: Pick<Caller, 'role' | 'orgKind'>): Role[] {
  if (manager.role === 'fund_admin') return [...roles];
  if (manager.role !== 'mo_admin' && manager.role !== 'smo_admin') return [];
  return roles.filter((r) => roleOrganisationKind[r] === manager.orgKind);
}
