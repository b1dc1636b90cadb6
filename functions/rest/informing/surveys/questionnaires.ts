import { answerScale, questionnaires, surveyConditions } from '../../../../shared/informing/domain/surveys';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { requirePermission, restHandler } from '../../../lib/rest';

/**
 * GET /api/v1/informing/surveys/questionnaires — the questionnaire of each care condition and the answer scale
 * (DOMAIN §2.7), so the form asks exactly what the FLK accepts.
 */
export const handler = restHandler({ auth: 'user' }, async ({ caller }) => {
  requirePermission(caller, informingPermissions.read);
  const conditions = Object.entries(surveyConditions).map(([code, name]) => ({
    condition: Number(code),
    name,
    questions: Object.entries(questionnaires[Number(code) as 1 | 2 | 3]).map(([q, text]) => ({
      code: q,
      text,
    })),
  }));
  const scale = Object.entries(answerScale).map(([score, name]) => ({ score: Number(score), name }));
  return { body: { conditions, scale } };
});
