import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchTimeliness, type Timeliness } from '../../api/informing';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, isIsoDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { InformingNav } from './InformingNav';
import { addDays, todayIso } from './informing-labels';
import './informing.css';

/** The share informed on time as text: «—» when nothing of the period was due yet. */
function shareText(row: Timeliness): string {
  return row.onTimeShare === null ? '—' : `${String(row.onTimeShare).replace('.', ',')} %`;
}

/** One СМО's bar: its share informed on time, out of the requests due or closed. */
function ShareBar({ row }: { row: Timeliness }) {
  const share = row.onTimeShare ?? 0;
  return (
    <span className="informing-share-cell">
      <span className="informing-share" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.max(0, share))}%` }} />
      </span>
      <span data-testid="on-time-share">{shareText(row)}</span>
    </span>
  );
}

/**
 * «Своевременность информирования» (D§6.3): per СМО, the requests of a period by their date — how many were
 * informed by the deadline, late, and how many are still open after it — with the share informed on time as a
 * bar. The fund sees every СМО; an СМО its own; an МО its requests.
 */
export function TimelinessPage() {
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const from = isIsoDate(params.get('from') ?? '') ? params.get('from')! : addDays(today, -30);
  const to = isIsoDate(params.get('to') ?? '') ? params.get('to')! : today;
  const [draft, setDraft] = useState({ from, to });
  const { data, error, loading, reload } = useApiQuery(`informing-timeliness\n${from}\n${to}`, (signal) =>
    fetchTimeliness(from, to, signal),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams({ from: draft.from, to: draft.to });
  }

  const rows = data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Своевременность информирования"
        description="Доля заявок, по которым застрахованный проинформирован не позже срока, по каждой СМО."
      />
      <InformingNav />
      <form className="filter-bar" onSubmit={onSubmit} aria-label="Период заявок">
        <Field
          name="from"
          label="Заявки с"
          type="date"
          value={draft.from}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
        />
        <Field
          name="to"
          label="по"
          type="date"
          value={draft.to}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
        />
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            Показать
          </button>
        </div>
      </form>
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить своевременность. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка…</StatusMessage>}
      {data && rows.length === 0 && (
        <StatusMessage kind="empty">
          За период с {formatDate(from)} по {formatDate(to)} заявок на информирование нет.
        </StatusMessage>
      )}
      {rows.length > 0 && (
        <TableScroll labelledBy="timeliness-caption">
          <table className="table" data-testid="informing-timeliness">
            <caption id="timeliness-caption" className="visually-hidden">
              Своевременность информирования по СМО с {formatDate(from)} по {formatDate(to)}
            </caption>
            <thead>
              <tr>
                <th scope="col">СМО</th>
                <th scope="col" className="cell-number">
                  Заявок
                </th>
                <th scope="col" className="cell-number">
                  Закрыто
                </th>
                <th scope="col" className="cell-number">
                  В срок
                </th>
                <th scope="col" className="cell-number">
                  С опозданием
                </th>
                <th scope="col" className="cell-number">
                  Просрочено
                </th>
                <th scope="col">Проинформированы в срок</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.smoCode} data-smo={r.smoCode}>
                  <td>{r.smoName}</td>
                  <td className="cell-number">{formatCount(r.requests)}</td>
                  <td className="cell-number">{formatCount(r.closed)}</td>
                  <td className="cell-number">{formatCount(r.informedOnTime)}</td>
                  <td className="cell-number">{formatCount(r.informedLate)}</td>
                  <td className="cell-number">{formatCount(r.overdue)}</td>
                  <td>
                    <ShareBar row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
