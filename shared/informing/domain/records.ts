import * as z from 'zod';
import { PersonRef } from '../../person/domain/patient-ref';
import { boundedInt, isoDate } from '../../platform/flk/edge-types';
import { informingReasons } from './codes';

/**
 * Canonical records of the informing exchange (docs/design/informing-exchange.md): what REST, SOAP and files map
 * into. Every record carries the sender's own stable id (`sourceId`): re-sending it updates or is a no-op.
 */
const sourceId = z.string().trim().min(1).max(64);

/** An informing request (`InformingTask`, D§2.6): an МО asks the person's СМО to inform the person. */
export const RequestRecord = z.object({
  sourceId,
  patient: PersonRef,
  reason: z.enum(informingReasons),
  primary: z.union([z.literal(1), z.literal(2)]).default(1), // PRIMARY_INF
  windowFrom: isoDate.optional(), // PLAN_DATE_START
  windowTo: isoDate.optional(), // PLAN_DATE_END
  deadline: isoDate, // END_DATE_INF
  moCode: z
    .string()
    .regex(/^\d{6}$/, 'Код МО из 6 цифр')
    .optional(), // MCOD_PLAN: where to go
  districtCode: z.string().trim().max(20).optional(), // MED_AREA_CODE
  comment: z.string().trim().max(500).optional(),
  /** What to tell of an upcoming procedure (PROCEDURE) or of the methods discussed at a consultation (CARE_INFO). */
  details: z
    .object({
      procedure: z.string().trim().min(1).max(500).optional(),
      date: isoDate.optional(),
      place: z.string().trim().max(500).optional(),
      methods: z.string().trim().min(1).max(4000).optional(),
    })
    .optional(),
});
export type RequestRecord = z.infer<typeof RequestRecord>;

/** An informing result (`CevFactInfo`, D§2.4.4): what the СМО did about a request. */
export const ResultRecord = z
  .object({
    sourceId,
    /** Our id of the request (from the СМО's worklist or feed) … */
    requestId: z
      .string()
      .regex(/^\d{1,18}$/, 'Идентификатор заявки из цифр')
      .optional(),
    /** … or the request as its sender named it. */
    request: z.object({ senderCode: z.string().regex(/^\d{6}$/), sourceId }).optional(),
    date: isoDate, // infodate
    method: boundedInt(1, 7), // infometh
    step: boundedInt(1, 4), // infostep
    outcome: boundedInt(1, 5), // inforslt
    operator: z.string().trim().max(200).optional(),
  })
  .refine((r) => (r.requestId === undefined) !== (r.request === undefined), {
    message: 'Укажите заявку: либо её идентификатор, либо отправителя и идентификатор отправителя',
    path: ['requestId'],
  });
export type ResultRecord = z.infer<typeof ResultRecord>;
