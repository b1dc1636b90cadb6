import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/dispensary — an МО sends its dispensary observations (ДН) with planned visit windows. */
export const handler = preventionSendRoute('dispensary', preventionPermissions.sendPlan);
