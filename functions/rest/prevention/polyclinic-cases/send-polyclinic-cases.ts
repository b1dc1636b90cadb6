import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/polyclinic-cases — an МО sends polyclinic service cases. */
export const handler = preventionSendRoute('polyclinic-case', preventionPermissions.sendPlan);
