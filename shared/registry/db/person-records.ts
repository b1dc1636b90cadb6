import type { PersonRecordSource } from '../../platform/area';

/** A person's onco cases in the register (the person card links to the person's onco page), within the scope. */
export const registryRecordSources: PersonRecordSource[] = [
  {
    sectionId: 'onco',
    count: async (tx, personId) =>
      (
        await tx<{ n: number }[]>`
          select count(*)::int as n from registry.zcase where person_id = ${personId} and onco`
      )[0]!.n,
  },
];
