import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { AdmissionCardPage } from './AdmissionCardPage';
import { AdmissionCreatePage } from './AdmissionCreatePage';
import { AdmissionsPage } from './AdmissionsPage';
import { HospitalOnly } from './HospitalOnly';

/** «Госпитализация» (`/hospitalisations/…`): stays, a new emergency admission, a stay's card. */
export function HospitalisationsSection() {
  return (
    <Routes>
      <Route index element={<AdmissionsPage />} />
      <Route
        path="new"
        element={
          <HospitalOnly title="Экстренная госпитализация">
            <AdmissionCreatePage />
          </HospitalOnly>
        }
      />
      <Route path=":id" element={<AdmissionCardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
