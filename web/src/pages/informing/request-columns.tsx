import { Link } from 'react-router';
import type { InformingRequest } from '../../api/informing';
import type { Column } from '../../components/data-table/types';
import { formatDate } from '../../format/dates';
import { personPath } from '../person/person-format';
import { reasonNames, statusNames } from './informing-labels';
import { requestPath } from './informing-paths';

/** The deadline, «Просрочено» when it passed with the request still open, and the window to act in. */
export function DeadlineCell({ request }: { request: InformingRequest }) {
  return (
    <>
      <span className={request.overdue ? 'informing-overdue' : undefined}>
        до {formatDate(request.deadline)}
        {request.overdue && (
          <span className="badge badge-informing-overdue" data-testid="informing-overdue">
            Просрочено
          </span>
        )}
      </span>
      {(request.windowFrom || request.windowTo) && (
        <>
          <br />
          <span className="muted">
            окно {formatDate(request.windowFrom)}–{formatDate(request.windowTo)}
          </span>
        </>
      )}
    </>
  );
}

/** The state in words, with the day it closed or the attempts made so far. */
export function StatusCell({ request }: { request: InformingRequest }) {
  return (
    <>
      <span className={`informing-status informing-status-${request.status}`}>
        {statusNames[request.status]}
      </span>
      {request.closedOn && <> {formatDate(request.closedOn)}</>}
      {request.attempts > 0 && (
        <>
          <br />
          <span className="muted">попыток связаться: {request.attempts}</span>
        </>
      )}
    </>
  );
}

/** The representative assigned: the full name, or the user name when the account is gone. */
export function AssigneeText({ request }: { request: InformingRequest }) {
  if (!request.assignee) return <span className="muted">не назначен</span>;
  return (
    <span title={request.assigneeName ? request.assignee : undefined}>
      {request.assigneeName ?? request.assignee}
    </span>
  );
}

/** Who asked: the МО that sent it, or the fund's rule that made it. */
function senderText(request: InformingRequest): string {
  return request.generated ? 'Сформирована по правилу ТФОМС' : (request.senderName ?? request.senderCode);
}

export interface RequestColumnsOptions {
  /** The СМО works its requests: a checkbox column, the assignee. */
  selection?: {
    isSelected: (id: string) => boolean;
    toggle: (request: InformingRequest) => void;
  };
  withSender: boolean;
  withSmo: boolean;
  personLinks: boolean;
}

/**
 * The columns of the requests list: the person (the request's page by its name), the reason, the deadline with
 * «Просрочено», the state; the sender for readers of others' requests, the СМО for the МО and the fund, the
 * representative assigned for the СМО.
 */
export function requestColumns(options: RequestColumnsOptions): Column<InformingRequest>[] {
  const columns: Column<InformingRequest>[] = [];
  const { selection } = options;
  if (selection) {
    columns.push({
      id: 'select',
      header: 'Выбор',
      className: 'cell-select',
      cell: (r) => (
        <input
          type="checkbox"
          checked={selection.isSelected(r.id)}
          disabled={r.status !== 'open'}
          onChange={() => selection.toggle(r)}
          aria-label={`Выбрать заявку: ${r.fio}`}
          data-testid="informing-select"
        />
      ),
    });
  }
  columns.push(
    {
      id: 'person',
      header: 'Гражданин',
      cell: (r) => (
        <>
          <Link to={requestPath(r.id)}>{r.fio}</Link>
          <br />
          <span className="muted">
            {formatDate(r.birthDate)}
            {r.enp && (
              <>
                {' '}
                · ЕНП <span className="cell-code">{r.enp}</span>
              </>
            )}
            {options.personLinks && (
              <>
                {' '}
                · <Link to={personPath(r.personId)}>карточка</Link>
              </>
            )}
          </span>
        </>
      ),
    },
    {
      id: 'reason',
      header: 'Повод',
      cell: (r) => (
        <>
          {reasonNames[r.reason]}
          {r.primary === 2 && <span className="muted"> (повторно)</span>}
          {r.moName && (
            <>
              <br />
              <span className="muted">куда: {r.moName}</span>
            </>
          )}
        </>
      ),
    },
    { id: 'deadline', header: 'Срок', cell: (r) => <DeadlineCell request={r} /> },
    { id: 'status', header: 'Состояние', cell: (r) => <StatusCell request={r} /> },
  );
  if (options.withSender) columns.push({ id: 'sender', header: 'Отправитель', cell: senderText });
  if (options.withSmo)
    columns.push({ id: 'smo', header: 'СМО', cell: (r) => r.smoCode, className: 'cell-code' });
  if (selection) {
    columns.push({
      id: 'assignee',
      header: 'Представитель',
      cell: (r) => <AssigneeText request={r} />,
    });
  }
  return columns;
}
