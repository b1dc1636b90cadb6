import { useEffect } from 'react';

const productTitle = 'omslink — информационное сопровождение застрахованных лиц';

/** Names the browser tab after the page, so history and screen readers say where the user is. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — omslink` : productTitle;
  }, [title]);
}
