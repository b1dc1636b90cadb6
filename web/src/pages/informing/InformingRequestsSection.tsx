import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { NewRequestPage } from './NewRequestPage';
import { RequestDetailPage } from './RequestDetailPage';
import { RequestsListPage } from './RequestsListPage';
import { RulesPage } from './RulesPage';
import { TimelinessPage } from './TimelinessPage';

/**
 * «Заявки на информирование» (`/informing-requests/…`): the СМО's worklist, the МО's sent requests and its form
 * of a new one, a request with its results, the share informed on time per СМО, and the fund's generation rules.
 */
export function InformingRequestsSection() {
  return (
    <Routes>
      <Route index element={<RequestsListPage />} />
      <Route path="new" element={<NewRequestPage />} />
      <Route path="timeliness" element={<TimelinessPage />} />
      <Route path="rules" element={<RulesPage />} />
      <Route path=":id" element={<RequestDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
