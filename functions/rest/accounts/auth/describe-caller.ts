import { registered } from '../../../../shared/areas';
import { findOrganisation } from '../../../../shared/org/db/region-repository';
import { permissionsOf } from '../../../../shared/platform/access/permissions';
import { type Role, roleOrganisationKind, roleTitles } from '../../../../shared/platform/access/roles';
import { sectionsFor } from '../../../../shared/platform/access/sections';
import type { Db } from '../../../../shared/platform/db/connection';

/** The signed-in user as the web UI shows it: name, role, organisation and the sections the role sees. */
export async function describeCaller(
  db: Db,
  who: { username: string; role: Role; orgCode: string; fullName?: string },
) {
  const org = await findOrganisation(db, who.orgCode);
  const fullName =
    who.fullName ??
    (
      await db<{ full_name: string }[]>`select full_name from auth.account where username = ${who.username}`
    )[0]?.full_name ??
    who.username;
  const kind = roleOrganisationKind[who.role];
  return {
    username: who.username,
    fullName,
    role: who.role,
    roleTitle: roleTitles[who.role],
    organisation: {
      code: who.orgCode,
      kind,
      name: org?.name ?? who.orgCode,
      shortName: org?.shortName ?? who.orgCode,
      hasBeds: org?.hasBeds ?? false,
    },
    permissions: permissionsOf(who.role, registered.permissions),
    sections: sectionsFor(who.role, registered.sections).map(({ id, title, path, available }) => ({
      id,
      title,
      path,
      available,
    })),
  };
}
