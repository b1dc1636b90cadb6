import * as z from 'zod';
import { boundedInt, int16, int32, int32Range, isoDate } from '../../platform/flk/edge-types';

/**
 * Canonical records of the hospitalisation exchange (DOMAIN §2.1–2.3, §8): what SOAP, REST and the T1–T6 files
 * all map into. Field names are English; the T-family tag each one comes from is in its comment. Every record
 * carries the sender's own stable id (`sourceId`): re-sending it updates or is a no-op, never a duplicate.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ');
const code = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `Код из ${digits} цифр`);
const sourceId = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
// Dates are real days (`isoDate`); numbers are bounded by their columns (migration 006): the `smallint` codes
// (V014, V006, cancellation reasons, outcomes) by `int16`, `integer` codes and counts by `int32`.

/** Who the record is about, as the sender knows them: resolved against the regional ЕРЗ (ЕНП → СНИЛС → ФИО…). */
export const PatientRef = z.object({
  enp: z.string().trim().max(16).optional(), // NPOLIS when VPOLIS = 3
  snils: z.string().trim().max(14).optional(),
  fam: z.string().trim().max(40).optional(), // FAM
  im: z.string().trim().max(40).optional(), // IM
  ot: z.string().trim().max(40).optional(), // OT
  sex: z.union([z.literal(1), z.literal(2)]).optional(), // W (V005)
  birthDate: isoDate.optional(), // DR
  docSer: z.string().trim().max(20).optional(),
  docNum: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(36).optional(), // TLF
});
export type PatientRef = z.infer<typeof PatientRef>;

/** ВМП: the талон of the commission (DOMAIN §2.3: TAL_NUM, TAL_D, TAL_P; VID_HMP V018, METOD_HMP V019). */
export const VmpTalon = z.object({
  talonNumber: text(30),
  talonDate: isoDate,
  vmpKind: z.string().trim().max(20).optional(),
  vmpMethod: boundedInt(1, int32Range.max).optional(),
});

/** T1 — направление на госпитализацию (МО-направитель → стационар, СМО). */
export const ReferralRecord = z.object({
  sourceId,
  number: z.string().trim().min(1).max(16), // NOM_NAP
  date: isoDate, // DTA_NAP
  form: int16, // FRM_MP, V014
  fromMoCode: code(6), // MCOD_NAP
  fromDepartmentCode: z.string().trim().max(20).optional(), // MPODR_NAP
  toMoCode: code(6), // MCOD_STC
  toDepartmentCode: z.string().trim().max(20).optional(), // MPODR_STC
  conditions: int16, // USL_OK, V006
  profile: int32, // KOD_PFO, V002
  bedProfile: int32, // KOD_PFK, V020
  diagnosis: z.string().trim().min(3).max(6), // DS, МКБ-10
  doctorSnils: z.string().trim().max(14), // KOD_DCT
  plannedDate: isoDate, // DTA_PLN
  kind: z.enum(['plain', 'vmp']).default('plain'),
  vmp: VmpTalon.optional(),
  patient: PatientRef,
});
export type ReferralRecord = z.infer<typeof ReferralRecord>;

/** Canonical cancellation reasons (DOMAIN §2.1.5, Volgograd REASON_REF 1–9). */
export const cancelReasons: Record<number, string> = {
  1: 'Отсутствие показаний для госпитализации',
  2: 'Непредставление необходимого пакета документов',
  3: 'Инициативный отказ от госпитализации пациентом',
  4: 'Отказ от госпитализации по эпидемиологическим показаниям',
  5: 'Карантин в стационарном отделении',
  6: 'Направление не по профилю заболевания',
  7: 'Неявка пациента на госпитализацию',
  8: 'Смерть до госпитализации',
  9: 'Прочие причины',
};

/** Who cancels (Volgograd TYPE_S): 1 СМО, 2 стационар, 3 направившая МО (поликлиника). */
export const cancelSources = { 1: 'СМО', 2: 'Стационар', 3: 'Направившая МО' } as const;

/** T4 — аннулирование направления (несостоявшаяся госпитализация). */
export const CancellationRecord = z.object({
  sourceId,
  referralNumber: z.string().trim().min(1).max(16), // NOM_NAP
  referralDate: isoDate, // DTA_NAP
  reason: int16, // PR_ANL (canonical 1–9)
  date: isoDate, // date of cancellation
  comment: z.string().trim().max(250).optional(),
});
export type CancellationRecord = z.infer<typeof CancellationRecord>;

/** T2 / T3 — госпитализация: planned (by referral) or emergency (without one). */
export const AdmissionRecord = z.object({
  sourceId,
  kind: z.enum(['planned', 'emergency']),
  referralNumber: z.string().trim().max(16).optional(), // NOM_NAP (planned: required)
  referralDate: isoDate.optional(), // DTA_NAP
  form: int16, // FRM_MP, V014
  moCode: code(6), // MCOD_STC
  departmentCode: z.string().trim().min(1).max(20), // MPODR_STC
  conditions: int16, // USL_OK
  profile: int32, // KOD_PFO
  bedProfile: int32, // KOD_PFK
  date: isoDate, // DTA_FKT
  time: hhmm.optional(), // TIM_FKT
  caseNumber: text(50), // NHISTORY
  diagnosis: z.string().trim().min(3).max(6), // DS
  patient: PatientRef,
});
export type AdmissionRecord = z.infer<typeof AdmissionRecord>;

/** Movement between departments of the same hospital (ProMed MOTION_IN_HOSPITAL idea). */
export const MovementRecord = z.object({
  sourceId,
  admissionSourceId: sourceId,
  departmentCode: z.string().trim().min(1).max(20),
  profile: int32,
  bedProfile: int32,
  date: isoDate,
});
export type MovementRecord = z.infer<typeof MovementRecord>;

/** Outcomes of a stay (ProMed MOTION OUTCOME mapping). */
export const dischargeOutcomes: Record<number, string> = {
  1: 'Выздоровление, улучшение',
  2: 'Без перемен, ухудшение',
  3: 'Смерть',
  4: 'Перевод в другую МО',
};

/** T5 — выбытие из стационара. */
export const DischargeRecord = z.object({
  sourceId,
  admissionSourceId: sourceId, // the hospital's id of the stay (NHISTORY link)
  date: isoDate, // DTA_END
  outcome: int16,
});
export type DischargeRecord = z.infer<typeof DischargeRecord>;

/** T6 — коечный фонд / свободные места per hospital × department × bed profile × conditions per day. */
export const FreeBedsRecord = z.object({
  sourceId,
  date: isoDate, // DTA_RAB
  moCode: code(6), // MCOD_STC
  departmentCode: z.string().trim().min(1).max(20), // MPODR_STC
  conditions: int16, // USL_OK
  bedProfile: int32, // KOD_PFK
  profile: int32.optional(), // KOD_PFO
  occupiedAtStart: int32, // KOL_PAC
  admitted: int32, // KOL_IN
  discharged: int32, // KOL_OUT
  plannedToday: int32, // KOL_PLN
  freeTotal: int32, // KOL_PUS
  freeMale: int32, // KOL_PUS_M
  freeFemale: int32, // KOL_PUS_J
  freeAdult: int32, // KOL_PUS_V
  freeChild: int32, // KOL_PUS_D
  /** Free beds expected on the next working days (Volgograd I07 idea). */
  forecast: z
    .array(z.object({ date: isoDate, free: int32 }))
    .max(10)
    .default([]),
});
export type FreeBedsRecord = z.infer<typeof FreeBedsRecord>;

/** A hospitalisation plan line: planned admissions of a hospital per month, profile and СМО. */
export const PlanRecord = z.object({
  sourceId,
  year: int32,
  month: int32,
  moCode: code(6),
  profile: int32,
  conditions: int16,
  smoCode: code(5),
  planned: int32,
});
export type PlanRecord = z.infer<typeof PlanRecord>;
