import type { AccessContext } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type WorklistSpec, worklistsFor } from '../domain/worklists';
import { listFreeBeds } from './queries';
import { countAdmissionWorklist, countReferralWorklist } from './worklists';

/** A hospital has departments with beds: it admits patients and reports free beds. */
async function hasBeds(tx: Tx, org: string): Promise<boolean> {
  const [row] = await tx<{ beds: boolean }[]>`
    select exists (select 1 from org.department d join org.department_bed b on b.department_id = d.id
                   where d.mo_code = ${org} and d.date_end is null and b.beds > 0) as beds`;
  return row?.beds ?? false;
}

export type WorklistCount = WorklistSpec & { count: number };

/**
 * The caller's worklists with their counts. Each count runs the filter its list runs (db/worklists.ts), in the
 * same scoped transaction, so it equals the rows the list shows. Counting reads no personal data: no audit.
 */
export async function worklistCounts(tx: Tx, who: AccessContext): Promise<WorklistCount[]> {
  const beds = who.orgKind === 'MO' && (await hasBeds(tx, who.orgCode));
  const counts: WorklistCount[] = [];
  for (const spec of worklistsFor(who.orgKind, beds)) {
    const count =
      spec.list === 'referrals'
        ? await countReferralWorklist(tx, who.orgCode, spec.id)
        : spec.list === 'admissions'
          ? await countAdmissionWorklist(tx, who.orgCode, spec.id)
          : (await listFreeBeds(tx, { worklist: spec.id, orgCode: who.orgCode })).length;
    counts.push({ ...spec, count });
  }
  return counts;
}

export interface ProfileBeds {
  profile: number;
  profileName: string | null;
  /** Free beds by the latest report of each department, summed. */
  free: number;
  /** How many reports (rows of the free-beds list filtered by the profile). */
  reports: number;
}

/** Free beds of the region today by profile of care (V002), from each department's latest report. */
export function freeBedsByProfile(tx: Tx): Promise<ProfileBeds[]> {
  return tx<ProfileBeds[]>`
    select p.profile, nsi.name_on('V002', p.profile::text, current_date) as "profileName",
           sum(b.free_total)::int as free, count(*)::int as reports
    from hosp.free_beds b
    left join org.department d on d.mo_code = b.mo_code and d.code = b.department_code
    cross join lateral (select coalesce(b.profile_v002, d.profile_v002) as profile) p
    where p.profile is not null
      and b.report_date = (select max(x.report_date) from hosp.free_beds x
        where x.mo_code = b.mo_code and x.department_code = b.department_code
          and x.bed_profile_v020 = b.bed_profile_v020 and x.conditions_v006 = b.conditions_v006
          and x.report_date <= current_date)
    group by p.profile
    order by free desc, p.profile`;
}

/** Waiting days from referral to admission, in bins a registrar reads (labels are the UI's). */
export const waitingBins = [
  { id: '0', from: 0, to: 0 },
  { id: '1-3', from: 1, to: 3 },
  { id: '4-7', from: 4, to: 7 },
  { id: '8-14', from: 8, to: 14 },
  { id: '15-30', from: 15, to: 30 },
  { id: '31+', from: 31, to: null },
] as const;

/**
 * How many planned stays admitted in the last `days` days waited how long since their referral, in the caller's
 * scope (row-level security). No stays: no bins (nothing is invented); bins between are real zeros.
 */
export async function waitingDays(
  tx: Tx,
  who: AccessContext,
  days: number,
): Promise<{ bin: string; stays: number }[]> {
  // The scope stated as well (row-level security holds anyway), so each kind reads its own index.
  const org = who.orgCode;
  const scope =
    who.orgKind === 'MO'
      ? tx`(s.mo_code = ${org} or s.referring_mo_code = ${org})`
      : who.orgKind === 'SMO'
        ? tx`s.smo_code = ${org}`
        : tx`true`;
  const rows = await tx<{ wait: number; stays: number }[]>`
    select (s.admitted_on - s.referral_date) as wait, count(*)::int as stays
    from hosp.stay s
    where ${scope} and s.kind = 'planned' and s.referral_date is not null
      and s.admitted_on >= current_date - ${days}::int
    group by 1`;
  if (rows.length === 0) return [];
  return waitingBins.map((b) => ({
    bin: b.id,
    stays: rows
      .filter((r) => r.wait >= b.from && (b.to === null || r.wait <= b.to))
      .reduce((sum, r) => sum + r.stays, 0),
  }));
}
