import { sendOwnRecordsRoute } from '../send-records-route';

/** POST /api/v1/free-beds — a hospital reports its free beds (T6 records); answers the package protocol. */
export const handler = sendOwnRecordsRoute('free-beds');
