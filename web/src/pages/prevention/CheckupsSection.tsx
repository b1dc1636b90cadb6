import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { DraftPlanPage } from './DraftPlanPage';
import { DueListPage } from './DueListPage';
import { FunnelPage } from './FunnelPage';
import { PlanListPage } from './PlanListPage';

/** «Медосмотры» (`/prevention/…`): the plan, the funnel, the month's due list and an МО's draft plan list. */
export function CheckupsSection() {
  return (
    <Routes>
      <Route index element={<PlanListPage />} />
      <Route path="funnel" element={<FunnelPage />} />
      <Route path="due" element={<DueListPage />} />
      <Route path="draft" element={<DraftPlanPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
