import type { Db } from '../../platform/db/connection';

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

/** Aggregate figures of the region (no personal data; a SECURITY DEFINER function counts across scopes). */
export async function regionCounts(db: Db): Promise<RegionCounts> {
  const [row] = await db<RegionCounts[]>`select * from app.region_counts()`;
  return row!;
}
