import { Link } from 'react-router';
import type { RegistryImport } from '../../api/registry';
import { registryStatusLabels } from '../../api/registry';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDateTime } from '../../format/dates';
import { RegistryStatus } from './RegistryStatus';
import {
  countOrDash,
  formatPeriod,
  kindFullTitle,
  kindShortTitle,
  registryKindShortLabels,
  registryPackagePath,
} from './registry-labels';
import type { OrganisationName } from './use-organisation-names';

/** The kind of a package's main file by its short name; the full name and the name's prefix on hover. */
export function KindName({ kind }: { kind: string | null }) {
  if (!kind) return <span className="muted">—</span>;
  const short = kindShortTitle(kind);
  if (!short) return <span className="cell-code">{kind}</span>;
  return (
    <span title={`${kindFullTitle(kind)} (файл ${kind})`} data-code={kind}>
      {short}
    </span>
  );
}

/** An organisation by its short name, the code on hover. */
export function OrganisationNamed({
  code,
  names,
}: {
  code: string | null;
  names: ReadonlyMap<string, OrganisationName> | undefined;
}) {
  if (!code) return <span className="muted">—</span>;
  const name = names?.get(code)?.shortName;
  if (!name) return <span className="cell-code">{code}</span>;
  return (
    <span title={`Код ${code}`} data-code={code}>
      {name}
    </span>
  );
}

/** The journal's columns; the МО column names each МО (the list of names comes with the page). */
export function registryColumns(
  names: ReadonlyMap<string, OrganisationName> | undefined,
): readonly Column<RegistryImport>[] {
  return [
    {
      id: 'id',
      header: '№',
      className: 'cell-number',
      cell: (i) => <Link to={registryPackagePath(i.id)}>{i.id}</Link>,
    },
    {
      id: 'file',
      header: 'Файл',
      className: 'registry-file-cell',
      cell: (i) => (
        <Link to={registryPackagePath(i.id)} className="link-quiet" title={i.packageName ?? undefined}>
          {i.fileName ?? i.packageName ?? '—'}
        </Link>
      ),
    },
    { id: 'kind', header: 'Вид', cell: (i) => <KindName kind={i.fileKind} /> },
    {
      id: 'mo',
      header: 'МО',
      className: 'registry-nowrap',
      cell: (i) => <OrganisationNamed code={i.moCode ?? i.orgCode} names={names} />,
    },
    { id: 'period', header: 'Период', cell: (i) => formatPeriod(i.periodYear, i.periodMonth) },
    { id: 'received', header: 'Получен', className: 'cell-date', cell: (i) => formatDateTime(i.receivedAt) },
    { id: 'status', header: 'Статус', cell: (i) => <RegistryStatus status={i.status} /> },
    { id: 'cases', header: 'Случаев', className: 'cell-number', cell: (i) => countOrDash(i.counts?.cases) },
    {
      id: 'accepted',
      header: 'Принято',
      className: 'cell-number',
      cell: (i) => countOrDash(i.counts?.accepted),
    },
    {
      id: 'rejected',
      header: 'Отклонено',
      className: 'cell-number',
      cell: (i) => countOrDash(i.counts?.rejected),
    },
    { id: 'onco', header: 'Онко', className: 'cell-number', cell: (i) => countOrDash(i.counts?.onco) },
  ];
}

const statusFilter: FilterSpec = {
  kind: 'select',
  name: 'status',
  label: 'Статус',
  emptyLabel: 'Все',
  options: Object.entries(registryStatusLabels).map(([value, label]) => ({ value, label })),
};

const kindFilter: FilterSpec = {
  kind: 'select',
  name: 'kind',
  label: 'Вид файла',
  emptyLabel: 'Все',
  options: Object.entries(registryKindShortLabels).map(([value, label]) => ({ value, label })),
};

/** Filters: status and kind for everyone; the МО (by name) for those who see more than their own packages. */
export function registryFilters(moOptions: readonly OrganisationName[] | undefined): readonly FilterSpec[] {
  if (!moOptions) return [statusFilter, kindFilter];
  return [
    statusFilter,
    kindFilter,
    {
      kind: 'select',
      name: 'mo',
      label: 'МО',
      emptyLabel: 'Все',
      options: moOptions.map((o) => ({ value: o.code, label: o.shortName })),
    },
  ];
}
