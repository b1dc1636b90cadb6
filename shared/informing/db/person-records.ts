import type { PersonRecordSource } from '../../platform/area';

/** A person's informing requests (their informing history), counted within the caller's scope. */
export const informingRecordSources: PersonRecordSource[] = [
  {
    sectionId: 'informing-requests',
    count: async (tx, personId) =>
      (
        await tx<
          { n: number }[]
        >`select count(*)::int as n from informing.request where person_id = ${personId}`
      )[0]!.n,
  },
];
