import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { PolyclinicCaseFormPage } from './PolyclinicCaseFormPage';
import { PolyclinicCaseListPage } from './PolyclinicCaseListPage';

/** «Случаи поликлинического обслуживания» (`/polyclinic-cases/…`): the list, and an МО's form to add a case. */
export function PolyclinicCasesSection() {
  return (
    <Routes>
      <Route index element={<PolyclinicCaseListPage />} />
      <Route path="new" element={<PolyclinicCaseFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
