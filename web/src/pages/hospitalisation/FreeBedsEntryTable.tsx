import { Fragment } from 'react';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { type CountName, counts, countWords, type Row, type RowProblem, totalsOf } from './free-beds-rows';

interface FreeBedsEntryTableProps {
  rows: readonly Row[];
  forecastDates: readonly string[];
  /** What is wrong with each row as typed (by row key). */
  problems: ReadonlyMap<string, RowProblem[]>;
  /** The server's messages on each row of the last package (by row key). */
  serverIssues: ReadonlyMap<string, string[]>;
  onValue: (key: string, name: CountName, value: string) => void;
  onForecast: (key: string, index: number, value: string) => void;
}

/**
 * The free-beds grid: the department column pinned while the counts scroll, the bed fund of each row beside its
 * counts, a row that breaks the rule marked with its messages under it, and the hospital's sub-totals (free for
 * men, women, adults, children…) summed as one types.
 */
export function FreeBedsEntryTable({
  rows,
  forecastDates,
  problems,
  serverIssues,
  onValue,
  onForecast,
}: FreeBedsEntryTableProps) {
  const totals = totalsOf(rows);
  const columns = 2 + counts.length + forecastDates.length;
  return (
    <TableScroll labelledBy="free-beds-entry-caption">
      <table className="table table-compact hosp-entry-table">
        <caption id="free-beds-entry-caption" className="visually-hidden">
          Свободные места по отделениям
        </caption>
        <thead>
          <tr>
            <th scope="col" className="hosp-pinned">
              Отделение и профиль койки
            </th>
            <th scope="col" title="Коек профиля в отделении (коечный фонд)">
              Коек
            </th>
            {counts.map(([name, label, words]) => (
              <th key={name} scope="col" title={words}>
                {label}
              </th>
            ))}
            {forecastDates.map((d) => (
              <th key={d} scope="col" title={`Прогноз свободных мест на ${formatDate(d)}`}>
                Прогноз {formatDate(d).slice(0, 5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const rowProblems = problems.get(r.key) ?? [];
            const fromServer = serverIssues.get(r.key) ?? [];
            const wrong = new Set(rowProblems.map((p) => p.field));
            const invalid = rowProblems.length > 0 || fromServer.length > 0;
            const describedBy = invalid ? `free-beds-problems-${r.key}` : undefined;
            return (
              <Fragment key={r.key}>
                <tr
                  data-testid="free-beds-row"
                  data-invalid={invalid ? 'true' : undefined}
                  className={invalid ? 'hosp-row-invalid' : undefined}
                >
                  <th scope="row" className="hosp-pinned">
                    <span data-testid="free-beds-department">{r.departmentName}</span>
                    <span className="hosp-row-profile muted">
                      {r.bedProfileName || 'профиль'} ({r.bedProfile})
                    </span>
                  </th>
                  <td className="hosp-fund">{r.beds}</td>
                  {counts.map(([name, label]) => (
                    <td key={name}>
                      <input
                        className="input hosp-count"
                        inputMode="numeric"
                        aria-label={`${label}: ${r.departmentName}, профиль ${r.bedProfile}`}
                        aria-invalid={wrong.has(name) ? true : undefined}
                        aria-describedby={wrong.has(name) ? describedBy : undefined}
                        value={r.values[name]}
                        onChange={(e) => onValue(r.key, name, e.target.value)}
                      />
                    </td>
                  ))}
                  {forecastDates.map((d, i) => (
                    <td key={d}>
                      <input
                        className="input hosp-count"
                        inputMode="numeric"
                        aria-label={`Прогноз на ${formatDate(d)}: ${r.departmentName}, профиль ${r.bedProfile}`}
                        aria-invalid={wrong.has('forecast') ? true : undefined}
                        value={r.forecast[i] ?? ''}
                        onChange={(e) => onForecast(r.key, i, e.target.value)}
                      />
                    </td>
                  ))}
                </tr>
                {invalid && (
                  <tr className="hosp-row-message">
                    <td colSpan={columns} id={describedBy} data-testid="free-beds-row-problems">
                      <span className="hosp-row-message-text">
                        {[...rowProblems.map((p) => p.message), ...fromServer].join(' ')}
                      </span>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
        <tfoot data-testid="free-beds-totals">
          <tr>
            <th scope="row" className="hosp-pinned">
              Итого по стационару
            </th>
            <td className="hosp-fund">{totals.beds}</td>
            {counts.map(([name]) => (
              <td key={name} className="hosp-total" data-count={name} title={countWords[name]}>
                {totals[name]}
              </td>
            ))}
            {forecastDates.map((d) => (
              <td key={d} />
            ))}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
