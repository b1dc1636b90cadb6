import type { NsiRecord } from '../../api/types';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';

function RecordAttributes({ attrs }: { attrs: Record<string, string> }) {
  const entries = Object.entries(attrs).filter(([, value]) => value !== '');
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <details className="attrs">
      <summary>Показать ({entries.length})</summary>
      <dl>
        {entries.map(([name, value]) => (
          <div key={name} className="attrs-row">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export const nsiRecordColumns: readonly Column<NsiRecord>[] = [
  { id: 'code', header: 'Код', sortField: 'code', className: 'cell-code', cell: (record) => record.code },
  { id: 'name', header: 'Наименование', sortField: 'name', cell: (record) => record.name },
  {
    id: 'dateBeg',
    header: 'Действует с',
    className: 'cell-date',
    cell: (record) => formatDate(record.dateBeg) || '—',
  },
  {
    id: 'dateEnd',
    header: 'Действует по',
    className: 'cell-date',
    cell: (record) => formatDate(record.dateEnd) || 'бессрочно',
  },
  { id: 'attrs', header: 'Атрибуты', cell: (record) => <RecordAttributes attrs={record.attrs} /> },
];

export const nsiRecordFilters: readonly FilterSpec[] = [
  { kind: 'text', name: 'q', label: 'Поиск', placeholder: 'Код или наименование' },
  { kind: 'date', name: 'validOn', label: 'Действует на дату' },
];
