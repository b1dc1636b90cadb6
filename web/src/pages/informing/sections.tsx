import { InformingRequestsSection } from './InformingRequestsSection';

/** The informing area's sections by id (the ids of `GET /api/v1/me`, registered in shared/informing/index.ts). */
export const sectionPages = {
  'informing-requests': InformingRequestsSection,
};
