import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { NsiDirectoriesPage } from './NsiDirectoriesPage';
import { NsiRecordsPage } from './NsiRecordsPage';

export function NsiSection() {
  return (
    <Routes>
      <Route index element={<NsiDirectoriesPage />} />
      <Route path=":code" element={<NsiRecordsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
