import { ConsultationsSection } from './ConsultationsSection';

/** The consultation area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = {
  consultations: ConsultationsSection,
};
