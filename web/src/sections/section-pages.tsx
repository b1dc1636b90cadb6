import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { AccountsSection } from '../pages/accounts/AccountsSection';
import { AuditLogPage } from '../pages/audit/AuditLogPage';
import { HospitalisationsSection } from '../pages/hospitalisation/HospitalisationsSection';
import { HospitalPlanSection } from '../pages/hospitalisation/HospitalPlanSection';
import { ReferralsSection } from '../pages/hospitalisation/ReferralsSection';
import { NotFoundPage } from '../pages/NotFoundPage';
import { NsiDirectoriesPage } from '../pages/nsi/NsiDirectoriesPage';
import { NsiRecordsPage } from '../pages/nsi/NsiRecordsPage';
import { OrganisationsSection } from '../pages/org/OrganisationsSection';
import { ErzSection } from '../pages/person/erz/ErzSection';
import { PersonsSection } from '../pages/person/PersonsSection';

function NsiSection() {
  return (
    <Routes>
      <Route index element={<NsiDirectoriesPage />} />
      <Route path=":code" element={<NsiRecordsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/**
 * The sections this web UI has pages for, by section id (the ids of `GET /api/v1/me`). A section the server
 * lists but that is missing here, or that the server marks unavailable, gets the honest «not yet» page.
 */
export const sectionPages: Readonly<Record<string, () => ReactElement>> = {
  nsi: NsiSection,
  organisations: OrganisationsSection,
  persons: PersonsSection,
  erz: ErzSection,
  accounts: AccountsSection,
  audit: AuditLogPage,
  referrals: ReferralsSection,
  hospitalisations: HospitalisationsSection,
  'hospital-plan': HospitalPlanSection,
};
