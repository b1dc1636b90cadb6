import { describeError } from '../../api/api-error';
import { fetchResultSummary } from '../../api/patient-informing';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { methodNames, outcomeNames } from '../informing/informing-labels';
import { formatShare, shareOf } from './patient-informing-labels';
import { pivotResults, type SmoResults, usedMethods } from './result-pivot';

const outcomeCodes = Object.keys(outcomeNames).map(Number);

/** A count with its share of the row's total. */
function CountCell({ n, of }: { n: number; of: number }) {
  return (
    <td className="cell-number">
      {formatCount(n)}
      <span className="muted patient-informing-share"> {formatShare(shareOf(n, of))}</span>
    </td>
  );
}

interface PivotProps {
  id: string;
  caption: string;
  columns: readonly { code: number; name: string }[];
  rows: readonly SmoResults[];
  countOf: (row: SmoResults, code: number) => number;
}

/** One pivot: a row per СМО, its results in all, and a column per code with the count and its share. */
function Pivot({ id, caption, columns, rows, countOf }: PivotProps) {
  const captionId = `${id}-caption`;
  return (
    <TableScroll labelledBy={captionId}>
      <table className="table table-dense" data-testid={id}>
        <caption id={captionId} className="patient-informing-caption">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">СМО</th>
            <th scope="col" className="cell-number">
              Всего
            </th>
            {columns.map((c) => (
              <th key={c.code} scope="col" className="cell-number">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.smoCode || 'total'}
              data-smo={r.smoCode || undefined}
              className={r.smoCode ? undefined : 'table-totals'}
            >
              <th scope="row">{r.smoName}</th>
              <td className="cell-number">{formatCount(r.total)}</td>
              {columns.map((c) => (
                <CountCell key={c.code} n={countOf(r, c.code)} of={r.total} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The results of a period per СМО as two compact pivots — by outcome and by method — each count with its share of
 * the СМО's results in %. The fund sees every СМО and the region's total, an СМО its own.
 */
export function ResultSummaryPanel({ from, to }: { from: string; to: string }) {
  const { data, error, loading, reload } = useApiQuery(`informing-result-summary\n${from}\n${to}`, (signal) =>
    fetchResultSummary(from, to, signal),
  );
  const rows = data?.items ?? [];
  const { smos, total } = pivotResults(rows);
  const shown = total ? [...smos, total] : smos;
  const methods = usedMethods(rows).map((code) => ({ code, name: methodNames[code] ?? String(code) }));
  const outcomes = outcomeCodes.map((code) => ({ code, name: outcomeNames[code] ?? String(code) }));
  const period = `с ${formatDate(from)} по ${formatDate(to)}`;
  return (
    <section className="panel" aria-labelledby="result-summary-title" data-testid="result-summary">
      <h2 id="result-summary-title" className="panel-title">
        Сводка за период {period}
      </h2>
      {error !== undefined && (
        <StatusMessage kind="error" onRetry={reload}>
          Не удалось загрузить сводку. {describeError(error)}
        </StatusMessage>
      )}
      {loading && !data && <StatusMessage kind="loading">Загрузка сводки…</StatusMessage>}
      {data && smos.length === 0 && (
        <StatusMessage kind="empty">Результатов информирования за этот период нет.</StatusMessage>
      )}
      {smos.length > 0 && (
        <div className="patient-informing-pivots">
          <Pivot
            id="result-summary-outcomes"
            caption="По результату"
            columns={outcomes}
            rows={shown}
            countOf={(r, code) => r.byOutcome.get(code) ?? 0}
          />
          <Pivot
            id="result-summary-methods"
            caption="По способу информирования"
            columns={methods}
            rows={shown}
            countOf={(r, code) => r.byMethod.get(code) ?? 0}
          />
        </div>
      )}
    </section>
  );
}
