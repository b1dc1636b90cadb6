import { HospitalisationsSection } from './HospitalisationsSection';
import { HospitalPlanSection } from './HospitalPlanSection';
import { ReferralsSection } from './ReferralsSection';

/** The hospitalisation area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = {
  referrals: ReferralsSection,
  hospitalisations: HospitalisationsSection,
  'hospital-plan': HospitalPlanSection,
};
