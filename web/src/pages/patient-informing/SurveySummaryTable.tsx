import type { Questionnaires, SurveySummary } from '../../api/patient-informing';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../format/numbers';
import { formatShare } from './patient-informing-labels';

interface SurveySummaryTableProps {
  condition: Questionnaires['conditions'][number];
  rows: readonly SurveySummary[];
}

/**
 * One care condition's summary: a row per МО with its surveys, and per question of the condition's questionnaire
 * the share satisfied or rather satisfied with, out of those who answered (the count under it).
 */
export function SurveySummaryTable({ condition, rows }: SurveySummaryTableProps) {
  const captionId = `survey-summary-caption-${condition.condition}`;
  return (
    <TableScroll labelledBy={captionId}>
      <table className="table table-dense" data-testid={`survey-summary-${condition.condition}`}>
        <caption id={captionId} className="patient-informing-caption">
          {condition.name}
        </caption>
        <thead>
          <tr>
            <th scope="col">Медицинская организация</th>
            <th scope="col" className="cell-number">
              Анкет
            </th>
            {condition.questions.map((q) => (
              <th key={q.code} scope="col" className="cell-number patient-informing-question">
                {q.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const byCode = new Map(r.questions.map((q) => [q.code, q]));
            return (
              <tr key={r.moCode} data-mo={r.moCode}>
                <th scope="row">{r.moName ?? r.moCode}</th>
                <td className="cell-number" data-testid="survey-count">
                  {formatCount(r.surveys)}
                </td>
                {condition.questions.map((q) => {
                  const answer = byCode.get(q.code);
                  return (
                    <td key={q.code} className="cell-number" data-question={q.code}>
                      {formatShare(answer?.satisfiedShare ?? null)}
                      <div className="muted">ответов: {formatCount(answer?.answered ?? 0)}</div>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
