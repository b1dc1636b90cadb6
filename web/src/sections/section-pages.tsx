import type { ReactElement } from 'react';

type SectionPages = Readonly<Record<string, () => ReactElement>>;

/**
 * Each area's pages live in web/src/pages/<area>/ with a `sections.tsx` that maps its section ids (the ids of
 * `GET /api/v1/me`) to their page components; they are discovered at build time, so a new area adds its folder
 * and touches nothing here.
 */
const areaModules = import.meta.glob<{ sectionPages: SectionPages }>('../pages/*/sections.tsx', {
  eager: true,
});

/**
 * The sections this web UI has pages for, by section id. A section the server lists but that is missing here,
 * or that the server marks unavailable, gets the honest «not yet» page.
 */
export const sectionPages: SectionPages = Object.assign(
  {},
  ...Object.values(areaModules).map((m) => m.sectionPages),
);
