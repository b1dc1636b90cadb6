import { apiRequest } from './client';
import type { OrganisationKind, Page } from './types';

/** Shapes of `/api/v1/accounts` and `/api/v1/roles` as the accounts pages read them. */

export type AccountKind = 'person' | 'system';
export type AccountStatus = 'active' | 'disabled';

export interface Account {
  username: string;
  kind: AccountKind;
  fullName: string;
  role: string;
  roleTitle: string;
  orgCode: string;
  orgShortName: string;
  status: AccountStatus;
  locked: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  email: string | null;
}

export interface RoleInfo {
  role: string;
  title: string;
  orgKind: OrganisationKind;
  orgKindTitle: string;
  system: boolean;
  accountKind: AccountKind;
  grantable: boolean;
}

export interface SystemSecret {
  id: string;
  label: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  active: boolean;
}

export interface AccountsQuery {
  q?: string;
  orgCode?: string;
  role?: string;
  kind?: string;
  status?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

export interface NewAccount {
  username: string;
  kind: AccountKind;
  fullName: string;
  role: string;
  orgCode: string;
  email?: string;
  password?: string;
}

export interface CreatedAccount {
  account: Account;
  /** Only when no password was given: shown once. */
  temporaryPassword?: string;
  /** System accounts: the first secret, shown once. */
  secret?: { id: string; value: string; label: string };
}

export interface AccountChanges {
  fullName?: string;
  role?: string;
  status?: AccountStatus;
  email?: string | null;
}

export interface IssuedSecret {
  secret: SystemSecret & { value: string };
  /** When the secrets active until now stop working; null when there were none. */
  previousSecretsExpireAt: string | null;
}

const accountPath = (username: string) => `/api/v1/accounts/${encodeURIComponent(username)}`;

export function fetchAccounts(query: AccountsQuery, signal?: AbortSignal): Promise<Page<Account>> {
  return apiRequest('/api/v1/accounts', { query: { ...query }, signal });
}

export function fetchAccount(username: string, signal?: AbortSignal): Promise<Account> {
  return apiRequest(accountPath(username), { signal });
}

export function fetchRoles(signal?: AbortSignal): Promise<{ items: RoleInfo[] }> {
  return apiRequest('/api/v1/roles', { signal });
}

export function createAccount(account: NewAccount): Promise<CreatedAccount> {
  return apiRequest('/api/v1/accounts', { method: 'POST', body: account });
}

export function updateAccount(username: string, changes: AccountChanges): Promise<Account> {
  return apiRequest(accountPath(username), { method: 'PATCH', body: changes });
}

export function resetPassword(username: string, password: string): Promise<void> {
  return apiRequest(`${accountPath(username)}/password`, { method: 'POST', body: { password } });
}

export function unlockAccount(username: string): Promise<Account> {
  return apiRequest(`${accountPath(username)}/unlock`, { method: 'POST' });
}

export function fetchSecrets(username: string, signal?: AbortSignal): Promise<{ items: SystemSecret[] }> {
  return apiRequest(`${accountPath(username)}/secrets`, { signal });
}

export function issueSecret(
  username: string,
  request: { label?: string; overlapHours: number },
): Promise<IssuedSecret> {
  return apiRequest(`${accountPath(username)}/secrets`, { method: 'POST', body: request });
}

export function revokeSecret(username: string, id: string): Promise<void> {
  return apiRequest(`${accountPath(username)}/secrets/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
