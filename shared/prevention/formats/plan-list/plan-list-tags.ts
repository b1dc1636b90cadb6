import { D, group, N, opt, type RecordOf, some, T } from '../../../platform/formats/xml-tree-schema';
import type { PreventionKind } from '../../domain/exam-steps';
import type { LeafMap } from './leaf-mapping';

/**
 * The plan-list file's tag tables, version 1.0 (docs/formats/prevention-files.md, DOMAIN §2.4.1): the Perm
 * `ZL_LIST{ZGLV, SV_PR_MER*}` with the Khakassia additions (`IDDOKT`, `ADRES`, `YEAR`, the monthly
 * `SV_PL_MER{MONTH, DISP}` up to 12 times), the district of the generic variant (`LPUREGION_NAME`) and two
 * omslink extensions (`ID_ZAP` the entry's own id, `ISKL` taken off the list). Elements in this order; one
 * `SV_PR_MER` is one person's plan for one kind and year. Pure data.
 */

export const planListHeader = group({
  VERSION: T(5),
  DATA: D(),
  FILENAME: T(30),
  FILENAME1: opt(T(30)),
  CODMOF: T(6),
  YEAR: N(4),
  QUART: opt(N(1)),
});
export type PlanListHeaderTags = RecordOf<typeof planListHeader>;

/** One period of the plan: a month (Khakassia) or a quarter (Perm), and the kind (V016). */
export const svPlMer = group({
  MONTH: opt(N(2)),
  QUART: opt(N(1)),
  DISP: T(3),
});

export const svPrMer = group({
  NOMER_Z: N(8),
  ID_ZAP: opt(T(64)),
  PERSON_ID: opt(T(36)),
  SMOCOD: opt(T(5)),
  ENP: opt(T(16)),
  FAM: opt(T(40)),
  IM: opt(T(40)),
  OT: opt(T(40)),
  DR: opt(D()),
  W: opt(N(1)),
  DOCTYPE: opt(N(2)),
  DOCSER: opt(T(20)),
  DOCNUM: opt(T(30)),
  SNILS: opt(T(14)),
  VPOLIS: opt(N(1)),
  SPOLIS: opt(T(10)),
  NPOLIS: opt(T(20)),
  TEL: opt(T(36)),
  KAT_LG: opt(N(1)),
  IDDOKT: opt(T(14)),
  ADRES: opt(T(250)),
  YEAR: opt(N(4)),
  LPUREGION_NAME: opt(T(20)),
  ISKL: opt(N(1)),
  COMMENT: opt(T(500)),
  SV_PL_MER: some(svPlMer),
});
export type SvPrMer = RecordOf<typeof svPrMer>;

/** The leaves of `SV_PR_MER` and where they go (`$`: read and checked, not kept by the canonical record). */
export const svPrMerLeaves: readonly LeafMap[] = [
  { tag: 'ID_ZAP', to: 'sourceId', kind: 'text' },
  { tag: 'PERSON_ID', to: '$personId', kind: 'text' },
  { tag: 'SMOCOD', to: '$smoCode', kind: 'text' },
  { tag: 'ENP', to: 'patient.enp', kind: 'text' },
  { tag: 'FAM', to: 'patient.fam', kind: 'text' },
  { tag: 'IM', to: 'patient.im', kind: 'text' },
  { tag: 'OT', to: 'patient.ot', kind: 'text' },
  { tag: 'DR', to: 'patient.birthDate', kind: 'date' },
  { tag: 'W', to: '$sex', kind: 'int', allowed: [1, 2] },
  { tag: 'DOCTYPE', to: '$docType', kind: 'int' },
  { tag: 'DOCSER', to: 'patient.docSer', kind: 'text' },
  { tag: 'DOCNUM', to: 'patient.docNum', kind: 'text' },
  { tag: 'SNILS', to: 'patient.snils', kind: 'text' },
  { tag: 'VPOLIS', to: '$vpolis', kind: 'int', allowed: [1, 2, 3] },
  { tag: 'SPOLIS', to: '$spolis', kind: 'text' },
  { tag: 'NPOLIS', to: '$npolis', kind: 'text' },
  { tag: 'TEL', to: 'phone', kind: 'text' },
  { tag: 'KAT_LG', to: 'category', kind: 'int', allowed: [0, 1] },
  { tag: 'IDDOKT', to: 'doctorSnils', kind: 'text' },
  { tag: 'ADRES', to: '$address', kind: 'text' },
  { tag: 'YEAR', to: 'year', kind: 'int' },
  { tag: 'LPUREGION_NAME', to: 'districtCode', kind: 'text' },
  { tag: 'ISKL', to: '$withdrawn', kind: 'int', allowed: [0, 1] },
  { tag: 'COMMENT', to: 'comment', kind: 'text' },
];

export const svPlMerLeaves: readonly LeafMap[] = [
  { tag: 'MONTH', to: 'month', kind: 'int', allowed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], width: 2 },
  { tag: 'QUART', to: 'quarter', kind: 'int', allowed: [1, 2, 3, 4] },
  { tag: 'DISP', to: 'disp', kind: 'text' },
];

/** `DISP` (V016) → the plan's kind; the first code of each kind is the one written. */
export const dispCodes: Readonly<Record<string, PreventionKind>> = {
  ДВ4: 'DVN',
  ДВ1: 'DVN',
  ОПВ: 'PMO',
  УД1: 'UDVN',
  ДН: 'DN',
};

export const dispOfKind: Readonly<Record<PreventionKind, string>> = {
  DVN: 'ДВ4',
  PMO: 'ОПВ',
  UDVN: 'УД1',
  DN: 'ДН',
};

/** The tag of each canonical field (protocols and the error answer name the file's tags). */
export const planListFieldTags: Readonly<Record<string, string>> = {
  sourceId: 'ID_ZAP',
  patient: 'ENP',
  'patient.enp': 'ENP',
  'patient.snils': 'SNILS',
  'patient.fam': 'FAM',
  'patient.im': 'IM',
  'patient.ot': 'OT',
  'patient.birthDate': 'DR',
  'patient.docSer': 'DOCSER',
  'patient.docNum': 'DOCNUM',
  year: 'YEAR',
  kind: 'SV_PL_MER.DISP',
  months: 'SV_PL_MER.MONTH',
  quarter: 'SV_PL_MER.QUART',
  districtCode: 'LPUREGION_NAME',
  doctorSnils: 'IDDOKT',
  category: 'KAT_LG',
  phone: 'TEL',
  comment: 'COMMENT',
  withdrawn: 'ISKL',
};
