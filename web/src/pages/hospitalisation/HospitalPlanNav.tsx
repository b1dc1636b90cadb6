import { NavLink } from 'react-router';
import { freeBedsEntryPath, hospitalPlanRootPath, planFactPath } from './hosp-paths';
import { useHospAccess } from './use-hosp-access';

/** The three views of «План госпитализации». */
export function HospitalPlanNav() {
  const access = useHospAccess();
  const links = [
    { to: hospitalPlanRootPath, label: 'Свободные места', end: true },
    ...(access.canAdmit ? [{ to: freeBedsEntryPath, label: 'Ввод свободных мест', end: false }] : []),
    { to: planFactPath, label: 'План и факт', end: false },
  ];
  return (
    <nav aria-label="Разделы плана госпитализации" className="hosp-tabs">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) => (isActive ? 'hosp-tab hosp-tab-current' : 'hosp-tab')}
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
