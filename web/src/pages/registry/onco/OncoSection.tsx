import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../NotFoundPage';
import { OncoListPage } from './OncoListPage';
import { OncoPersonPage } from './OncoPersonPage';

/** Routes of «Онкорегистр» (`/onco/…`): the list builder, and one person's history. */
export function OncoSection() {
  return (
    <Routes>
      <Route index element={<OncoListPage />} />
      <Route path="persons/:personId" element={<OncoPersonPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
