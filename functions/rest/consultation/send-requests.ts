import { consultationSendRoute } from './send-route';

/** POST /api/v1/consultations — an МО asks another МО for telemedicine consultations. */
export const handler = consultationSendRoute('request');
