import { NavLink } from 'react-router';
import { useMe } from '../auth/AuthContext';
import { useSideNavCollapsed } from './use-side-nav-collapsed';

/**
 * The start page and the role's sections, in the order the server gives them. The menu collapses to a narrow strip
 * (more room for wide tables) and stays so after a reload.
 */
export function SideNav() {
  const me = useMe();
  const [collapsed, toggle] = useSideNavCollapsed();
  return (
    <nav className={collapsed ? 'sidenav sidenav-collapsed' : 'sidenav'} aria-label="Разделы">
      <button
        type="button"
        className="sidenav-toggle"
        onClick={toggle}
        aria-expanded={!collapsed}
        aria-controls="sidenav-list"
        title={collapsed ? 'Показать меню' : 'Свернуть меню'}
        data-testid="sidenav-toggle"
      >
        <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
        <span className="visually-hidden">{collapsed ? 'Показать меню' : 'Свернуть меню'}</span>
      </button>
      <ul className="sidenav-list" id="sidenav-list" hidden={collapsed}>
        <li>
          <NavLink to="/" end className="sidenav-link">
            Главная
          </NavLink>
        </li>
        {me.sections.map((section) => (
          <li key={section.id}>
            <NavLink
              to={section.path}
              className={section.available ? 'sidenav-link' : 'sidenav-link sidenav-link-pending'}
              data-section={section.id}
            >
              {section.title}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
