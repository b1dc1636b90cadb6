import { CheckupsSection } from './CheckupsSection';
import { SchedulesSection } from './SchedulesSection';

/** The prevention area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = {
  prevention: CheckupsSection,
  schedules: SchedulesSection,
};
