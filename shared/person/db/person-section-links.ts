import type { Role } from '../../platform/access/roles';
import { type SectionSpec, sectionsFor } from '../../platform/access/sections';
import type { PersonRecordSource } from '../../platform/area';
import type { Tx } from '../../platform/db/connection';

export interface PersonSectionLink {
  sectionId: string;
  title: string;
  path: string;
  count: number;
}

/**
 * Links from the person card to every section holding records about the person that the role can open. The
 * areas register their record sources and sections (shared/areas.ts); the counts run in the caller's scoped
 * transaction, so row-level security limits them to what the caller may see.
 */
export async function personSectionLinks(
  tx: Tx,
  personId: string,
  role: Role,
  registered: { personRecords: readonly PersonRecordSource[]; sections: readonly SectionSpec[] },
): Promise<PersonSectionLink[]> {
  const visible = new Map(sectionsFor(role, registered.sections).map((s) => [s.id, s]));
  const links: PersonSectionLink[] = [];
  for (const source of registered.personRecords) {
    const section = visible.get(source.sectionId);
    if (!section?.available) continue;
    const count = await source.count(tx, personId);
    if (count > 0) links.push({ sectionId: section.id, title: section.title, path: section.path, count });
  }
  return links;
}
