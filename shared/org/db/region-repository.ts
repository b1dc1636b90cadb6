import type { Db } from '../../platform/db/connection';

export interface OrganisationRow {
  code: string;
  kind: 'MO' | 'SMO' | 'TFOMS';
  name: string;
  shortName: string;
  /** A hospital: it has departments with beds (it admits patients and reports free beds). */
  hasBeds: boolean;
}

export async function findOrganisation(db: Db, code: string): Promise<OrganisationRow | null> {
  const [row] = await db<OrganisationRow[]>`
    select o.code, o.kind, o.name, o.short_name as "shortName",
           exists (select 1 from org.department d join org.department_bed b on b.department_id = d.id
                   where d.mo_code = o.code and d.date_end is null and b.beds > 0) as "hasBeds"
    from org.organisation o where o.code = ${code}`;
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
