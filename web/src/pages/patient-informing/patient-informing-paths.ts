/** Where «Информирование пациента» lives (its id and path are registered in shared/informing/index.ts). */
export const resultsPath = '/patient-informing';
export const proceduresPath = `${resultsPath}/procedures`;
export const surveysPath = `${resultsPath}/surveys`;
export const surveySummaryPath = `${resultsPath}/survey-summary`;
