import { hospitalisationRecordSources } from '../../hospitalisation/db/person-records';
import type { Role } from '../../platform/access/roles';
import { sectionsFor } from '../../platform/access/sections';
import type { Tx } from '../../platform/db/connection';

/**
 * A section's records about one person: each exchange area (referrals, hospitalisations, prevention, dispensary
 * observation, informing …) registers how to count them here. The count runs in the caller's scoped
 * transaction, so row-level security limits it to what the caller may see.
 */
export interface PersonRecordSource {
  sectionId: string;
  count(tx: Tx, personId: string): Promise<number>;
}

export const personRecordSources: readonly PersonRecordSource[] = [...hospitalisationRecordSources];

export interface PersonSectionLink {
  sectionId: string;
  title: string;
  path: string;
  count: number;
}

/** Links from the person card to every section holding records about the person that the role can open. */
export async function personSectionLinks(tx: Tx, personId: string, role: Role): Promise<PersonSectionLink[]> {
  const visible = new Map(sectionsFor(role).map((s) => [s.id, s]));
  const links: PersonSectionLink[] = [];
  for (const source of personRecordSources) {
    const section = visible.get(source.sectionId);
    if (!section?.available) continue;
    const count = await source.count(tx, personId);
    if (count > 0) links.push({ sectionId: section.id, title: section.title, path: section.path, count });
  }
  return links;
}
