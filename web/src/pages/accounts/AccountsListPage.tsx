import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { type Account, fetchAccounts, fetchRoles } from '../../api/accounts';
import { describeError } from '../../api/api-error';
import { useMe } from '../../auth/AuthContext';
import { DataTable } from '../../components/data-table/DataTable';
import type { TableQuery } from '../../components/data-table/types';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { accountColumns, accountFilters } from './account-columns';
import { newAccountPath } from './accounts-paths';

const accountKey = (account: Account) => account.username;

/** Accounts the administrator manages: their organisation's (the fund administrator: all organisations'). */
export function AccountsListPage() {
  const me = useMe();
  const anyOrganisation = me.role === 'fund_admin';
  const roles = useApiQuery('roles', fetchRoles);
  const filters = useMemo(
    () => (roles.data ? accountFilters(roles.data.items, anyOrganisation) : undefined),
    [roles.data, anyOrganisation],
  );
  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchAccounts(
        {
          q: query.filters.q,
          orgCode: query.filters.orgCode,
          role: query.filters.role,
          kind: query.filters.kind,
          status: query.filters.status,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
        },
        signal,
      ),
    [],
  );

  return (
    <>
      <PageHeader
        title="Пользователи"
        description={
          anyOrganisation
            ? 'Учётные записи пользователей и информационных систем всех организаций региона.'
            : `Учётные записи пользователей и информационных систем: ${me.organisation.shortName} (${me.organisation.code}).`
        }
        actions={
          <Link to={newAccountPath} className="button button-primary">
            Создать учётную запись
          </Link>
        }
      />
      {roles.error !== undefined && (
        <StatusMessage kind="error" onRetry={roles.reload}>
          Не удалось загрузить список ролей. {describeError(roles.error)}
        </StatusMessage>
      )}
      {!filters && roles.error === undefined && <StatusMessage kind="loading">Загрузка…</StatusMessage>}
      {filters && (
        <DataTable
          caption="Учётные записи"
          columns={accountColumns}
          filters={filters}
          source="accounts"
          load={load}
          rowKey={accountKey}
          defaultSort="username"
          testId="accounts"
        />
      )}
    </>
  );
}
