import { Link } from 'react-router';
import type { JournalSummary } from '../../api/exchange-journal';
import { formatCount } from '../../format/numbers';
import { rejectedPath, silentPath } from './home-links';

/** The fund's exchange worklists: packages rejected today by sender, organisations silent for N days. */
export function FundExchangePanel({ summary }: { summary: JournalSummary }) {
  const rejected = summary.rejectedToday.reduce((sum, s) => sum + s.count, 0);
  return (
    <div className="home-exchange" data-testid="fund-exchange">
      <ul className="figure-grid">
        {summary.silent && (
          <li className={`figure-card${summary.silent.count > 0 ? ' figure-card-attention' : ''}`}>
            <Link
              to={silentPath(summary.silent.days)}
              className="figure-value"
              data-testid="worklist-silent"
              data-count={summary.silent.count}
            >
              {formatCount(summary.silent.count)}
            </Link>
            <span className="figure-label">
              Медицинские организации без пакетов {summary.silent.days} дн. и более
            </span>
          </li>
        )}
        <li className={`figure-card${rejected > 0 ? ' figure-card-attention' : ''}`}>
          <span className="figure-value" data-testid="rejected-today-total">
            {formatCount(rejected)}
          </span>
          <span className="figure-label">Пакетов отклонено сегодня</span>
        </li>
      </ul>
      {summary.rejectedToday.length > 0 && (
        <table className="table table-compact home-rejected" data-testid="rejected-today">
          <caption className="table-caption">Отклонённые сегодня пакеты по отправителям</caption>
          <thead>
            <tr>
              <th scope="col">Отправитель</th>
              <th scope="col" className="cell-number">
                Пакетов
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.rejectedToday.map((s) => (
              <tr key={s.senderCode}>
                <td title={`Код ${s.senderCode}`}>{s.senderName ?? s.senderCode}</td>
                <td className="cell-number">
                  <Link
                    to={rejectedPath(s.senderCode, summary.today)}
                    data-testid={`rejected-${s.senderCode}`}
                    data-count={s.count}
                  >
                    {formatCount(s.count)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
