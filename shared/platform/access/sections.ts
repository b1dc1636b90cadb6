import { can, type Permission } from './permissions';
import { type OrganisationKind, organisationKinds, type Role, roleOrganisationKind } from './roles';

/**
 * A section of the web UI. Each area registers its own (shared/<area>/index.ts); sections not built yet are
 * listed once in shared/areas.ts so the UI says so honestly instead of showing invented data.
 */
export interface SectionSpec {
  id: string;
  title: string;
  path: string;
  /** Organisation kinds whose people see the section (ARCHITECTURE §1 visibility). */
  kinds: readonly OrganisationKind[];
  /** When set, only roles with this permission see the section. */
  permission?: Permission;
  available: boolean;
  /** Place in the navigation (ascending). */
  order: number;
}

export const allKinds = organisationKinds;

/** The sections a role sees, in navigation order: its organisation kind's, narrowed by the permission. */
export function sectionsFor(role: Role, all: readonly SectionSpec[]): SectionSpec[] {
  const kind = roleOrganisationKind[role];
  return all
    .filter((s) => s.kinds.includes(kind) && (!s.permission || can({ role }, s.permission)))
    .sort((a, b) => a.order - b.order);
}
