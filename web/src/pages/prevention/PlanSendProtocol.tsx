import { Link } from 'react-router';
import { formatCount } from '../../format/numbers';
import type { PlanSendOutcome } from './draft-plan';

/** What sending the plan answered: how many entries were accepted and rejected (their reasons stay on the rows). */
export function PlanSendProtocol({ outcome, planPath }: { outcome: PlanSendOutcome; planPath: string }) {
  const title =
    outcome.rejected === 0
      ? 'План принят'
      : outcome.accepted === 0
        ? 'План отклонён'
        : 'План принят частично';
  const reasons = [...new Set([...outcome.problems.values()].flat())];
  return (
    <div
      className={outcome.accepted === 0 ? 'form-error' : 'notice'}
      role="status"
      data-testid="plan-protocol"
      data-accepted={outcome.accepted}
      data-rejected={outcome.rejected}
    >
      <p>
        <strong>{title}</strong>: принято {formatCount(outcome.accepted)} из {formatCount(outcome.total)},
        отклонено {formatCount(outcome.rejected)}.
        {outcome.accepted > 0 && (
          <>
            {' '}
            <Link to={planPath}>Открыть план</Link>
          </>
        )}
      </p>
      {reasons.length > 0 && (
        <>
          <p>Причины отклонения (отклонённые граждане остались в проекте, причина указана у каждого):</p>
          <ul>
            {reasons.slice(0, 20).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
