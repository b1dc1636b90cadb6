import { D, group, N, opt, type RecordOf, T } from '../../../platform/formats/xml-tree-schema';
import type { LeafMap } from '../plan-list/leaf-mapping';

/**
 * The tag tables of the ГИС ОМС dispensary-observation files (docs/formats/prevention-files.md, DOMAIN §2.5):
 * `DN_LIST` (GST/GSM, version P1.20) — one `ZAP` per observation — and `DN_PLAN` (GPT/GPM, version P3.20) — one
 * `ZAP` per planned visit window. Elements in this order. `IDDOKT` (the doctor's СНИЛС, as in the Khakassia ДН
 * file) is an omslink extension at the end of a `DN_LIST` record. Pure data.
 */

export const dnListVersion = 'P1.20';
export const dnPlanVersion = 'P3.20';

export const dnListHeader = group({
  VERSION: T(5),
  FILE_TYPE: T(3),
  DATA: D(),
  FILENAME: T(50),
  REGION_CD: T(2),
  NN_FILE: N(9),
  SD_Z: N(9),
});
export type DnListHeaderTags = RecordOf<typeof dnListHeader>;

export const dnPlanHeader = group({
  VERSION: T(5),
  FILE_TYPE: T(3),
  DATA: D(),
  FILENAME: T(50),
  REGION_CD: T(2),
  SD_Z: N(9),
});
export type DnPlanHeaderTags = RecordOf<typeof dnPlanHeader>;

export const dnListZap = group({
  CODE_L: T(64),
  ENP: T(16),
  CODE_PINF: T(10),
  DN_PATIENT_ID: opt(T(36)),
  DIAG_CODE: T(10),
  DIAG_DATE: opt(D()),
  DATE_DN_IN: D(),
  DATE_DN_OUT: opt(D()),
  DN_PRVS: N(9),
  LAST_SL_MCOD: opt(T(6)),
  LAST_SL_NHISTORY: opt(T(50)),
  LAST_SL_DATE: opt(D()),
  STATUS_DN_IN: N(1),
  REASON_DN_OUT: opt(N(3)),
  REASON_DN_IN: opt(N(3)),
  MCOD: T(6),
  MO_ASSIGN: N(1),
  DATE_CHECKING: opt(D()),
  IDDOKT: opt(T(14)),
});
export type DnListZap = RecordOf<typeof dnListZap>;

export const dnPlanZap = group({
  CODE_P: T(70),
  DN_PATIENT_ID: opt(T(36)),
  ENP: T(16),
  CODE_PINF: T(10),
  MCOD_PLAN: T(6),
  MO_PODR_ID: opt(T(36)),
  MED_AREA_CODE: opt(T(20)),
  MO_ASSIGN: N(1),
  END_DATE_INF: D(),
  PRIMARY_INF: N(1),
  DS_CODE: opt(T(10)),
  PLAN_DATE_START: D(),
  PLAN_DATE_END: D(),
});
export type DnPlanZap = RecordOf<typeof dnPlanZap>;

/** The only reason for informing the files carry (`CODE_PINF`). */
export const dnReason = 'ДН';

/** `DN_LIST/ZAP` ↔ the canonical `DispensaryRecord` (`$`: the record's context). */
export const dnListLeaves: readonly LeafMap[] = [
  { tag: 'CODE_L', to: 'sourceId', kind: 'text' },
  { tag: 'ENP', to: 'patient.enp', kind: 'text' },
  { tag: 'CODE_PINF', to: '$codePinf', kind: 'text' },
  { tag: 'DN_PATIENT_ID', to: '$dnPatientId', kind: 'text' },
  { tag: 'DIAG_CODE', to: 'diagnosis', kind: 'text' },
  { tag: 'DIAG_DATE', to: 'diagnosisDate', kind: 'date' },
  { tag: 'DATE_DN_IN', to: 'dateIn', kind: 'date' },
  { tag: 'DATE_DN_OUT', to: 'dateOut', kind: 'date' },
  { tag: 'DN_PRVS', to: 'specialty', kind: 'int' },
  { tag: 'LAST_SL_MCOD', to: '$lastSlMcod', kind: 'text' },
  { tag: 'LAST_SL_NHISTORY', to: '$lastSlNhistory', kind: 'text' },
  { tag: 'LAST_SL_DATE', to: 'lastVisit', kind: 'date' },
  { tag: 'STATUS_DN_IN', to: 'statusIn', kind: 'int', allowed: [1, 2] },
  { tag: 'REASON_DN_OUT', to: 'reasonOut', kind: 'int' },
  { tag: 'REASON_DN_IN', to: 'reasonIn', kind: 'int' },
  { tag: 'MCOD', to: '$mcod', kind: 'text' },
  { tag: 'MO_ASSIGN', to: 'moAssign', kind: 'int', allowed: [0, 1] },
  { tag: 'DATE_CHECKING', to: '$dateChecking', kind: 'date' },
  { tag: 'IDDOKT', to: 'doctorSnils', kind: 'text' },
];

/** `DN_PLAN/ZAP` ↔ a planned visit window of an observation (`DnPlanRow`). */
export const dnPlanLeaves: readonly LeafMap[] = [
  { tag: 'CODE_P', to: 'planId', kind: 'text' },
  { tag: 'DN_PATIENT_ID', to: '$dnPatientId', kind: 'text' },
  { tag: 'ENP', to: 'enp', kind: 'text' },
  { tag: 'CODE_PINF', to: '$codePinf', kind: 'text' },
  { tag: 'MCOD_PLAN', to: '$mcodPlan', kind: 'text' },
  { tag: 'MO_PODR_ID', to: '$moPodrId', kind: 'text' },
  { tag: 'MED_AREA_CODE', to: '$medAreaCode', kind: 'text' },
  { tag: 'MO_ASSIGN', to: '$moAssign', kind: 'int', allowed: [0, 1] },
  { tag: 'END_DATE_INF', to: '$endDateInf', kind: 'date' },
  { tag: 'PRIMARY_INF', to: '$primaryInf', kind: 'int', allowed: [1, 2] },
  { tag: 'DS_CODE', to: 'diagnosis', kind: 'text' },
  { tag: 'PLAN_DATE_START', to: 'window.from', kind: 'date' },
  { tag: 'PLAN_DATE_END', to: 'window.to', kind: 'date' },
];

/** The tag of each canonical field of a ДН record (protocols name the file's tags). */
export const dnFieldTags: Readonly<Record<string, string>> = {
  sourceId: 'CODE_L',
  patient: 'ENP',
  'patient.enp': 'ENP',
  diagnosis: 'DIAG_CODE',
  diagnosisDate: 'DIAG_DATE',
  dateIn: 'DATE_DN_IN',
  dateOut: 'DATE_DN_OUT',
  statusIn: 'STATUS_DN_IN',
  reasonIn: 'REASON_DN_IN',
  reasonOut: 'REASON_DN_OUT',
  specialty: 'DN_PRVS',
  doctorSnils: 'IDDOKT',
  moAssign: 'MO_ASSIGN',
  visits: 'PLAN_DATE_END',
  lastVisit: 'LAST_SL_DATE',
};

export const dnPlanFieldTags: Readonly<Record<string, string>> = {
  planId: 'CODE_P',
  enp: 'ENP',
  diagnosis: 'DS_CODE',
  'window.from': 'PLAN_DATE_START',
  'window.to': 'PLAN_DATE_END',
};
