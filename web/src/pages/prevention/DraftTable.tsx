import { useState } from 'react';
import type { DraftPlanEntry } from '../../api/prevention';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { monthOptions, plannedWhen } from './checkup-labels';

const rowsPerPage = 100;

interface DraftTableProps {
  rows: readonly DraftPlanEntry[];
  /** FLK messages of rows the server rejected, by source id. */
  problems: ReadonlyMap<string, string[]>;
  onRemove: (sourceId: string) => void;
  onMonth: (sourceId: string, month: number) => void;
  disabled: boolean;
}

/**
 * The draft plan list to adjust before it is sent: a person taken off, or planned in another month; a hundred
 * rows a page. A row the server refused keeps its place with the reason under the name.
 */
export function DraftTable({ rows, problems, onRemove, onMonth, disabled }: DraftTableProps) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / rowsPerPage));
  const current = Math.min(page, pages);
  const shown = rows.slice((current - 1) * rowsPerPage, current * rowsPerPage);
  return (
    <>
      <TableScroll labelledBy="draft-caption">
        <table className="table table-dense" data-testid="draft-plan">
          <caption id="draft-caption" className="visually-hidden">
            Проект списка
          </caption>
          <thead>
            <tr>
              <th scope="col">Гражданин</th>
              <th scope="col">Дата рождения</th>
              <th scope="col">Участок</th>
              <th scope="col">Месяц</th>
              <th scope="col">
                <span className="visually-hidden">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const issues = problems.get(row.sourceId);
              return (
                <tr
                  key={row.sourceId}
                  data-testid="draft-row"
                  className={issues ? 'checkup-row-rejected' : ''}
                >
                  <td>
                    {row.fio}
                    <br />
                    <span className="muted cell-code">{row.patient.enp}</span>
                    {issues && (
                      <ul className="checkup-row-issues" data-testid="draft-row-issues">
                        {issues.map((m) => (
                          <li key={m}>{m}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="cell-date">{formatDate(row.birthDate)}</td>
                  <td className="cell-code">{row.districtCode ?? '—'}</td>
                  <td>
                    {row.months.length > 1 ? (
                      plannedWhen({ months: row.months, quarter: null })
                    ) : (
                      <select
                        className="input checkup-month"
                        aria-label={`Месяц: ${row.fio}`}
                        value={String(row.months[0] ?? '')}
                        disabled={disabled}
                        onChange={(e) => onMonth(row.sourceId, Number(e.target.value))}
                      >
                        {monthOptions.map((m) => (
                          <option key={m.value} value={m.value}>
                            {m.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`Убрать из проекта: ${row.fio}`}
                      disabled={disabled}
                      onClick={() => onRemove(row.sourceId)}
                    >
                      Убрать
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 && (
        <nav aria-label="Страницы проекта" className="pagination-pages">
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={current <= 1}
            onClick={() => setPage(current - 1)}
          >
            ‹ Предыдущая
          </button>
          <span className="pagination-position">
            Страница {formatCount(current)} из {formatCount(pages)}
          </span>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={current >= pages}
            onClick={() => setPage(current + 1)}
          >
            Следующая ›
          </button>
        </nav>
      )}
    </>
  );
}
