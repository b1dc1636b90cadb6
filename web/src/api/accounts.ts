import type { AccountView, listAccounts } from '../../../shared/accounts/db/accounts-admin';
import type { SecretView } from '../../../shared/accounts/db/system-secrets';
import type {
  AccountListQuery,
  AccountStatus,
  CreateAccountRequest,
  UpdateAccountRequest,
} from '../../../shared/accounts/domain/account-requests';
import type { AccountKind } from '../../../shared/accounts/domain/account-rules';
import type { OrganisationKind, Role } from '../../../shared/platform/access/roles';
import { apiRequest } from './client';
import type { Answer, Json, QueryOf } from './json';

/** Shapes of `/api/v1/accounts` and `/api/v1/roles` as the accounts pages read them (the server's types). */

export type { AccountKind, AccountStatus, Role };

export type Account = Json<AccountView>;

/** One role of `GET /api/v1/roles` — web-only: the handler builds it from the server's role tables. */
export interface RoleInfo {
  role: Role;
  title: string;
  orgKind: OrganisationKind;
  orgKindTitle: string;
  system: boolean;
  accountKind: AccountKind;
  grantable: boolean;
}

export type SystemSecret = Json<SecretView>;

export type AccountsQuery = QueryOf<AccountListQuery>;

export type NewAccount = CreateAccountRequest;

/** `POST /api/v1/accounts` — web-only: the handler builds it around the created account. */
export interface CreatedAccount {
  account: Account;
  /** Only when no password was given: shown once. */
  temporaryPassword?: string;
  /** System accounts: the first secret, shown once. */
  secret?: { id: string; value: string; label: string };
}

export type AccountChanges = UpdateAccountRequest;

/** `POST /api/v1/accounts/{username}/secrets` — web-only: the handler builds it around the issued secret. */
export interface IssuedSecret {
  secret: SystemSecret & { value: string };
  /** When the secrets active until now stop working; null when there were none. */
  previousSecretsExpireAt: string | null;
}

const accountPath = (username: string) => `/api/v1/accounts/${encodeURIComponent(username)}`;

export function fetchAccounts(
  query: AccountsQuery,
  signal?: AbortSignal,
): Promise<Answer<typeof listAccounts>> {
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
