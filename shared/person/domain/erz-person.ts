import * as z from 'zod';
import { boundedInt, isoDate } from '../../platform/flk/edge-types';

/** An identity document (F011 type, series, number, issue date). */
export const ErzDocument = z.object({
  docType: boundedInt(1, 99),
  docSer: z.string().max(20).nullable(),
  docNum: z.string().min(1).max(30),
  docDate: isoDate.nullable(),
});
export type ErzDocument = z.infer<typeof ErzDocument>;

/** One policy of the history (F008 type; for type 3 the number is the ЕНП), with its СМО (F002) and dates. */
export const ErzPolicy = z.object({
  policyType: boundedInt(1, 5),
  series: z.string().max(10).nullable(),
  number: z.string().min(1).max(20),
  smoCode: z.string().regex(/^\d{5}$/),
  dateBeg: isoDate,
  dateEnd: isoDate.nullable(),
  closeReason: z.string().max(100).nullable(),
});
export type ErzPolicy = z.infer<typeof ErzPolicy>;

/** One attachment of the history: МО (F003), therapeutic district, its doctor's СНИЛС, dates. */
export const ErzAttachment = z.object({
  moCode: z.string().regex(/^\d{6}$/),
  districtCode: z.string().min(1).max(20),
  doctorSnils: z.string().max(14),
  dateBeg: isoDate,
  dateEnd: isoDate.nullable(),
});
export type ErzAttachment = z.infer<typeof ErzAttachment>;

/**
 * A person as an ЕРЗ extract carries them (file format: docs/formats/erz-extract.md; SOAP: ErzService). The
 * extract is authoritative for the persons it lists: their demographics, documents, policy and attachment
 * histories replace what the register held. The record id is the sender's own (e.g. the BDZ_ID of the РС ЕРЗ).
 */
export const ErzPerson = z.object({
  recordId: z.string().min(1).max(64),
  enp: z.string(),
  snils: z.string().nullable(),
  fam: z.string().min(1).max(40),
  im: z.string().min(1).max(40),
  ot: z.string().max(40).nullable(),
  sex: z.union([z.literal(1), z.literal(2)]),
  birthDate: isoDate,
  phone: z.string().max(40).nullable(),
  documents: z.array(ErzDocument).max(20),
  policies: z.array(ErzPolicy).min(1).max(50),
  attachments: z.array(ErzAttachment).max(50),
});
export type ErzPerson = z.infer<typeof ErzPerson>;
