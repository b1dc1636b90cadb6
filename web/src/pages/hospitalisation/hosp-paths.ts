/** Addresses of the three hospitalisation sections (`GET /api/v1/me` section paths) and their pages. */
export const referralsRootPath = '/referrals';
export const referralNewPath = `${referralsRootPath}/new`;
export const admissionsRootPath = '/hospitalisations';
export const admissionNewPath = `${admissionsRootPath}/new`;
export const hospitalPlanRootPath = '/hospital-plan';
export const freeBedsEntryPath = `${hospitalPlanRootPath}/entry`;
export const planFactPath = `${hospitalPlanRootPath}/plan-fact`;

export function referralPath(id: string): string {
  return `${referralsRootPath}/${encodeURIComponent(id)}`;
}

export function admissionPath(id: string): string {
  return `${admissionsRootPath}/${encodeURIComponent(id)}`;
}
