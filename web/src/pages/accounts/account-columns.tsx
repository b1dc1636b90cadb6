import { Link } from 'react-router';
import type { Account, RoleInfo } from '../../api/accounts';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDateTime } from '../../format/dates';
import { accountPath } from './accounts-paths';

export const kindTitles = { person: 'Пользователь', system: 'Информационная система' } as const;

export function AccountState({ account }: { account: Account }) {
  if (account.status === 'disabled') return <span className="badge">Отключена</span>;
  if (account.locked) return <span className="badge">Заблокирована</span>;
  return <>Активна</>;
}

export const accountColumns: readonly Column<Account>[] = [
  {
    id: 'username',
    header: 'Имя входа',
    sortField: 'username',
    className: 'cell-code',
    cell: (account) => <Link to={accountPath(account.username)}>{account.username}</Link>,
  },
  {
    id: 'fullName',
    header: 'Наименование / ФИО',
    sortField: 'fullName',
    cell: (account) => account.fullName,
  },
  { id: 'kind', header: 'Вид', cell: (account) => kindTitles[account.kind] },
  { id: 'role', header: 'Роль', sortField: 'role', cell: (account) => account.roleTitle },
  {
    id: 'org',
    header: 'Организация',
    sortField: 'orgCode',
    cell: (account) => `${account.orgShortName} (${account.orgCode})`,
  },
  { id: 'status', header: 'Состояние', cell: (account) => <AccountState account={account} /> },
  {
    id: 'lastSignInAt',
    header: 'Последний вход',
    sortField: 'lastSignInAt',
    className: 'cell-date',
    cell: (account) => formatDateTime(account.lastSignInAt) || '—',
  },
];

/** The list's filters; the organisation filter only for the fund administrator (others see one organisation). */
export function accountFilters(roles: readonly RoleInfo[], anyOrganisation: boolean): FilterSpec[] {
  return [
    { kind: 'text', name: 'q', label: 'Поиск', placeholder: 'Имя входа, ФИО или e-mail' },
    ...(anyOrganisation
      ? [
          {
            kind: 'text' as const,
            name: 'orgCode',
            label: 'Код организации',
            placeholder: 'Например, 990001',
          },
        ]
      : []),
    {
      kind: 'select',
      name: 'kind',
      label: 'Вид',
      emptyLabel: 'Все',
      options: [
        { value: 'person', label: kindTitles.person },
        { value: 'system', label: kindTitles.system },
      ],
    },
    {
      kind: 'select',
      name: 'role',
      label: 'Роль',
      emptyLabel: 'Все',
      options: roles.map((r) => ({ value: r.role, label: r.title })),
    },
    {
      kind: 'select',
      name: 'status',
      label: 'Состояние',
      emptyLabel: 'Все',
      options: [
        { value: 'active', label: 'Активна' },
        { value: 'disabled', label: 'Отключена' },
      ],
    },
  ];
}
