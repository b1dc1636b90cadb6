import { Link } from 'react-router';
import type { InformingResultRow } from '../../api/patient-informing';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { methodNames, outcomeNames, reasonNames, stepNames } from '../informing/informing-labels';
import { requestPath } from '../informing/informing-paths';
import { PersonNameCell } from './PersonNameCell';

/**
 * The columns of the results journal: when, whom, why (the request's reason and sender), how, at which step, with
 * what outcome, who informed; the СМО for the fund; the request the result answers.
 */
export function resultColumns(options: {
  withSmo: boolean;
  personLinks: boolean;
}): Column<InformingResultRow>[] {
  return [
    { id: 'date', header: 'Дата', cell: (r) => formatDate(r.date), className: 'cell-date' },
    {
      id: 'person',
      header: 'Гражданин',
      cell: (r) => <PersonNameCell person={r} link={options.personLinks} />,
    },
    {
      id: 'reason',
      header: 'Повод',
      cell: (r) => (
        <>
          {reasonNames[r.reason] ?? r.reason}
          <br />
          <span className="muted">заявка: {r.requestSenderName ?? r.requestSender}</span>
        </>
      ),
    },
    { id: 'method', header: 'Способ', cell: (r) => methodNames[r.method] ?? r.method },
    { id: 'step', header: 'Этап', cell: (r) => stepNames[r.step] ?? r.step },
    {
      id: 'outcome',
      header: 'Результат',
      cell: (r) => (
        <span className={r.outcome === 1 ? 'informing-status-informed' : undefined}>
          {outcomeNames[r.outcome] ?? r.outcome}
        </span>
      ),
    },
    { id: 'operator', header: 'Кто информировал', cell: (r) => r.operator ?? '—' },
    ...(options.withSmo
      ? [{ id: 'smo', header: 'СМО', cell: (r: InformingResultRow) => r.smoName ?? r.smoCode }]
      : []),
    {
      id: 'request',
      header: 'Заявка',
      cell: (r) => (
        <Link
          to={requestPath(r.requestId)}
          aria-label={`Заявка: ${r.fio}, результат от ${formatDate(r.date)}`}
        >
          Заявка
        </Link>
      ),
    },
  ];
}
