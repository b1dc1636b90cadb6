import { accountsArea } from './accounts';
import { auditArea } from './audit';
import { consultationArea } from './consultation';
import { demoArea } from './demo';
import { exchangeJournalArea } from './exchange-journal';
import { hospitalisationArea } from './hospitalisation';
import { informingArea } from './informing';
import { nsiArea } from './nsi';
import { orgArea } from './org';
import { personArea } from './person';
import { allKinds, type SectionSpec } from './platform/access/sections';
import { type Area, gather } from './platform/area';
import { preventionArea } from './prevention';
import { registryArea } from './registry';

/**
 * The one list of areas (ARCHITECTURE §3). A new area is a folder shared/<area>/ with an index.ts exporting
 * its `Area`, added here — and, if it has queue jobs or a demo story, its `work.ts` added to
 * shared/area-work.ts; nothing else outside the folder changes (docs/adding-an-area.md).
 */
export const areas: readonly Area[] = [
  nsiArea,
  orgArea,
  personArea,
  demoArea,
  accountsArea,
  auditArea,
  hospitalisationArea,
  registryArea,
  preventionArea,
  informingArea,
  consultationArea,
  exchangeJournalArea,
];

/**
 * Sections of the product that no area provides yet: the UI lists them and says honestly that they are not
 * available. An area that builds one registers it and removes it from here.
 */
export const plannedSections: readonly SectionSpec[] = [
  { id: 'reports', title: 'Отчёты', path: '/reports', kinds: allKinds, available: false, order: 100 },
];

const gathered = gather(areas);

/** What the areas registered: permissions, sections (with the planned ones), routes, SOAP, person links. */
export const registered = { ...gathered, sections: [...gathered.sections, ...plannedSections] };
