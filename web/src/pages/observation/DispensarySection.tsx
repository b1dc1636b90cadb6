import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { DispensaryFormPage } from './DispensaryFormPage';
import { DispensaryListPage } from './DispensaryListPage';

/** «Диспансерное наблюдение» (`/dispensary/…`): the ДН list, and an МО's form to put a person on it. */
export function DispensarySection() {
  return (
    <Routes>
      <Route index element={<DispensaryListPage />} />
      <Route path="new" element={<DispensaryFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
