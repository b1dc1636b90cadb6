import { Link } from 'react-router';
import { moKindLabels, type OrganisationListItem, organisationKindLabels } from '../../api/organisations';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { organisationPath } from './organisation-paths';

export const organisationColumns: readonly Column<OrganisationListItem>[] = [
  {
    id: 'code',
    header: 'Код',
    sortField: 'code',
    className: 'cell-code',
    cell: (o) => <Link to={organisationPath(o.code)}>{o.code}</Link>,
  },
  {
    id: 'name',
    header: 'Наименование',
    sortField: 'name',
    cell: (o) => (
      <>
        <Link to={organisationPath(o.code)} className="link-quiet">
          {o.shortName}
        </Link>
        <div className="muted org-full-name">{o.name}</div>
      </>
    ),
  },
  {
    id: 'kind',
    header: 'Вид',
    cell: (o) =>
      o.moKind
        ? `${organisationKindLabels[o.kind]} · ${moKindLabels[o.moKind]}`
        : organisationKindLabels[o.kind],
  },
  {
    id: 'departments',
    header: 'Отделений',
    className: 'cell-number',
    cell: (o) => formatCount(o.departments),
  },
  {
    id: 'beds',
    header: 'Коек',
    sortField: 'beds',
    className: 'cell-number',
    cell: (o) => formatCount(o.beds),
  },
  { id: 'districts', header: 'Участков', className: 'cell-number', cell: (o) => formatCount(o.districts) },
  { id: 'doctors', header: 'Врачей', className: 'cell-number', cell: (o) => formatCount(o.doctors) },
  {
    id: 'dates',
    header: 'В реестре',
    className: 'cell-date',
    cell: (o) => `с ${formatDate(o.dateBeg)}${o.dateEnd ? ` по ${formatDate(o.dateEnd)}` : ''}`,
  },
];

export const organisationFilters: readonly FilterSpec[] = [
  {
    kind: 'select',
    name: 'kind',
    label: 'Вид организации',
    emptyLabel: 'Все',
    options: [
      { value: 'MO', label: 'Медицинские организации (F003)' },
      { value: 'SMO', label: 'Страховые медицинские организации (F002)' },
      { value: 'TFOMS', label: 'ТФОМС' },
    ],
  },
  { kind: 'text', name: 'q', label: 'Поиск', placeholder: 'Код или наименование' },
];
