import { useCallback, useState } from 'react';

const storageKey = 'omslink.sidenav.collapsed';

function stored(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === 'true';
  } catch {
    return false;
  }
}

/** Whether the side menu is collapsed, kept in the browser across reloads. */
export function useSideNavCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(stored);
  const toggle = useCallback(() => {
    setCollapsed((was) => {
      try {
        window.localStorage.setItem(storageKey, String(!was));
      } catch {
        // Private mode without storage: the menu still toggles, it just is not remembered.
      }
      return !was;
    });
  }, []);
  return [collapsed, toggle];
}
