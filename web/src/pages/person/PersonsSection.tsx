import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { PersonCardPage } from './PersonCardPage';
import { PersonsPage } from './PersonsPage';

/** «Застрахованные лица»: the search list and the person card. */
export function PersonsSection() {
  return (
    <Routes>
      <Route index element={<PersonsPage />} />
      <Route path=":id" element={<PersonCardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
