import * as z from 'zod';
import { boundedInt, int16Range, isoDate, pageNumber, pageSize } from '../../platform/flk/edge-types';

/**
 * Canonical shapes of the organisation directory as the REST API takes them (F003 МО / F002 СМО with their
 * departments, bed stock by V020 profile, doctors and districts). Structure only: the FLK rules that look
 * across fields or at НСИ live in organisation-flk.ts and in the database layer.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const nsiCode = boundedInt(0, 999_999);
/** V006 is kept as `smallint`. */
const smallNsiCode = boundedInt(0, int16Range.max);
const bedCount = boundedInt(0, 100_000);

export const organisationKindsEditable = ['MO', 'SMO'] as const;
export const moKinds = ['polyclinic', 'hospital', 'combined'] as const;
export const departmentKinds = ['polyclinic', 'inpatient', 'day_hospital'] as const;
export const districtKinds = ['therapeutic', 'pediatric', 'general_practice'] as const;

export const OrganisationFields = z.object({
  name: z.string().trim().min(1).max(500),
  shortName: z.string().trim().min(1).max(200),
  moKind: z.enum(moKinds).nullish(),
  okato: optionalText(11),
  inn: optionalText(12),
  ogrn: optionalText(15),
  kpp: optionalText(9),
  address: optionalText(500),
  phone: optionalText(100),
  dateBeg: isoDate,
  dateEnd: isoDate.nullish(),
});
export type OrganisationFields = z.infer<typeof OrganisationFields>;

export const OrganisationCreate = OrganisationFields.extend({
  code: z.string().trim().min(1).max(10),
  kind: z.enum(organisationKindsEditable),
});
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

export const BedInput = z.object({
  bedProfileV020: nsiCode,
  beds: bedCount,
  bedsMale: bedCount.default(0),
  bedsFemale: bedCount.default(0),
  bedsChild: bedCount.default(0),
});
export type BedInput = z.infer<typeof BedInput>;

export const DepartmentFields = z.object({
  name: z.string().trim().min(1).max(300),
  kind: z.enum(departmentKinds),
  profileV002: nsiCode,
  conditionsV006: smallNsiCode,
  dateEnd: isoDate.nullish(),
  beds: z.array(BedInput).max(200).default([]),
});
export type DepartmentFields = z.infer<typeof DepartmentFields>;

export const DepartmentCreate = DepartmentFields.extend({ code: z.string().trim().min(1).max(20) });
export type DepartmentCreate = z.infer<typeof DepartmentCreate>;

export const DoctorFields = z.object({
  fam: z.string().trim().min(1).max(100),
  im: z.string().trim().min(1).max(100),
  ot: optionalText(100),
  specialtyV021: nsiCode,
});
export type DoctorFields = z.infer<typeof DoctorFields>;

export const DoctorCreate = DoctorFields.extend({ snils: z.string().trim().min(1).max(20) });
export type DoctorCreate = z.infer<typeof DoctorCreate>;

export const DistrictFields = z.object({
  kind: z.enum(districtKinds),
  doctorSnils: z.string().trim().min(1).max(20),
  dateEnd: isoDate.nullish(),
  /** Serves a remote settlement (mobile teams go there: the exam schedules' completeness asks for them). */
  remote: z.boolean().default(false),
});
export type DistrictFields = z.infer<typeof DistrictFields>;

export const DistrictCreate = DistrictFields.extend({ code: z.string().trim().min(1).max(20) });
export type DistrictCreate = z.infer<typeof DistrictCreate>;

export const OrganisationListQuery = z.object({
  kind: z
    .enum(['MO', 'SMO', 'TFOMS'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  q: z.string().max(200).optional(),
  page: pageNumber(),
  pageSize: pageSize(500, 50),
  sort: z.enum(['code', '-code', 'name', '-name', 'beds', '-beds']).default('code'),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;
