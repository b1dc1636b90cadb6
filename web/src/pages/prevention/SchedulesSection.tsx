import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { SchedulePage } from './SchedulePage';
import { SlotFormPage } from './SlotFormPage';

/** «Графики медосмотров» (`/schedules/…`): every МО's exam schedule, and an МО's form to publish its slots. */
export function SchedulesSection() {
  return (
    <Routes>
      <Route index element={<SchedulePage />} />
      <Route path="new" element={<SlotFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
