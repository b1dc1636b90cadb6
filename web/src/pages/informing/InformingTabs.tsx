import { NavLink } from 'react-router';

export interface InformingTab {
  to: string;
  label: string;
  /** Current only on exactly this path (the section's index), not below it. */
  end: boolean;
}

/** The tabs of the informing sections («Заявки на информирование», «Информирование пациента»). */
export function InformingTabs({ label, tabs }: { label: string; tabs: readonly InformingTab[] }) {
  return (
    <nav aria-label={label} className="informing-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                isActive ? 'informing-tab informing-tab-current' : 'informing-tab'
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
