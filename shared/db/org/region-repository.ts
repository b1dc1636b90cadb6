import type { Db } from '../connection';

export interface OrganisationRow {
  code: string;
  kind: 'MO' | 'SMO' | 'TFOMS';
  name: string;
  shortName: string;
}

export async function findOrganisation(db: Db, code: string): Promise<OrganisationRow | null> {
  const [row] = await db<OrganisationRow[]>`
    select code, kind, name, short_name as "shortName" from org.organisation where code = ${code}`;
  return row ?? null;
}

export interface RegionCounts {
  mo: number;
  smo: number;
  persons: number;
  policies: number;
  attachments: number;
  districts: number;
  doctors: number;
  departments: number;
  beds: number;
}

/** Aggregate figures of the region (no personal data). */
export async function regionCounts(db: Db): Promise<RegionCounts> {
  const [row] = await db<RegionCounts[]>`
    select
      (select count(*) from org.organisation where kind = 'MO')::int as mo,
      (select count(*) from org.organisation where kind = 'SMO')::int as smo,
      (select count(*) from person.person)::int as persons,
      (select count(*) from person.policy where date_end is null)::int as policies,
      (select count(*) from person.attachment where date_end is null)::int as attachments,
      (select count(*) from org.district)::int as districts,
      (select count(*) from org.doctor)::int as doctors,
      (select count(*) from org.department)::int as departments,
      (select coalesce(sum(beds), 0) from org.department_bed)::int as beds`;
  return row!;
}
