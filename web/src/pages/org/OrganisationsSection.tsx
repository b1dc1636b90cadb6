import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { ImportDirectoryPage } from './ImportDirectoryPage';
import { NewOrganisationPage } from './NewOrganisationPage';
import { OrganisationCardPage } from './OrganisationCardPage';
import { OrganisationsPage } from './OrganisationsPage';

/** Routes of the «Организации» section (`/organisations/…`). */
export function OrganisationsSection() {
  return (
    <Routes>
      <Route index element={<OrganisationsPage />} />
      <Route path="new" element={<NewOrganisationPage />} />
      <Route path="import" element={<ImportDirectoryPage />} />
      <Route path=":code" element={<OrganisationCardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
