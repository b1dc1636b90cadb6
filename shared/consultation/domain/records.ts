import * as z from 'zod';
import { PersonRef } from '../../person/domain/patient-ref';
import { boundedInt, int32Range, isoDate } from '../../platform/flk/edge-types';

/**
 * Telemedicine consultations (DOMAIN §2.8 `TelemedConsultation`): the request of the МО that asks, and the
 * conclusion of the МО that consults. Every record carries the sender's own stable id (`sourceId`).
 */
const sourceId = z.string().trim().min(1).max(64);
const moCode = z.string().regex(/^\d{6}$/, 'Код МО из 6 цифр');
const text = (max: number) => z.string().trim().min(1).max(max);

export const ConsultationRequestRecord = z.object({
  sourceId,
  patient: PersonRef,
  requestingMoCode: moCode,
  consultingMoCode: moCode,
  type: z.union([z.literal(1), z.literal(2)]), // 1 doctor–doctor, 2 doctor–patient
  urgency: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1), // planned, urgent, emergency
  requestDate: isoDate,
  diagnosis: z.string().trim().min(3).max(10), // МКБ-10
  specialty: boundedInt(1, int32Range.max).optional(), // V021 of the consultant asked for
  question: text(2000).optional(),
  referralNumber: z.string().trim().min(1).max(30).optional(),
  cancelled: z.boolean().default(false),
});
export type ConsultationRequestRecord = z.infer<typeof ConsultationRequestRecord>;

export const ConclusionRecord = z.object({
  sourceId,
  /** The request as the requesting МО named it. */
  request: z.object({ requestingMoCode: moCode, sourceId }),
  consultDate: isoDate,
  diagnosis: z.string().trim().min(3).max(10).optional(),
  conclusion: text(4000),
  recommendations: text(4000).optional(),
});
export type ConclusionRecord = z.infer<typeof ConclusionRecord>;
