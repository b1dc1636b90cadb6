import type { AccountView } from '../../../shared/accounts/db/accounts-admin';
import type { Tx } from '../../../shared/platform/db/connection';
import { conflict } from './account-problems';
import { managedAccount } from './managed-account';

/** The managed account, which must be a system account (only those have secrets). */
export async function managedSystemAccount(tx: Tx, username: string): Promise<AccountView> {
  const account = await managedAccount(tx, username);
  if (account.kind !== 'system') {
    throw conflict('Секреты есть только у системных учётных записей; у пользователя — пароль.');
  }
  return account;
}
