import { NavLink } from 'react-router';
import { newRequestPath, requestsPath, rulesPath, timelinessPath } from './informing-paths';
import { useInformingAccess } from './use-informing-access';

/**
 * The views of «Заявки на информирование»: the requests, an МО's new request, the share informed on time, and
 * the fund's generation rules.
 */
export function InformingNav() {
  const access = useInformingAccess();
  const links = [
    { to: requestsPath, label: access.isSmo ? 'Рабочий список' : 'Заявки', end: true },
    ...(access.canSendRequest ? [{ to: newRequestPath, label: 'Новая заявка', end: false }] : []),
    { to: timelinessPath, label: 'Своевременность информирования', end: false },
    ...(access.isFund ? [{ to: rulesPath, label: 'Правила формирования', end: false }] : []),
  ];
  return (
    <nav aria-label="Разделы заявок на информирование" className="informing-tabs">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) =>
                isActive ? 'informing-tab informing-tab-current' : 'informing-tab'
              }
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
