import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchRequest, type InformingRequestDetail } from '../../api/informing';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatDateTime } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { personPath } from '../person/person-format';
import { methodNames, outcomeNames, reasonNames, stepNames } from './informing-labels';
import { requestsPath } from './informing-paths';
import { ResultPanel, type SentResults } from './ResultPanel';
import { ResultsProtocol } from './ResultsProtocol';
import { AssigneeText, DeadlineCell, StatusCell } from './request-columns';
import { useInformingAccess } from './use-informing-access';
import './informing.css';

const crumbs = [{ label: 'Заявки на информирование', to: requestsPath }];

/** The request's facts as a list of terms. */
function RequestFacts({ request, personLink }: { request: InformingRequestDetail; personLink: boolean }) {
  const rows: [string, ReactNode][] = [
    [
      'Гражданин',
      <>
        {personLink ? <Link to={personPath(request.personId)}>{request.fio}</Link> : request.fio},{' '}
        {formatDate(request.birthDate)}
        {request.enp && <> · ЕНП {request.enp}</>}
      </>,
    ],
    ['Повод', `${reasonNames[request.reason]}${request.primary === 2 ? ' (повторно)' : ''}`],
    ['Срок', <DeadlineCell key="deadline" request={request} />],
    ['Состояние', <StatusCell key="status" request={request} />],
    [
      'Отправитель',
      request.generated ? 'Сформирована по правилу ТФОМС' : (request.senderName ?? request.senderCode),
    ],
    ['Дата заявки', formatDate(request.requestDate)],
    ['СМО', request.smoName ?? request.smoCode],
    ['Куда обратиться', request.moName ?? '—'],
    ['Участок', request.districtCode ?? '—'],
    ['Представитель СМО', <AssigneeText key="assignee" request={request} />],
    ['Комментарий', request.comment ?? '—'],
  ];
  return (
    <dl className="informing-facts" data-testid="informing-request">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One informing request: who, why, by when, its state, and what the СМО did — each informing result with its
 * method, step, outcome, date and operator, the latest first. The СМО records a result of an open request here too.
 */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const access = useInformingAccess();
  const { data, error, reload } = useApiQuery(`informing-request\n${id}`, (signal) =>
    fetchRequest(id, signal),
  );
  const [recording, setRecording] = useState(false);
  const [sent, setSent] = useState<SentResults | null>(null);

  return (
    <>
      <PageHeader title={data ? `Заявка: ${data.fio}` : 'Заявка на информирование'} crumbs={crumbs} />
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить заявку. {describeError(error)}
        </StatusMessage>
      )}
      {!data && error === undefined && <StatusMessage kind="loading">Загрузка заявки…</StatusMessage>}
      {data && (
        <>
          <section className="panel" aria-labelledby="request-facts">
            <h2 id="request-facts" className="panel-title">
              Заявка
            </h2>
            <RequestFacts request={data} personLink={access.canOpenPersons} />
            {access.canWork && data.status === 'open' && !recording && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setSent(null);
                  setRecording(true);
                }}
              >
                Отметить результат
              </button>
            )}
          </section>
          {sent && <ResultsProtocol sent={sent} />}
          {recording && (
            <ResultPanel
              requests={[data]}
              onCancel={() => setRecording(false)}
              onDone={(result) => {
                setSent(result);
                setRecording(false);
                reload();
              }}
            />
          )}
          <section className="panel" aria-labelledby="request-results">
            <h2 id="request-results" className="panel-title">
              Результаты информирования
            </h2>
            {data.results.length === 0 ? (
              <StatusMessage kind="empty">СМО ещё не сообщила о результатах.</StatusMessage>
            ) : (
              <TableScroll labelledBy="request-results">
                <table className="table" data-testid="informing-results">
                  <thead>
                    <tr>
                      <th scope="col">Дата</th>
                      <th scope="col">Способ</th>
                      <th scope="col">Этап</th>
                      <th scope="col">Результат</th>
                      <th scope="col">Кто информировал</th>
                      <th scope="col">Получено</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((r) => (
                      <tr key={r.id}>
                        <td className="cell-date">{formatDate(r.date)}</td>
                        <td>{methodNames[r.method] ?? r.method}</td>
                        <td>{stepNames[r.step] ?? r.step}</td>
                        <td>{outcomeNames[r.outcome] ?? r.outcome}</td>
                        <td>{r.operator ?? '—'}</td>
                        <td className="cell-date">{formatDateTime(r.receivedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        </>
      )}
    </>
  );
}
