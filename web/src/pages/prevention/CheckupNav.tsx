import { NavLink } from 'react-router';
import { checkupsRootPath, draftPath, dueRootPath, funnelPath, planFilePath } from './checkup-paths';
import { useCheckupAccess } from './use-checkup-access';

/**
 * The views of «Медосмотры»: the plan, the funnel, this month's due list and, for an МО, the draft list and the
 * upload of a plan-list file.
 */
export function CheckupNav() {
  const access = useCheckupAccess();
  const links = [
    { to: checkupsRootPath, label: 'План', end: true },
    { to: funnelPath, label: 'Воронка', end: false },
    { to: dueRootPath, label: 'К прохождению в месяце', end: false },
    ...(access.canSendPlan
      ? [
          { to: draftPath, label: 'Проект списка', end: false },
          { to: planFilePath, label: 'Загрузка файла плана', end: false },
        ]
      : []),
  ];
  return (
    <nav aria-label="Разделы медосмотров" className="checkup-tabs">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) => (isActive ? 'checkup-tab checkup-tab-current' : 'checkup-tab')}
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
