import { fetchQuestionnaires, type Questionnaires } from '../../api/patient-informing';
import { useApiQuery } from '../../hooks/useApiQuery';

/** The questionnaires of the care conditions and the answer scale, as the server's FLK knows them. */
export function useQuestionnaires() {
  return useApiQuery<Questionnaires>('informing-questionnaires', (signal) => fetchQuestionnaires(signal));
}
