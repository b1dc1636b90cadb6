import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { DraftPlanPage } from './DraftPlanPage';
import { DueListPage } from './DueListPage';
import { FunnelPage } from './FunnelPage';
import { PlanFilePage } from './PlanFilePage';
import { PlanListPage } from './PlanListPage';

/**
 * «Медосмотры» (`/prevention/…`): the plan, the funnel, the month's due list, an МО's draft plan list and its
 * upload of a plan-list file.
 */
export function CheckupsSection() {
  return (
    <Routes>
      <Route index element={<PlanListPage />} />
      <Route path="funnel" element={<FunnelPage />} />
      <Route path="due" element={<DueListPage />} />
      <Route path="draft" element={<DraftPlanPage />} />
      <Route path="file" element={<PlanFilePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
