import type { PersonRecordSource } from '../../platform/area';

/** Referrals and stays about a person, counted within the caller's scope (row-level security). */
export const hospitalisationRecordSources: PersonRecordSource[] = [
  {
    sectionId: 'referrals',
    count: async (tx, personId) =>
      (
        await tx<{ n: number }[]>`select count(*)::int as n from hosp.referral where person_id = ${personId}`
      )[0]!.n,
  },
  {
    sectionId: 'hospitalisations',
    count: async (tx, personId) =>
      (await tx<{ n: number }[]>`select count(*)::int as n from hosp.stay where person_id = ${personId}`)[0]!
        .n,
  },
];
