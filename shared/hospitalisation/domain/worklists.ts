import type { OrganisationKind } from '../../platform/access/roles';

/**
 * What each organisation must act on today (the home page): named worklists, each a filter of one list
 * (referrals, stays, free beds). The list endpoints take `?worklist=<id>` and the home page's counts run the
 * very same filter (db/worklists.ts), so a count always equals the rows of the list it opens.
 */
export const referralWorklists = [
  'sent-overdue',
  'sent-expiring',
  'sent-cancelled-by-others',
  'to-admit-today',
  'incoming-overdue',
  'overdue',
  'cancelled-recent',
] as const;
export type ReferralWorklist = (typeof referralWorklists)[number];

export const admissionWorklists = [
  'admitted-week',
  'discharged-week',
  'in-hospital',
  'admitted-recent',
  'discharged-recent',
] as const;
export type AdmissionWorklist = (typeof admissionWorklists)[number];

export const freeBedsWorklists = ['not-reported-today'] as const;
export type FreeBedsWorklist = (typeof freeBedsWorklists)[number];

export type WorklistSpec =
  | { list: 'referrals'; id: ReferralWorklist; title: string }
  | { list: 'admissions'; id: AdmissionWorklist; title: string }
  | { list: 'free-beds'; id: FreeBedsWorklist; title: string };

/** An expiring referral is valid for at most this many days more. */
export const expiringWithinDays = 3;
/** «Cancelled by others» looks back this many days. */
export const cancelledLookbackDays = 7;

/** Which direction of the referral list a worklist reads (an МО's two sides, or all of the scope). */
export function referralWorklistDirection(id: ReferralWorklist): 'sent' | 'incoming' | 'all' {
  if (id.startsWith('sent-')) return 'sent';
  if (id === 'to-admit-today' || id === 'incoming-overdue') return 'incoming';
  return 'all';
}

/**
 * The worklists of an organisation: a polyclinic watches the referrals it sent and its patients' stays, a
 * hospital what it must admit and report, an СМО its insured persons' referrals and stays since yesterday.
 * The fund's worklists are the exchange's (packages rejected, silent organisations).
 */
export function worklistsFor(kind: OrganisationKind, hasBeds: boolean): WorklistSpec[] {
  if (kind === 'MO') {
    const own: WorklistSpec[] = [
      { list: 'referrals', id: 'sent-overdue', title: 'Направления с прошедшей плановой датой' },
      {
        list: 'referrals',
        id: 'sent-expiring',
        title: `Направления, срок действия которых истекает в ближайшие ${expiringWithinDays} дня`,
      },
      {
        list: 'referrals',
        id: 'sent-cancelled-by-others',
        title: `Направления, аннулированные другими за ${cancelledLookbackDays} дней`,
      },
      { list: 'admissions', id: 'admitted-week', title: 'Мои пациенты, госпитализированные на этой неделе' },
      { list: 'admissions', id: 'discharged-week', title: 'Мои пациенты, выписанные на этой неделе' },
    ];
    if (!hasBeds) return own;
    return [
      { list: 'referrals', id: 'to-admit-today', title: 'Госпитализировать сегодня' },
      { list: 'referrals', id: 'incoming-overdue', title: 'Просроченные плановые госпитализации' },
      {
        list: 'free-beds',
        id: 'not-reported-today',
        title: 'Сведения о свободных местах, не обновлённые сегодня',
      },
      { list: 'admissions', id: 'in-hospital', title: 'В стационаре сейчас' },
      ...own,
    ];
  }
  if (kind === 'SMO') {
    return [
      { list: 'referrals', id: 'overdue', title: 'Просроченные направления застрахованных' },
      { list: 'referrals', id: 'cancelled-recent', title: 'Аннулированные со вчерашнего дня' },
      { list: 'admissions', id: 'admitted-recent', title: 'Госпитализированные со вчерашнего дня' },
      { list: 'admissions', id: 'discharged-recent', title: 'Выписанные со вчерашнего дня' },
    ];
  }
  return [];
}
