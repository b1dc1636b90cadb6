import { DispensarySection } from './DispensarySection';
import { PolyclinicCasesSection } from './PolyclinicCasesSection';

/**
 * The observation sections of the prevention area by id (the ids of `GET /api/v1/me`, registered in
 * shared/prevention/index.ts): dispensary observation and polyclinic service cases.
 */
export const sectionPages = {
  dispensary: DispensarySection,
  'polyclinic-cases': PolyclinicCasesSection,
};
