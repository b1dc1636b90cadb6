import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/steps — an МО reports participation steps of its planned persons. */
export const handler = preventionSendRoute('step', preventionPermissions.sendPlan);
