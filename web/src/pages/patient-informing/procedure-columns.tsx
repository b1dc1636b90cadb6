import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { InformingRequest } from '../../api/informing';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { requestPath } from '../informing/informing-paths';
import { DeadlineCell, StatusCell } from '../informing/request-columns';
import { PersonNameCell } from './PersonNameCell';

const kindNames: Readonly<Record<string, string>> = {
  PROCEDURE: 'Процедура или операция',
  CARE_INFO: 'Итоги консультации (консилиума)',
};

/** What to tell the person: the procedure, its date and place; or the methods discussed at the consultation. */
function DetailsCell({ request }: { request: InformingRequest }) {
  const d = request.details ?? {};
  const lines: [string, ReactNode][] = [];
  if (d.procedure) lines.push(['Что', d.procedure]);
  if (d.date) lines.push(['Когда', formatDate(d.date)]);
  if (d.place) lines.push(['Где', d.place]);
  if (d.methods) lines.push(['Методы', d.methods]);
  return (
    <>
      <strong>{kindNames[request.reason] ?? request.reason}</strong>
      {lines.length === 0 ? (
        <div className="muted">подробности не указаны</div>
      ) : (
        <dl className="patient-informing-details" data-testid="procedure-details">
          {lines.map(([term, value]) => (
            <div key={term}>
              <dt>{term}:</dt> <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

/**
 * The columns of the upcoming procedures: the person, what to tell them (procedure, date, place or methods), who
 * sent it, the deadline with «Просрочено», the state, the СМО for the fund, and the request's page (where the СМО
 * records what it did).
 */
export function procedureColumns(options: {
  withSmo: boolean;
  personLinks: boolean;
}): Column<InformingRequest>[] {
  return [
    {
      id: 'person',
      header: 'Гражданин',
      cell: (r) => <PersonNameCell person={r} link={options.personLinks} />,
    },
    { id: 'details', header: 'О чём проинформировать', cell: (r) => <DetailsCell request={r} /> },
    { id: 'sender', header: 'Направила', cell: (r) => r.senderName ?? r.senderCode },
    { id: 'deadline', header: 'Срок', cell: (r) => <DeadlineCell request={r} /> },
    { id: 'status', header: 'Состояние', cell: (r) => <StatusCell request={r} /> },
    ...(options.withSmo
      ? [{ id: 'smo', header: 'СМО', cell: (r: InformingRequest) => r.smoCode, className: 'cell-code' }]
      : []),
    {
      id: 'request',
      header: 'Заявка',
      cell: (r) => (
        <Link to={requestPath(r.id)} aria-label={`Открыть заявку: ${r.fio}`}>
          Открыть заявку
        </Link>
      ),
    },
  ];
}
