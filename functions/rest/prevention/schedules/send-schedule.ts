import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { preventionSendRoute } from '../send-route';

/** POST /api/v1/prevention/schedules — an МО publishes slots of its exam schedule (sent again: changed or cancelled). */
export const handler = preventionSendRoute('schedule-slot', preventionPermissions.sendSchedule);
