import { Link } from 'react-router';
import type { JournalEntry } from '../../api/exchange-journal';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDateTime } from '../../format/dates';
import { channelLabels, countOrDash, journalEntryPath, kindLabels, statusLabels } from './journal-labels';

/** A long package id (a file's content hash) is cut to its start; the whole id is on hover. */
function PackageId({ id }: { id: string | null }) {
  if (!id) return '—';
  return id.length > 24 ? <span title={id}>{`${id.slice(0, 20)}…`}</span> : id;
}

export function JournalStatus({ status }: { status: JournalEntry['status'] }) {
  return (
    <span className={`journal-status journal-status-${status}`} data-testid="journal-status">
      {statusLabels[status] ?? status}
    </span>
  );
}

export const journalColumns: readonly Column<JournalEntry>[] = [
  {
    id: 'receivedAt',
    header: 'Получен',
    className: 'cell-date',
    cell: (e) => <Link to={journalEntryPath(e.id)}>{formatDateTime(e.receivedAt)}</Link>,
  },
  {
    id: 'sender',
    header: 'Отправитель',
    cell: (e) => <span title={`Код ${e.senderCode}`}>{e.senderName ?? e.senderCode}</span>,
  },
  { id: 'channel', header: 'Канал', cell: (e) => channelLabels[e.channel] ?? e.channel },
  {
    id: 'kind',
    header: 'Вид пакета',
    cell: (e) => <span title={`Раздел «${e.sourceTitle}»`}>{e.kindTitle}</span>,
  },
  { id: 'status', header: 'Статус', cell: (e) => <JournalStatus status={e.status} /> },
  { id: 'total', header: 'Записей', className: 'cell-number', cell: (e) => countOrDash(e.total) },
  { id: 'accepted', header: 'Принято', className: 'cell-number', cell: (e) => countOrDash(e.accepted) },
  { id: 'rejected', header: 'Отклонено', className: 'cell-number', cell: (e) => countOrDash(e.rejected) },
  {
    id: 'packageId',
    header: 'Номер пакета',
    className: 'cell-code',
    cell: (e) => <PackageId id={e.packageId} />,
  },
];

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export const journalFilters: readonly FilterSpec[] = [
  { kind: 'date', name: 'from', label: 'Получен с' },
  { kind: 'date', name: 'to', label: 'Получен по' },
  { kind: 'text', name: 'sender', label: 'Отправитель (код)', placeholder: 'Код организации' },
  { kind: 'select', name: 'channel', label: 'Канал', emptyLabel: 'Все', options: options(channelLabels) },
  { kind: 'select', name: 'kind', label: 'Вид пакета', emptyLabel: 'Все', options: options(kindLabels) },
  { kind: 'select', name: 'status', label: 'Статус', emptyLabel: 'Все', options: options(statusLabels) },
];
