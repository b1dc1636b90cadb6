import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { FreeBedsEntryPage } from './FreeBedsEntryPage';
import { FreeBedsPage } from './FreeBedsPage';
import { HospitalOnly } from './HospitalOnly';
import { PlanFactPage } from './PlanFactPage';

/** «План госпитализации» (`/hospital-plan/…`): free beds of the region, the hospital's entry form, plan vs fact. */
export function HospitalPlanSection() {
  return (
    <Routes>
      <Route index element={<FreeBedsPage />} />
      <Route
        path="entry"
        element={
          <HospitalOnly title="Ввод свободных мест">
            <FreeBedsEntryPage />
          </HospitalOnly>
        }
      />
      <Route path="plan-fact" element={<PlanFactPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
