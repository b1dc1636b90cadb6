import { NsiSection } from './NsiSection';

/** The НСИ area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = { nsi: NsiSection };
