import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/plans — an МО sends entries of its plan list (sent again: changed or withdrawn). */
export const handler = preventionSendRoute('plan-entry', preventionPermissions.sendPlan);
