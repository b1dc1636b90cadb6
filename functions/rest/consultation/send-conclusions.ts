import { consultationSendRoute } from './send-route';

/** POST /api/v1/consultations/conclusions — the consulting МО answers with its conclusions. */
export const handler = consultationSendRoute('conclusion');
