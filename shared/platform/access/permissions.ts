import type { Caller } from './caller';
import type { Role } from './roles';

/**
 * What a role may do, independent of scope (the database's row-level security decides *which* rows). Each area
 * defines its own permissions (`shared/<area>/permissions.ts`); a handler asks `can(caller, permission)` before
 * acting; the web UI receives the caller's permission ids from `GET /api/v1/me` to show only the actions that
 * will succeed.
 */
export interface Permission {
  /** Stable id the web UI sees, `<area>.<action>`. */
  readonly id: string;
  readonly roles: readonly Role[];
  readonly description: string;
}

/** Defines an area's permissions: `{ send: { id, roles, description } }` keyed by a short name. */
export function definePermissions<const T extends Record<string, Permission>>(table: T): T {
  return table;
}

export function can(who: Pick<Caller, 'role'>, permission: Permission): boolean {
  return permission.roles.includes(who.role);
}

/** The ids of the permissions a role holds, among `all` (every area's, assembled in shared/areas.ts). */
export function permissionsOf(role: Role, all: readonly Permission[]): string[] {
  return all.filter((p) => p.roles.includes(role)).map((p) => p.id);
}
