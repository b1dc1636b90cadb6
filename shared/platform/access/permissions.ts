import type { Caller } from './caller';
import { type Role, roleOrganisationKind, roles } from './roles';

/**
 * What each role may do, independent of scope (the database's row-level security decides *which* rows). A
 * handler asks `can(caller, permission)` before acting; the web UI receives the caller's permissions from
 * `GET /api/v1/me` to show only the actions that will succeed.
 */
export const permissionRoles = {
  /** Search persons and open a person card (rows limited to the caller's scope by RLS). */
  'persons.read': [
    'mo_registrar',
    'mo_head',
    'mo_admin',
    'smo_representative',
    'smo_admin',
    'tfoms_analyst',
    'nsi_operator',
    'fund_admin',
  ],
  /** The insurance-affiliation query (ЕРЗ ZP1 idea): any participant checks a person's policy. */
  'persons.query-affiliation': [
    'mo_registrar',
    'mo_head',
    'mo_admin',
    'mo_system',
    'smo_representative',
    'smo_admin',
    'smo_system',
    'tfoms_analyst',
    'fund_admin',
    'tfoms_system',
  ],
  /** Load ЕРЗ extracts into the register. */
  'erz.import': ['fund_admin', 'tfoms_system'],
  /** See the journal of ЕРЗ imports. */
  'erz.read-imports': ['fund_admin', 'tfoms_analyst', 'nsi_operator', 'tfoms_system'],
  /** Maintain organisations, departments, beds, districts, doctors; import the F003/F002 directories. */
  'organisations.edit': ['nsi_operator', 'fund_admin'],
  /** Manage accounts (of the own organisation; the fund administrator: all). */
  'accounts.manage': ['mo_admin', 'smo_admin', 'fund_admin'],
  /** Search and export the audit log of the whole region. */
  'audit.read': ['tfoms_analyst', 'fund_admin'],
  /** Load a new publication of a reference directory (НСИ). */
  'nsi.load': ['nsi_operator', 'fund_admin'],
  /** Send referrals, admissions, discharges, free beds and plans (an МО, for itself). */
  'hospitalisation.send': ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'],
  /** Cancel a referral (either МО of it, or the person's СМО). */
  'referrals.cancel': [
    'mo_registrar',
    'mo_head',
    'mo_admin',
    'mo_system',
    'smo_representative',
    'smo_admin',
    'smo_system',
  ],
  /** Read referrals, stays, free beds and plans within the scope. */
  'hospitalisation.read': [
    'mo_registrar',
    'mo_head',
    'mo_admin',
    'mo_system',
    'smo_representative',
    'smo_admin',
    'smo_system',
    'tfoms_analyst',
    'fund_admin',
    'nsi_operator',
  ],
  /** Change the severity of FLK rules. */
  'flk.configure': ['nsi_operator', 'fund_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;

export function can(who: Pick<Caller, 'role'>, permission: Permission): boolean {
  return (permissionRoles[permission] as readonly Role[]).includes(who.role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(permissionRoles) as Permission[]).filter((p) => can({ role }, p));
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
