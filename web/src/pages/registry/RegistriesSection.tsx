import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { RegistriesPage } from './RegistriesPage';
import { RegistryPackagePage } from './RegistryPackagePage';

/** Routes of «Загрузка реестров» (`/registries/…`): the upload with the journal, and one package. */
export function RegistriesSection() {
  return (
    <Routes>
      <Route index element={<RegistriesPage />} />
      <Route path=":id" element={<RegistryPackagePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
