import { SchedulesSection } from './SchedulesSection';

/** The prevention area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = {
  schedules: SchedulesSection,
};
