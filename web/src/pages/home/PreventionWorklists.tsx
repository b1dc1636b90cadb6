import { Link } from 'react-router';
import type { PreventionWorklistCount } from '../../api/prevention';
import { formatCount } from '../../format/numbers';
import { duePath } from '../prevention/checkup-paths';

/**
 * «На сегодня», prevention: persons due this month who have not started their examination (an МО's to invite,
 * an СМО's insured to inform), each count a link to the due list it counts.
 */
export function PreventionWorklists({ worklists }: { worklists: readonly PreventionWorklistCount[] }) {
  return (
    <ul className="figure-grid" data-testid="prevention-worklists">
      {worklists.map((w) => (
        <li key={w.id} className={`figure-card${w.count > 0 ? ' figure-card-attention' : ''}`}>
          <Link
            to={duePath(w.month)}
            className="figure-value"
            data-testid={`worklist-prevention-${w.id}`}
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
