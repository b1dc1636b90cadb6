import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { ResultsPage } from './ResultsPage';
import { SurveySummaryPage } from './SurveySummaryPage';
import { SurveysPage } from './SurveysPage';
import { UpcomingProceduresPage } from './UpcomingProceduresPage';

/**
 * «Информирование пациента» (`/patient-informing/…`): the journal of informing results with its summary per СМО,
 * the upcoming procedures to tell of, the surveys of insured persons and their summary per МО.
 */
export function PatientInformingSection() {
  return (
    <Routes>
      <Route index element={<ResultsPage />} />
      <Route path="procedures" element={<UpcomingProceduresPage />} />
      <Route path="surveys" element={<SurveysPage />} />
      <Route path="survey-summary" element={<SurveySummaryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
