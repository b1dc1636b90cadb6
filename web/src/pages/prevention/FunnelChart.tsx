import type { Funnel, PreventionKind } from '../../api/prevention';
import { formatCount } from '../../format/numbers';
import { funnelStagesOf } from './checkup-labels';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * The prevention funnel as horizontal bars (CSS, no chart library): each stage's count of planned persons and its
 * share of the planned, widest first. A plan with nobody in it says so instead of drawing empty bars.
 */
export function FunnelChart({
  funnel,
  kind,
  title,
}: {
  funnel: Funnel;
  kind: PreventionKind;
  title: string;
}) {
  const stages = funnelStagesOf(kind);
  return (
    <figure className="funnel" data-testid="funnel-chart">
      <figcaption className="funnel-title">{title}</figcaption>
      {funnel.planned === 0 ? (
        <p className="muted" data-testid="funnel-empty">
          В план никто не включён.
        </p>
      ) : (
        <ol className="funnel-stages">
          {stages.map((stage) => {
            const count = funnel[stage.key];
            const share = percent(count, funnel.planned);
            return (
              <li
                key={stage.key}
                className={`funnel-stage funnel-stage-${stage.key}`}
                data-testid={`funnel-${stage.key}`}
                data-count={count}
              >
                <span className="funnel-label">{stage.label}</span>
                <span className="funnel-track" aria-hidden="true">
                  <span className="funnel-bar" style={{ width: `${Math.max(share, count > 0 ? 1 : 0)}%` }} />
                </span>
                <span className="funnel-value">
                  {formatCount(count)}
                  {stage.key !== 'planned' && <span className="muted"> ({share} %)</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </figure>
  );
}
