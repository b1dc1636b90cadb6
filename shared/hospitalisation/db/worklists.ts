import type postgres from 'postgres';
import type { Tx } from '../../platform/db/connection';
import {
  type AdmissionWorklist,
  cancelledLookbackDays,
  expiringWithinDays,
  type FreeBedsWorklist,
  type ReferralWorklist,
} from '../domain/worklists';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/**
 * The worklists' filters (domain/worklists.ts) as conditions. Each states the caller's side of the scope too
 * (the МО that sent or receives, the СМО of the person), so the home page's count — the rows matching the
 * condition — and the list it opens — the list's scope and the same condition — are the same rows.
 */
export function referralWorklistCondition(tx: Tx, org: string, id: ReferralWorklist): Fragment {
  const issuedOverdue = tx`r.status = 'issued' and r.planned_date < current_date`;
  switch (id) {
    case 'sent-overdue':
      return tx`r.from_mo_code = ${org} and ${issuedOverdue}`;
    case 'sent-expiring':
      return tx`r.from_mo_code = ${org} and r.status = 'issued'
        and r.valid_until between current_date and current_date + ${expiringWithinDays}::int`;
    case 'sent-cancelled-by-others':
      return tx`r.from_mo_code = ${org} and r.status = 'cancelled'
        and r.cancel_org_code is distinct from ${org}
        and r.cancel_date >= current_date - ${cancelledLookbackDays}::int`;
    case 'to-admit-today':
      return tx`r.to_mo_code = ${org} and r.status = 'issued' and r.planned_date = current_date`;
    case 'incoming-overdue':
      return tx`r.to_mo_code = ${org} and ${issuedOverdue}`;
    case 'overdue':
      return tx`r.smo_code = ${org} and ${issuedOverdue}`;
    case 'cancelled-recent':
      return tx`r.smo_code = ${org} and r.status = 'cancelled' and r.cancel_date >= current_date - 1`;
  }
}

export function admissionWorklistCondition(tx: Tx, org: string, id: AdmissionWorklist): Fragment {
  const mine = tx`(s.mo_code = ${org} or s.referring_mo_code = ${org})`;
  const weekStart = tx`date_trunc('week', current_date)::date`;
  switch (id) {
    case 'admitted-week':
      return tx`${mine} and s.admitted_on >= ${weekStart}`;
    case 'discharged-week':
      return tx`${mine} and s.discharged_on >= ${weekStart}`;
    case 'in-hospital':
      return tx`s.mo_code = ${org} and s.discharged_on is null`;
    case 'admitted-recent':
      return tx`s.smo_code = ${org} and s.admitted_on >= current_date - 1`;
    case 'discharged-recent':
      return tx`s.smo_code = ${org} and s.discharged_on >= current_date - 1`;
  }
}

/** Over the latest report of each department × bed profile × conditions (the free-beds list). */
export function freeBedsWorklistCondition(tx: Tx, org: string, id: FreeBedsWorklist): Fragment {
  switch (id) {
    case 'not-reported-today':
      return tx`b.mo_code = ${org} and b.report_date < current_date`;
  }
}

/** How many referrals a worklist holds for the caller (row-level security scopes it as the list). */
export async function countReferralWorklist(tx: Tx, org: string, id: ReferralWorklist): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from hosp.referral r where ${referralWorklistCondition(tx, org, id)}`;
  return row?.n ?? 0;
}

/** How many stays a worklist holds for the caller. */
export async function countAdmissionWorklist(tx: Tx, org: string, id: AdmissionWorklist): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from hosp.stay s where ${admissionWorklistCondition(tx, org, id)}`;
  return row?.n ?? 0;
}
