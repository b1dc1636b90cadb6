import type { WorklistCount } from '../../api/home';

/** Where each list of the hospitalisation sections lives (the section paths of `GET /api/v1/me`). */
const listPaths: Record<WorklistCount['list'], string> = {
  referrals: '/referrals',
  admissions: '/hospitalisations',
  'free-beds': '/hospital-plan',
};

/** The list a worklist count opens: the same filter (`?worklist=`) the server counted. */
export function worklistPath(w: Pick<WorklistCount, 'list' | 'id'>): string {
  return `${listPaths[w.list]}?worklist=${encodeURIComponent(w.id)}`;
}

/** The journal filtered to one sender's packages rejected on a day. */
export function rejectedPath(senderCode: string, day: string): string {
  const q = new URLSearchParams({ status: 'rejected', from: day, to: day, sender: senderCode });
  return `/exchange-journal?${q.toString()}`;
}

export function silentPath(days: number): string {
  return `/exchange-journal/silent?days=${days}`;
}

/** The free-beds list of one profile of care. */
export function profileBedsPath(profile: number): string {
  return `/hospital-plan?profile=${profile}`;
}
