import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../NotFoundPage';
import { ErzImportPage } from './ErzImportPage';
import { ErzImportsPage } from './ErzImportsPage';

/** Routes of the «Загрузка ЕРЗ» section (`/erz/…`): the journal with the upload, and one import. */
export function ErzSection() {
  return (
    <Routes>
      <Route index element={<ErzImportsPage />} />
      <Route path=":id" element={<ErzImportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
