export const accountsRootPath = '/accounts';
export const newAccountPath = '/accounts/new';

export function accountPath(username: string): string {
  return `/accounts/${encodeURIComponent(username)}`;
}
