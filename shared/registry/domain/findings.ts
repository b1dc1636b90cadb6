import type { FlkIssue } from '../../platform/flk/issue';

/**
 * An FLK finding about a registry-invoice package, in the shape of a `FLK_P/PR` row (DOMAIN §5.2): the issue
 * (`code` is OSHIB, F012; `rule` the rule id, shown as COMMENT) with where it is — the file (`case` = the main
 * file, `person` = the L-file, `package` = the ZIP itself), the base element (`BAS_EL`: SCHET, PACIENT, Z_SL,
 * SL, USL, ONK_SL, ONK_USL, LEK_PR, B_DIAG, B_PROT, NAPR, CONS, PERS …), the field (`field` = IM_POL, the
 * tag name only) and the record references (N_ZAP, IDCASE, SL_ID, IDSERV, ID_PAC) as the sender wrote them.
 */
export interface RegistryFinding extends FlkIssue {
  file: 'package' | 'case' | 'person';
  basEl?: string;
  nZap?: string;
  idcase?: string;
  slId?: string;
  idserv?: string;
  idPac?: string;
}

/** Where in a case a finding is: the references a `FLK_P/PR` row carries. */
export interface CaseRef {
  nZap?: string;
  idcase?: string;
  idPac?: string;
}

/** F012 codes used by registry-invoice FLK (DOMAIN §5.3). */
export const f012 = {
  packageFormat: '801',
  packageName: '802',
  packageFiles: '803',
  value: '804',
  packageRepeated: '805',
  tagOrder: '901',
  required: '902',
  type: '903',
  code: '904',
  duplicateKey: '905',
} as const;
