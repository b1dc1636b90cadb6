import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/contacts — an МО's contact phones for informing. */
export const handler = preventionSendRoute('contact', preventionPermissions.sendSchedule, 100);
