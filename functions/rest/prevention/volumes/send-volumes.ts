import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/volumes — an МО sends its plan volumes per year, month and kind. */
export const handler = preventionSendRoute('plan-volume', preventionPermissions.sendPlan);
