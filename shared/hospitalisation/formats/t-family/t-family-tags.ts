import type { TFileType } from './t-file-name';

/**
 * The tag tables of the T-family, version 1.0 (docs/formats/t-family.md): one table per file type, in the order
 * the writer writes the elements (the reader accepts any order). A regional variant is another set of tables.
 *
 * `to` is where a value goes: a dotted path in the canonical record (shared/domain/hospitalisation/records.ts),
 * or `$name` for what the file carries but the canonical record does not (the policy, the СМО, the referring МО
 * of a stay, who cancelled…): read and checked for format, written on export from the stored data.
 */

export type TagType = 'text' | 'int' | 'date' | 'time' | 'snils' | 'digits';

export interface TagSpec {
  tag: string;
  to: string;
  type: TagType;
  required?: boolean;
  /** Text: maximum length; digits: exact number of digits; int: maximum number of digits (default 9). */
  max?: number;
  /** Text: minimum length. */
  min?: number;
  /** Codes of a fixed list (V005 sex, canonical cancellation reasons…). */
  allowed?: readonly number[];
}

export interface GroupSpec {
  tag: string;
  /** Array path in the canonical record. */
  to: string;
  max: number;
  tags: TagSpec[];
}

export interface TFileSpec {
  type: TFileType;
  /** The message kind of the hospitalisation service (contract: processPackage). */
  kind: 'referral' | 'admission' | 'cancellation' | 'discharge' | 'free-beds';
  tags: TagSpec[];
  groups: GroupSpec[];
  /** Known elements the format allows but omslink neither needs nor writes. */
  ignored: string[];
}

/** The record's own id (ours: the sender's stable id). Absent: a natural key of the type (see the mapping). */
const idZap: TagSpec = { tag: 'ID_ZAP', to: 'sourceId', type: 'text', max: 64 };

/** The person, as in the classic format, plus СНИЛС and the identity document (extensions). */
function person(required: boolean): TagSpec[] {
  return [
    { tag: 'VPOLIS', to: '$vpolis', type: 'int', allowed: [1, 2, 3] },
    { tag: 'SPOLIS', to: '$spolis', type: 'text', max: 10 },
    { tag: 'NPOLIS', to: '$npolis', type: 'text', max: 20 },
    { tag: 'SMO', to: '$smo', type: 'digits', max: 5 },
    { tag: 'FAM', to: 'patient.fam', type: 'text', max: 40, required },
    { tag: 'IM', to: 'patient.im', type: 'text', max: 40, required },
    { tag: 'OT', to: 'patient.ot', type: 'text', max: 40 },
    { tag: 'W', to: 'patient.sex', type: 'int', allowed: [1, 2], required },
    { tag: 'DR', to: 'patient.birthDate', type: 'date', required },
    { tag: 'SNILS', to: 'patient.snils', type: 'snils' },
    { tag: 'DOCSER', to: 'patient.docSer', type: 'text', max: 20 },
    { tag: 'DOCNUM', to: 'patient.docNum', type: 'text', max: 30 },
    { tag: 'TLF', to: 'patient.phone', type: 'text', max: 36 },
  ];
}

const int = (tag: string, to: string, required = true): TagSpec => ({ tag, to, type: 'int', required });

const t1: TFileSpec = {
  type: 'T1',
  kind: 'referral',
  tags: [
    idZap,
    { tag: 'NOM_NAP', to: 'number', type: 'text', max: 16, required: true },
    { tag: 'DTA_NAP', to: 'date', type: 'date', required: true },
    { tag: 'FRM_MP', to: 'form', type: 'int', max: 1, required: true },
    { tag: 'MCOD_NAP', to: 'fromMoCode', type: 'digits', max: 6, required: true },
    { tag: 'MPODR_NAP', to: 'fromDepartmentCode', type: 'text', max: 20 },
    { tag: 'MCOD_STC', to: 'toMoCode', type: 'digits', max: 6, required: true },
    { tag: 'MPODR_STC', to: 'toDepartmentCode', type: 'text', max: 20 },
    ...person(true),
    { tag: 'DS', to: 'diagnosis', type: 'text', min: 3, max: 6, required: true },
    int('KOD_PFK', 'bedProfile'),
    int('KOD_PFO', 'profile'),
    { tag: 'KOD_DCT', to: 'doctorSnils', type: 'snils', required: true },
    { tag: 'DTA_PLN', to: 'plannedDate', type: 'date', required: true },
    int('USL_OK', 'conditions'),
    { tag: 'VMP', to: '$vmp', type: 'int', allowed: [0, 1] },
    { tag: 'TAL_NUM', to: 'vmp.talonNumber', type: 'text', max: 30 },
    { tag: 'TAL_D', to: 'vmp.talonDate', type: 'date' },
    { tag: 'VID_HMP', to: 'vmp.vmpKind', type: 'text', max: 20 },
    { tag: 'METOD_HMP', to: 'vmp.vmpMethod', type: 'int' },
  ],
  groups: [],
  ignored: ['SMO_OGRN', 'ST_OKATO'],
};

/** T2 (planned, by referral) and T3 (emergency): the same stay; T3 without the referral. */
function stay(type: 'T2' | 'T3'): TFileSpec {
  const planned = type === 'T2';
  return {
    type,
    kind: 'admission',
    tags: [
      idZap,
      { tag: 'NOM_NAP', to: 'referralNumber', type: 'text', max: 16, required: planned },
      { tag: 'DTA_NAP', to: 'referralDate', type: 'date', required: planned },
      { tag: 'FRM_MP', to: 'form', type: 'int', max: 1, required: planned },
      { tag: 'MCOD_STC', to: 'moCode', type: 'digits', max: 6, required: true },
      { tag: 'MPODR_STC', to: 'departmentCode', type: 'text', max: 20, required: true },
      { tag: 'MCOD_NAP', to: '$referringMo', type: 'digits', max: 6 },
      { tag: 'MPODR_NAP', to: '$referringDepartment', type: 'text', max: 20 },
      { tag: 'DTA_FKT', to: 'date', type: 'date', required: true },
      { tag: 'TIM_FKT', to: 'time', type: 'time' },
      ...person(true),
      int('USL_OK', 'conditions'),
      int('KOD_PFK', 'bedProfile'),
      int('KOD_PFO', 'profile'),
      { tag: 'NHISTORY', to: 'caseNumber', type: 'text', max: 50, required: true },
      { tag: 'DS', to: 'diagnosis', type: 'text', min: 3, max: 6, required: true },
    ],
    groups: [],
    ignored: ['SMO_OGRN', 'ST_OKATO'],
  };
}

const t4: TFileSpec = {
  type: 'T4',
  kind: 'cancellation',
  tags: [
    idZap,
    { tag: 'NOM_NAP', to: 'referralNumber', type: 'text', max: 16, required: true },
    { tag: 'DTA_NAP', to: 'referralDate', type: 'date', required: true },
    { tag: 'IST_ANL', to: '$source', type: 'int', allowed: [1, 2, 3] },
    { tag: 'ACOD', to: '$sourceCode', type: 'text', max: 6 },
    { tag: 'MPODR_ANL', to: '$sourceDepartment', type: 'text', max: 20 },
    { tag: 'PR_ANL', to: 'reason', type: 'int', allowed: [1, 2, 3, 4, 5, 6, 7, 8, 9], required: true },
    { tag: 'DTA_ANL', to: 'date', type: 'date' },
    { tag: 'COMMENT', to: 'comment', type: 'text', max: 250 },
  ],
  groups: [],
  ignored: [],
};

const t5: TFileSpec = {
  type: 'T5',
  kind: 'discharge',
  tags: [
    idZap,
    { tag: 'ID_GSP', to: 'admissionSourceId', type: 'text', max: 64 },
    { tag: 'NOM_NAP', to: '$referralNumber', type: 'text', max: 16 },
    { tag: 'DTA_NAP', to: '$referralDate', type: 'date' },
    { tag: 'FRM_MP', to: '$form', type: 'int', max: 1 },
    { tag: 'MCOD_STC', to: '$moCode', type: 'digits', max: 6 },
    { tag: 'MPODR_STC', to: '$departmentCode', type: 'text', max: 20 },
    { tag: 'DTA_FKT', to: '$admissionDate', type: 'date' },
    { tag: 'DTA_END', to: 'date', type: 'date', required: true },
    { tag: 'FAM', to: '$fam', type: 'text', max: 40 },
    { tag: 'IM', to: '$im', type: 'text', max: 40 },
    { tag: 'OT', to: '$ot', type: 'text', max: 40 },
    { tag: 'W', to: '$sex', type: 'int', allowed: [1, 2] },
    { tag: 'DR', to: '$birthDate', type: 'date' },
    { tag: 'KOD_PFK', to: '$bedProfile', type: 'int' },
    { tag: 'KOD_PFO', to: '$profile', type: 'int' },
    { tag: 'NHISTORY', to: '$caseNumber', type: 'text', max: 50 },
    { tag: 'ISHOD', to: 'outcome', type: 'int', allowed: [1, 2, 3, 4], required: true },
  ],
  groups: [],
  ignored: [],
};

const t6: TFileSpec = {
  type: 'T6',
  kind: 'free-beds',
  tags: [
    idZap,
    { tag: 'DTA_RAB', to: 'date', type: 'date', required: true },
    { tag: 'MCOD_STC', to: 'moCode', type: 'digits', max: 6, required: true },
    { tag: 'MPODR_STC', to: 'departmentCode', type: 'text', max: 20, required: true },
    int('USL_OK', 'conditions'),
    int('KOD_PFK', 'bedProfile'),
    int('KOD_PFO', 'profile', false),
    int('KOL_PAC', 'occupiedAtStart'),
    int('KOL_IN', 'admitted'),
    int('KOL_OUT', 'discharged'),
    int('KOL_PLN', 'plannedToday'),
    int('KOL_PUS', 'freeTotal'),
    int('KOL_PUS_M', 'freeMale'),
    int('KOL_PUS_J', 'freeFemale'),
    int('KOL_PUS_V', 'freeAdult'),
    int('KOL_PUS_D', 'freeChild'),
  ],
  groups: [
    {
      tag: 'PROGNOZ',
      to: 'forecast',
      max: 10,
      tags: [
        { tag: 'DTA_PRG', to: 'date', type: 'date', required: true },
        { tag: 'KOL_PRG', to: 'free', type: 'int', required: true },
      ],
    },
  ],
  ignored: ['VKOL_FKT', 'VUED_FKT'],
};

/** Version 1.0 of the family: the tables by file type. */
export const tFamilyTables: Record<TFileType, TFileSpec> = {
  T1: t1,
  T2: stay('T2'),
  T3: stay('T3'),
  T4: t4,
  T5: t5,
  T6: t6,
};
