import { PatientInformingSection } from './PatientInformingSection';

/** «Информирование пациента» by its section id (registered in shared/informing/index.ts). */
export const sectionPages = {
  'patient-informing': PatientInformingSection,
};
