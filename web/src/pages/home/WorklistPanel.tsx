import { Link } from 'react-router';
import type { WorklistCount } from '../../api/home';
import { formatCount } from '../../format/numbers';
import { worklistPath } from './home-links';

/** «На сегодня»: the organisation's worklists, each count a link to the list it counts. */
export function WorklistPanel({ worklists }: { worklists: readonly WorklistCount[] }) {
  return (
    <ul className="figure-grid" data-testid="worklists">
      {worklists.map((w) => (
        <li key={w.id} className={`figure-card${w.count > 0 ? ' figure-card-attention' : ''}`}>
          <Link
            to={worklistPath(w)}
            className="figure-value"
            data-testid={`worklist-${w.id}`}
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
