import { NavLink } from 'react-router';
import { useMe } from '../auth/AuthContext';

/** The start page and the role's sections, in the order the server gives them. */
export function SideNav() {
  const me = useMe();
  return (
    <nav className="sidenav" aria-label="Разделы">
      <ul className="sidenav-list">
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
