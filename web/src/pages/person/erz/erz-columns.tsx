import { Link } from 'react-router';
import { type ErzImport, type ErzProtocolRecord, erzStatusLabels } from '../../../api/erz';
import type { Column, FilterSpec } from '../../../components/data-table/types';
import { formatDateTime } from '../../../format/dates';
import { formatCount } from '../../../format/numbers';
import { erzImportPath } from './erz-paths';

const count = (value: number | undefined) => (value === undefined ? '—' : formatCount(value));

export function ErzStatus({ item }: { item: Pick<ErzImport, 'status'> }) {
  return (
    <span className={`file-status file-status-${item.status}`} data-testid="erz-status">
      {erzStatusLabels[item.status]}
    </span>
  );
}

export const erzImportColumns: readonly Column<ErzImport>[] = [
  {
    id: 'id',
    header: '№',
    className: 'cell-number',
    cell: (i) => <Link to={erzImportPath(i.id)}>{i.id}</Link>,
  },
  {
    id: 'file',
    header: 'Файл',
    cell: (i) => (
      <Link to={erzImportPath(i.id)} className="link-quiet">
        {i.fileName ?? (i.packageId ? `Пакет ${i.packageId}` : '—')}
      </Link>
    ),
  },
  { id: 'received', header: 'Получен', className: 'cell-date', cell: (i) => formatDateTime(i.receivedAt) },
  { id: 'status', header: 'Статус', cell: (i) => <ErzStatus item={i} /> },
  { id: 'total', header: 'Записей', className: 'cell-number', cell: (i) => count(i.counts?.total) },
  { id: 'accepted', header: 'Принято', className: 'cell-number', cell: (i) => count(i.counts?.accepted) },
  { id: 'rejected', header: 'Отклонено', className: 'cell-number', cell: (i) => count(i.counts?.rejected) },
  { id: 'created', header: 'Новых лиц', className: 'cell-number', cell: (i) => count(i.counts?.created) },
  { id: 'updated', header: 'Изменено', className: 'cell-number', cell: (i) => count(i.counts?.updated) },
  { id: 'uploadedBy', header: 'Загрузил', cell: (i) => i.uploadedBy },
];

export const erzImportFilters: readonly FilterSpec[] = [
  {
    kind: 'select',
    name: 'status',
    label: 'Статус',
    emptyLabel: 'Все',
    options: Object.entries(erzStatusLabels).map(([value, label]) => ({ value, label })),
  },
];

export const erzProtocolColumns: readonly Column<ErzProtocolRecord>[] = [
  { id: 'ordinal', header: '№ записи', className: 'cell-number', cell: (r) => formatCount(r.ordinal) },
  { id: 'recordId', header: 'ID записи', className: 'cell-code', cell: (r) => r.recordId ?? '—' },
  {
    id: 'status',
    header: 'Итог',
    cell: (r) =>
      r.status === 'rejected' ? (
        <span className="file-status file-status-rejected">Отклонена</span>
      ) : (
        <span className="file-status file-status-done">Принята с предупреждением</span>
      ),
  },
  {
    id: 'findings',
    header: 'Ошибки и предупреждения',
    cell: (r) => (
      <ul className="erz-findings">
        {r.findings.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; their order is fixed.
          <li key={i}>
            <span className="muted">
              {f.code}
              {f.field ? ` · ${f.field}` : ''}
            </span>{' '}
            {f.message}
            {f.value !== undefined && <span className="muted"> (значение «{f.value}»)</span>}
            {f.severity === 'warning' && <span className="badge">предупреждение</span>}
          </li>
        ))}
      </ul>
    ),
  },
];

export const erzProtocolFilters: readonly FilterSpec[] = [
  {
    kind: 'select',
    name: 'only',
    label: 'Записи',
    emptyLabel: 'Все из протокола',
    options: [
      { value: 'rejected', label: 'Отклонённые' },
      { value: 'warnings', label: 'Принятые с предупреждениями' },
    ],
  },
];
