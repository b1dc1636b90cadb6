import { OrganisationsSection } from './OrganisationsSection';

/** The organisations area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = { organisations: OrganisationsSection };
