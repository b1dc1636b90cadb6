import type { PersonRecordSource } from '../../platform/area';

/**
 * A person's informing history, counted within the caller's scope: the requests to inform them, and what the СМО
 * did (informing results and the surveys the person answered under their name).
 */
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
  {
    sectionId: 'patient-informing',
    count: async (tx, personId) =>
      (
        await tx<{ n: number }[]>`
          select ((select count(*) from informing.result where person_id = ${personId})
                + (select count(*) from informing.survey where person_id = ${personId}))::int as n`
      )[0]!.n,
  },
];
