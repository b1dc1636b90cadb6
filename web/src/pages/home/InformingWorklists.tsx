import { Link } from 'react-router';
import type { InformingWorklistCount } from '../../api/informing';
import { formatCount } from '../../format/numbers';
import { worklistPath } from '../informing/informing-paths';

/**
 * «На сегодня», informing: an СМО's open requests whose deadline is today and those past it, each count a link to
 * the worklist it counts.
 */
export function InformingWorklists({ worklists }: { worklists: readonly InformingWorklistCount[] }) {
  return (
    <ul className="figure-grid" data-testid="informing-worklists">
      {worklists.map((w) => (
        <li key={w.id} className={`figure-card${w.count > 0 ? ' figure-card-attention' : ''}`}>
          <Link
            to={worklistPath(w.id)}
            className="figure-value"
            data-testid={`worklist-informing-${w.id}`}
            data-count={w.count}
            aria-label={`${w.title}: ${formatCount(w.count)}`}
          >
            {formatCount(w.count)}
          </Link>
          <span className="figure-label">{w.title}</span>
        </li>
      ))}
    </ul>
  );
}
