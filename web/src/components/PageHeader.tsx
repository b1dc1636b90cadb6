import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/usePageTitle';

export interface Crumb {
  label: string;
  to: string;
}

interface PageHeaderProps {
  title: string;
  /** One line under the title. */
  description?: ReactNode;
  /** Links to the pages above this one. */
  crumbs?: readonly Crumb[];
  /** Buttons or links at the right. */
  actions?: ReactNode;
}

/** The page's heading (h1), its breadcrumb trail and the browser tab title. */
export function PageHeader({ title, description, crumbs, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label="Путь к странице" className="breadcrumbs">
          <ol>
            {crumbs.map((crumb) => (
              <li key={crumb.to}>
                <Link to={crumb.to}>{crumb.label}</Link>
              </li>
            ))}
            <li aria-current="page">{title}</li>
          </ol>
        </nav>
      )}
      <div className="page-header-row">
        <div>
          <h1 className="page-title">{title}</h1>
          {description && <p className="page-description">{description}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
    </header>
  );
}
