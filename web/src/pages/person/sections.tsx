import { ErzSection } from './erz/ErzSection';
import { PersonsSection } from './PersonsSection';

/** The person area's sections by id (the ids of `GET /api/v1/me`): the register and its extract imports. */
export const sectionPages = { persons: PersonsSection, erz: ErzSection };
