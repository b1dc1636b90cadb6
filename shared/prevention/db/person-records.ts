import type { PersonRecordSource } from '../../platform/area';

const count = (rows: { n: number }[]) => rows[0]!.n;

/**
 * A person's prevention records the person card links to, counted within the caller's scope (row-level
 * security): plan entries («Медосмотры»), dispensary observations («Диспансерное наблюдение») and polyclinic
 * service cases.
 */
export const preventionRecordSources: PersonRecordSource[] = [
  {
    sectionId: 'prevention',
    count: async (tx, personId) =>
      count(
        await tx<
          { n: number }[]
        >`select count(*)::int as n from prevention.plan_entry where person_id = ${personId}`,
      ),
  },
  {
    sectionId: 'dispensary',
    count: async (tx, personId) =>
      count(
        await tx<
          { n: number }[]
        >`select count(*)::int as n from prevention.dispensary where person_id = ${personId}`,
      ),
  },
  {
    sectionId: 'polyclinic-cases',
    count: async (tx, personId) =>
      count(
        await tx<
          { n: number }[]
        >`select count(*)::int as n from prevention.polyclinic_case where person_id = ${personId}`,
      ),
  },
];
