import { sendOwnRecordsRoute } from '../send-records-route';

/** POST /api/v1/hospital-plans — a hospital sends its plan lines; answers the package protocol. */
export const handler = sendOwnRecordsRoute('plan');
