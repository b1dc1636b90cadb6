import { useCallback, useMemo } from 'react';
import { fetchRegistryFindings, type ProtocolGroup, type RegistryFindingRow } from '../../api/registry';
import { DataTable } from '../../components/data-table/DataTable';
import type { Column, FilterSpec, TableQuery } from '../../components/data-table/types';
import { findingsAnchor } from './ProtocolGroups';
import { FieldName, FlkCode, severityLabels } from './protocol-parts';
import { f012Titles, tagTitle } from './registry-fields';

const fileLabels: Record<RegistryFindingRow['file'], string> = {
  package: 'пакет в целом',
  case: 'основной файл',
  person: 'файл персональных данных',
};

/** Where a finding is: the record (N_ZAP) or the file, then the case and its parts as the sender numbered them. */
const columns: readonly Column<RegistryFindingRow>[] = [
  {
    id: 'record',
    header: 'Запись',
    className: 'registry-record-cell',
    cell: (f) => (
      <>
        {f.nZap ?? '—'}
        {f.file !== 'case' && <span className="registry-sub">{fileLabels[f.file]}</span>}
      </>
    ),
  },
  {
    id: 'case',
    header: 'Случай',
    className: 'registry-ref-cell',
    cell: (f) => (
      <>
        {f.idcase ?? '—'}
        {f.slId && <span className="registry-sub">случай лечения {f.slId}</span>}
        {f.idserv && <span className="registry-sub">услуга {f.idserv}</span>}
        {f.idPac && <span className="registry-sub">пациент {f.idPac}</span>}
      </>
    ),
  },
  { id: 'code', header: 'Код ФЛК', cell: (f) => <FlkCode code={f.code} /> },
  { id: 'field', header: 'Поле', cell: (f) => <FieldName field={f.field} basEl={f.basEl} /> },
  {
    id: 'value',
    header: 'Значение',
    className: 'registry-ref-cell',
    cell: (f) => (f.value === undefined ? '—' : `«${f.value}»`),
  },
  { id: 'message', header: 'Сообщение', className: 'registry-message-cell', cell: (f) => f.message },
  { id: 'severity', header: 'Важность', cell: (f) => severityLabels[f.severity] },
];

/** Each finding of the protocol in file order, filtered by code, field and severity (kept in the URL). */
export function ProtocolFindings({ id, groups }: { id: number; groups: readonly ProtocolGroup[] }) {
  const filters = useMemo<readonly FilterSpec[]>(() => {
    const codes = [...new Set(groups.map((g) => g.code))].sort();
    const fields = [...new Set(groups.flatMap((g) => (g.field ? [g.field] : [])))].sort((a, b) =>
      (tagTitle(a) ?? a).localeCompare(tagTitle(b) ?? b, 'ru'),
    );
    return [
      {
        kind: 'select',
        name: 'code',
        label: 'Код ФЛК',
        emptyLabel: 'Все',
        options: codes.map((c) => ({ value: c, label: f012Titles[c] ? `${c} — ${f012Titles[c]}` : c })),
      },
      {
        kind: 'select',
        name: 'field',
        label: 'Поле',
        emptyLabel: 'Все',
        options: fields.map((f) => ({ value: f, label: tagTitle(f) ?? f })),
      },
      {
        kind: 'select',
        name: 'severity',
        label: 'Важность',
        emptyLabel: 'Все',
        options: [
          { value: 'error', label: 'Ошибки' },
          { value: 'warning', label: 'Предупреждения' },
        ],
      },
    ];
  }, [groups]);

  const load = useCallback(
    (query: TableQuery, signal: AbortSignal) =>
      fetchRegistryFindings(
        id,
        {
          code: query.filters.code,
          field: query.filters.field,
          severity: query.filters.severity,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      ),
    [id],
  );

  return (
    <section className="panel" aria-labelledby={`${findingsAnchor}-title`} id={findingsAnchor}>
      <h2 id={`${findingsAnchor}-title`} className="panel-title">
        Замечания по порядку файла
      </h2>
      <DataTable
        caption={`Замечания протокола пакета № ${id}`}
        columns={columns}
        filters={filters}
        source={`registry-findings\n${id}`}
        load={load}
        rowKey={(f) =>
          `${f.file}\n${f.ordinal}\n${f.code}\n${f.rule}\n${f.field ?? ''}\n${f.idserv ?? ''}\n${f.slId ?? ''}`
        }
        defaultPageSize={20}
        testId="registry-findings"
        dense
      />
    </section>
  );
}
