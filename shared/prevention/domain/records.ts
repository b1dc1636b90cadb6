import * as z from 'zod';
import { PersonRef } from '../../person/domain/patient-ref';
import { boundedInt, int32Range, isoDate } from '../../platform/flk/edge-types';
import { preventionKinds } from './exam-steps';

/**
 * Canonical records of the prevention area (docs/design/prevention-exchange.md; DOMAIN §2.4–2.5): what SOAP, REST
 * and the plan-list and ГИС ОМС ДН files all map into. Field names are English; the source tag is in the comment.
 * Every record carries the sender's own stable id (`sourceId`): re-sending it updates or is a no-op.
 */

const sourceId = z.string().trim().min(1).max(64);
const moCode = z.string().regex(/^\d{6}$/, 'Код МО из 6 цифр');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ');
const text = (max: number) => z.string().trim().min(1).max(max);
const kind = z.enum(preventionKinds);
const diagnosis = z.string().trim().min(3).max(10);
const year = boundedInt(2000, 2100);
const month = boundedInt(1, 12);

export { PersonRef };

/** A slot of an МО's exam schedule (`CevPlanDate`, D§2.4.2). */
export const ScheduleSlotRecord = z.object({
  sourceId,
  moCode, // code_mo: the sender's own (PREV.SENDER)
  kind, // kind (ДВН/ПМО …)
  departmentCode: z.string().trim().max(20).optional(),
  date: isoDate, // evdt
  timeFrom: hhmm,
  timeTo: hhmm,
  method: z.union([z.literal(1), z.literal(2), z.literal(3)]), // meth
  address: z.string().trim().max(500).optional(), // address: required for methods 2 and 3 (PREV.SLOT.ADDRESS)
  capacity: boundedInt(1, 10_000).optional(),
  comment: z.string().trim().max(500).optional(),
  cancelled: z.boolean().default(false),
});
export type ScheduleSlotRecord = z.infer<typeof ScheduleSlotRecord>;

/** A contact phone of an МО for informing (`CevContact`). */
export const ContactRecord = z.object({
  sourceId,
  moCode, // code_mo

  phone: z.string().trim().min(5).max(36),
  comment: z.string().trim().max(500).optional(),
});
export type ContactRecord = z.infer<typeof ContactRecord>;

/** A person on an МО's plan list for a year (`SV_PR_MER` with `SV_PL_MER{MONTH, DISP}`, D§2.4.1). */
export const PlanEntryRecord = z.object({
  sourceId,
  patient: PersonRef,
  year, // YEAR
  kind, // DISP (V016 → kind)
  months: z.array(month).max(12).default([]), // SV_PL_MER/MONTH
  quarter: boundedInt(1, 4).optional(), // SV_PL_MER/QUART
  districtCode: z.string().trim().max(20).optional(), // LPUREGION_NAME / MED_AREA_CODE
  doctorSnils: z.string().trim().max(14).optional(), // IDDOKT
  category: z.union([z.literal(0), z.literal(1)]).default(0), // KAT_LG: 1 льготная категория
  phone: z.string().trim().max(36).optional(), // TEL
  comment: z.string().trim().max(500).optional(),
  withdrawn: z.boolean().default(false),
});
export type PlanEntryRecord = z.infer<typeof PlanEntryRecord>;

/** A plan volume of an МО (`CevPlanQuantity`). */
export const PlanVolumeRecord = z.object({
  sourceId,
  year,
  month,
  kind,
  quantity: boundedInt(0, int32Range.max),
});
export type PlanVolumeRecord = z.infer<typeof PlanVolumeRecord>;

/** A participation step (`CevFactExec`, D§2.4.3). */
export const StepRecord = z.object({
  sourceId,
  patient: PersonRef,
  kind,
  step: boundedInt(101, 299), // execstep: a code of examSteps (PREV.STEP.CODE)
  date: isoDate, // execdate
  method: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1), // execmeth
  previousDate: isoDate.optional(), // prevdate
});
export type StepRecord = z.infer<typeof StepRecord>;

/** A planned visit window of a dispensary observation (`PLAN_DATE_START..PLAN_DATE_END`). */
export const VisitWindow = z.object({ from: isoDate, to: isoDate });

/** A dispensary observation (ДН) of a person (`DN_LIST` of ГИС ОМС, D§2.5; `DN_PLAN` gives its visit windows). */
export const DispensaryRecord = z.object({
  sourceId,
  patient: PersonRef,
  diagnosis, // DIAG_CODE
  diagnosisDate: isoDate.optional(), // DIAG_DATE
  dateIn: isoDate, // DATE_DN_IN
  dateOut: isoDate.optional(), // DATE_DN_OUT
  statusIn: z.union([z.literal(1), z.literal(2)]), // STATUS_DN_IN: 1 known before, 2 first found
  reasonIn: boundedInt(1, 999).optional(), // REASON_DN_IN (101–107)
  reasonOut: boundedInt(1, 999).optional(), // REASON_DN_OUT
  specialty: boundedInt(1, int32Range.max), // DN_PRVS, V021
  doctorSnils: z.string().trim().max(14).optional(),
  moAssign: z.union([z.literal(0), z.literal(1)]).default(1), // MO_ASSIGN
  visits: z.array(VisitWindow).max(52).default([]),
  lastVisit: isoDate.optional(), // LAST_SL_DATE
});
export type DispensaryRecord = z.infer<typeof DispensaryRecord>;

/** A polyclinic service case (случай поликлинического обслуживания). */
export const PolyclinicCaseRecord = z.object({
  sourceId,
  patient: PersonRef,
  dateFrom: isoDate, // DATE_1
  dateTo: isoDate, // DATE_2
  purpose: text(3), // P_CEL, V025
  diagnosis, // DS1
  specialty: boundedInt(1, int32Range.max), // PRVS, V021
  doctorSnils: z.string().trim().max(14).optional(), // IDDOKT
  visits: boundedInt(1, 366).default(1),
});
export type PolyclinicCaseRecord = z.infer<typeof PolyclinicCaseRecord>;
