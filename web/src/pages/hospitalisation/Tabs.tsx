import { Link, useSearchParams } from 'react-router';

export interface TabSpec {
  id: string;
  label: string;
}

/**
 * Worklist tabs kept in the URL (`?list=…`): switching keeps nothing of the other list's paging, so a tab is a
 * link with only its own id (and the `personId` filter, when the list is narrowed to one person).
 */
export function WorklistTabs({
  tabs,
  current,
  label,
}: {
  tabs: readonly TabSpec[];
  current: string;
  label: string;
}) {
  const [params] = useSearchParams();
  const personId = params.get('personId');
  return (
    <nav aria-label={label} className="hosp-tabs">
      <ul>
        {tabs.map((tab) => {
          const next = new URLSearchParams({ list: tab.id });
          if (personId) next.set('personId', personId);
          return (
            <li key={tab.id}>
              <Link
                to={`?${next.toString()}`}
                className={tab.id === current ? 'hosp-tab hosp-tab-current' : 'hosp-tab'}
                aria-current={tab.id === current ? 'page' : undefined}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The tab the URL names, or the first one. */
export function useCurrentTab(tabs: readonly TabSpec[], fallback?: string): string {
  const [params] = useSearchParams();
  const asked = params.get('list');
  return tabs.find((t) => t.id === asked)?.id ?? fallback ?? tabs[0]?.id ?? '';
}
