import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseCheckContext,
  checkCase,
  checkCaseWithPerson,
  checkPackageHeader,
  checkPerson,
} from '../../shared/registry/domain/case-checks';
import type { RegistryFinding } from '../../shared/registry/domain/findings';
import { RegistryKeys } from '../../shared/registry/domain/package-keys';
import {
  type RegistryRuleId,
  registryRuleIds,
  registryRules,
} from '../../shared/registry/domain/registry-rules';
import type { Pers, Zap } from '../../shared/registry/domain/registry-tags';
import {
  broken,
  codeMo,
  context,
  onk1,
  otherMo,
  ruleSet,
  schet,
  sl1,
  validCase,
  validPerson,
} from '../helpers/registry-flk-fixtures';

/**
 * The registry-invoice FLK (issue 12) as pure rules: a valid C-file case with a full onco block passes, and every
 * rule has a case that breaks it, answering the rule's F012 code, the base element (BAS_EL) and tag (IM_POL) the
 * protocol names — and no other rule.
 */

interface Where {
  basEl: string;
  field: string;
  value?: string;
}

interface Negative {
  rule: RegistryRuleId;
  where: Where;
  /** Other rules the same change fires by necessity. */
  also?: RegistryRuleId[];
}

interface CaseNegative extends Negative {
  change: (zap: Zap) => void;
  ctx?: Partial<CaseCheckContext>;
  /** The patient's L-file record (checkCaseWithPerson); omitted: checkCase. */
  person?: Pers;
}

const covered = new Set<string>();

function ids(findings: RegistryFinding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}

function expectNegative(findings: RegistryFinding[], n: Negative): void {
  expect(ids(findings)).toEqual([...new Set([n.rule, ...(n.also ?? [])])].sort());
  const found = findings.find((f) => f.rule === n.rule && f.field === n.where.field);
  const rule = registryRules[n.rule];
  expect(found).toMatchObject({
    code: rule.f012Code,
    severity: rule.severity,
    message: rule.message,
    basEl: n.where.basEl,
    field: n.where.field,
  });
  if (n.where.value !== undefined) expect(found?.value).toBe(n.where.value);
  else if ('value' in n.where) expect(found?.value).toBeUndefined();
  covered.add(n.rule);
}

const adult = validPerson();
const suspicion = (z: Zap) => {
  const sl = sl1(z);
  sl.DS_ONK = '1';
  delete sl.ONK_SL;
  sl.NAPR = [
    { NAPR_DATE: '2025-03-05', NAPR_MO: otherMo, NAPR_V: '3', MET_ISSL: '4', NAPR_USL: 'A06.30.005' },
  ];
};
const drug = { REGNUM: '000764', CODE_SH: 'sh0024', DATE_INJ: ['2025-03-10'] };

const caseNegatives: CaseNegative[] = [
  // Consistency with the invoice.
  {
    rule: 'REG.LPU',
    change: (z) => {
      z.Z_SL.LPU = otherMo;
    },
    where: { basEl: 'Z_SL', field: 'LPU', value: otherMo },
  },
  {
    rule: 'REG.LPU',
    change: (z) => {
      sl1(z).USL[1]!.LPU = otherMo;
    },
    where: { basEl: 'USL', field: 'LPU', value: otherMo },
  },
  {
    rule: 'REG.LPU_1',
    change: (z) => {
      sl1(z).LPU_1 = `${otherMo}01`;
    },
    where: { basEl: 'SL', field: 'LPU_1', value: `${otherMo}01` },
  },
  {
    rule: 'REG.LPU_1',
    change: (z) => {
      sl1(z).USL[0]!.LPU_1 = '01';
    },
    where: { basEl: 'USL', field: 'LPU_1', value: '01' },
  },
  {
    rule: 'REG.ZSL.PERIOD',
    change: (z) => {
      z.Z_SL.DATE_Z_2 = '2025-04-01';
    },
    where: { basEl: 'Z_SL', field: 'DATE_Z_2', value: '2025-04-01' },
  },
  {
    rule: 'REG.ZSL.EARLY',
    change: () => {},
    ctx: { schet: { ...schet(), MONTH: '4', DSCHET: '2025-04-09' } },
    where: { basEl: 'Z_SL', field: 'DATE_Z_2', value: '2025-03-20' },
  },
  {
    rule: 'REG.ZSL.FUTURE',
    change: () => {},
    ctx: { today: '2025-03-19' },
    where: { basEl: 'Z_SL', field: 'DATE_Z_2', value: '2025-03-20' },
  },
  // Dates.
  {
    rule: 'REG.ZSL.DATES',
    change: (z) => {
      z.Z_SL.DATE_Z_1 = '2025-03-21';
    },
    where: { basEl: 'Z_SL', field: 'DATE_Z_1', value: '2025-03-21' },
    also: ['REG.SL.IN_CASE'],
  },
  {
    rule: 'REG.ZSL.NPR_DATE',
    change: (z) => {
      z.Z_SL.NPR_DATE = '2025-03-02';
    },
    where: { basEl: 'Z_SL', field: 'NPR_DATE', value: '2025-03-02' },
  },
  {
    rule: 'REG.ZSL.BIRTH',
    change: () => {},
    person: { ...adult, DR: '2025-03-02' },
    where: { basEl: 'Z_SL', field: 'DATE_Z_1', value: '2025-03-01' },
  },
  {
    rule: 'REG.SL.DATES',
    change: (z) => {
      sl1(z).DATE_1 = '2025-03-20';
      sl1(z).DATE_2 = '2025-03-19';
      z.Z_SL.DATE_Z_1 = '2025-03-01';
    },
    where: { basEl: 'SL', field: 'DATE_1', value: '2025-03-20' },
    also: ['REG.USL.IN_SL', 'REG.LEK_PR.DATE_INJ'],
  },
  {
    rule: 'REG.SL.IN_CASE',
    change: (z) => {
      sl1(z).DATE_2 = '2025-03-21';
    },
    where: { basEl: 'SL', field: 'DATE_2', value: '2025-03-21' },
  },
  {
    rule: 'REG.SL.IN_CASE',
    change: (z) => {
      z.Z_SL.DATE_Z_1 = '2025-03-02';
      z.Z_SL.NPR_DATE = '2025-03-01';
    },
    where: { basEl: 'SL', field: 'DATE_1', value: '2025-03-01' },
  },
  {
    rule: 'REG.USL.DATES',
    change: (z) => {
      sl1(z).USL[1]!.DATE_IN = '2025-03-18';
    },
    where: { basEl: 'USL', field: 'DATE_IN', value: '2025-03-18' },
  },
  {
    rule: 'REG.USL.IN_SL',
    change: (z) => {
      sl1(z).USL[1]!.DATE_OUT = '2025-03-21';
    },
    where: { basEl: 'USL', field: 'DATE_OUT', value: '2025-03-21' },
  },
  {
    rule: 'REG.USL.IN_SL',
    change: (z) => {
      sl1(z).USL[0]!.DATE_IN = '2025-02-28';
    },
    where: { basEl: 'USL', field: 'DATE_IN', value: '2025-02-28' },
  },
  // Directory codes of the patient and the case.
  {
    rule: 'REG.NSI.F008',
    change: (z) => {
      z.PACIENT.VPOLIS = '7';
    },
    where: { basEl: 'PACIENT', field: 'VPOLIS', value: '7' },
  },
  {
    rule: 'REG.PACIENT.ENP',
    change: (z) => {
      z.PACIENT.NPOLIS = '7700000000000017';
    },
    where: { basEl: 'PACIENT', field: 'NPOLIS', value: '7700000000000017' },
  },
  {
    rule: 'REG.PACIENT.ENP',
    change: (z) => {
      z.PACIENT.ENP = '770000000000001';
    },
    where: { basEl: 'PACIENT', field: 'ENP', value: '770000000000001' },
  },
  {
    rule: 'REG.SMO.UNKNOWN',
    change: (z) => {
      z.PACIENT.SMO = '99999';
    },
    where: { basEl: 'PACIENT', field: 'SMO', value: '99999' },
  },
  {
    rule: 'REG.SMO.UNKNOWN',
    change: (z) => {
      z.PACIENT.SMO = codeMo;
    },
    where: { basEl: 'PACIENT', field: 'SMO', value: codeMo },
  },
  {
    rule: 'REG.PACIENT.NOVOR',
    change: (z) => {
      z.PACIENT.NOVOR = '13102251';
    },
    where: { basEl: 'PACIENT', field: 'NOVOR', value: '13102251' },
  },
  {
    rule: 'REG.NSI.V006',
    change: (z) => {
      z.Z_SL.USL_OK = '9';
    },
    where: { basEl: 'Z_SL', field: 'USL_OK', value: '9' },
  },
  {
    rule: 'REG.NSI.V008',
    change: (z) => {
      z.Z_SL.VIDPOM = '99';
    },
    where: { basEl: 'Z_SL', field: 'VIDPOM', value: '99' },
  },
  {
    rule: 'REG.NSI.V014',
    change: (z) => {
      z.Z_SL.FOR_POM = '7';
    },
    where: { basEl: 'Z_SL', field: 'FOR_POM', value: '7' },
  },
  {
    rule: 'REG.NSI.V010',
    change: (z) => {
      z.Z_SL.IDSP = '99';
    },
    where: { basEl: 'Z_SL', field: 'IDSP', value: '99' },
  },
  {
    rule: 'REG.NSI.V009',
    change: (z) => {
      z.Z_SL.RSLT = '999';
    },
    where: { basEl: 'Z_SL', field: 'RSLT', value: '999' },
  },
  {
    rule: 'REG.NSI.V012',
    change: (z) => {
      z.Z_SL.ISHOD = '999';
    },
    where: { basEl: 'Z_SL', field: 'ISHOD', value: '999' },
  },
  {
    rule: 'REG.NSI.V017',
    change: (z) => {
      z.Z_SL.RSLT_D = '99';
    },
    where: { basEl: 'Z_SL', field: 'RSLT_D', value: '99' },
  },
  {
    rule: 'REG.ZSL.RSLT.REQUIRED',
    change: (z) => {
      delete z.Z_SL.RSLT;
    },
    where: { basEl: 'Z_SL', field: 'RSLT' },
  },
  {
    rule: 'REG.ZSL.ISHOD.REQUIRED',
    change: (z) => {
      delete z.Z_SL.ISHOD;
    },
    where: { basEl: 'Z_SL', field: 'ISHOD' },
  },
  {
    rule: 'REG.ZSL.RSLT_D.REQUIRED',
    change: () => {},
    ctx: { fileKind: 'DP', schet: { ...schet(), DISP: 'ДВ4' } },
    where: { basEl: 'Z_SL', field: 'RSLT_D' },
  },
  {
    rule: 'REG.ZSL.RSLT.USL_OK',
    change: (z) => {
      z.Z_SL.RSLT = '201';
    },
    where: { basEl: 'Z_SL', field: 'RSLT', value: '201' },
  },
  {
    rule: 'REG.ZSL.ISHOD.USL_OK',
    change: (z) => {
      z.Z_SL.ISHOD = '301';
    },
    where: { basEl: 'Z_SL', field: 'ISHOD', value: '301' },
  },
  {
    rule: 'REG.ZSL.NPR.REQUIRED',
    change: (z) => {
      delete z.Z_SL.NPR_MO;
    },
    where: { basEl: 'Z_SL', field: 'NPR_MO' },
  },
  {
    rule: 'REG.ZSL.NPR.REQUIRED',
    change: (z) => {
      z.Z_SL.USL_OK = '2';
      z.Z_SL.FOR_POM = '2';
      z.Z_SL.RSLT = '201';
      z.Z_SL.ISHOD = '201';
      delete z.Z_SL.NPR_DATE;
    },
    where: { basEl: 'Z_SL', field: 'NPR_DATE' },
  },
  {
    rule: 'REG.MO.UNKNOWN',
    change: (z) => {
      z.Z_SL.NPR_MO = '990099';
    },
    where: { basEl: 'Z_SL', field: 'NPR_MO', value: '990099' },
  },
  {
    rule: 'REG.ZSL.FILE_KIND',
    change: (z) => {
      sl1(z).DS1 = 'I10';
      delete sl1(z).ONK_SL;
      sl1(z).CONS = [];
    },
    where: { basEl: 'SL', field: 'DS1', value: 'I10' },
  },
  // The treatment.
  {
    rule: 'REG.NSI.V002',
    change: (z) => {
      sl1(z).PROFIL = '999';
    },
    where: { basEl: 'SL', field: 'PROFIL', value: '999' },
  },
  {
    rule: 'REG.NSI.V002',
    change: (z) => {
      sl1(z).USL[0]!.PROFIL = '999';
    },
    where: { basEl: 'USL', field: 'PROFIL', value: '999' },
  },
  {
    rule: 'REG.NSI.V020',
    change: (z) => {
      sl1(z).PROFIL_K = '99';
    },
    where: { basEl: 'SL', field: 'PROFIL_K', value: '99' },
  },
  {
    rule: 'REG.NSI.V021',
    change: (z) => {
      sl1(z).PRVS = '9999';
    },
    where: { basEl: 'SL', field: 'PRVS', value: '9999' },
  },
  {
    rule: 'REG.NSI.V021',
    change: (z) => {
      sl1(z).USL[0]!.MR_USL_N[0]!.PRVS = '9999';
    },
    where: { basEl: 'MR_USL_N', field: 'PRVS', value: '9999' },
  },
  {
    rule: 'REG.NSI.V025',
    change: (z) => {
      sl1(z).P_CEL = '9.9';
    },
    where: { basEl: 'SL', field: 'P_CEL', value: '9.9' },
  },
  {
    rule: 'REG.NSI.V027',
    change: (z) => {
      sl1(z).C_ZAB = '9';
    },
    where: { basEl: 'SL', field: 'C_ZAB', value: '9' },
  },
  {
    rule: 'REG.NSI.MKB',
    change: (z) => {
      sl1(z).DS1 = 'C16.7';
    },
    where: { basEl: 'SL', field: 'DS1', value: 'C16.7' },
  },
  {
    rule: 'REG.NSI.MKB',
    change: (z) => {
      sl1(z).DS2 = ['I10', 'X99.9'];
    },
    where: { basEl: 'SL', field: 'DS2', value: 'X99.9' },
  },
  {
    rule: 'REG.NSI.MKB',
    change: (z) => {
      sl1(z).DS0 = 'X99';
    },
    where: { basEl: 'SL', field: 'DS0', value: 'X99' },
  },
  {
    rule: 'REG.NSI.MKB',
    change: (z) => {
      sl1(z).DS3 = ['X99'];
    },
    where: { basEl: 'SL', field: 'DS3', value: 'X99' },
  },
  {
    rule: 'REG.NSI.MKB',
    change: (z) => {
      sl1(z).USL[1]!.DS = 'X99';
    },
    where: { basEl: 'USL', field: 'DS', value: 'X99' },
  },
  {
    rule: 'REG.SL.C_ZAB.REQUIRED',
    change: (z) => {
      z.Z_SL.USL_OK = '3';
      z.Z_SL.RSLT = '301';
      z.Z_SL.ISHOD = '301';
      delete sl1(z).C_ZAB;
    },
    where: { basEl: 'SL', field: 'C_ZAB' },
  },
  {
    rule: 'REG.SL.C_ZAB.ONCO',
    change: (z) => {
      delete sl1(z).C_ZAB;
    },
    where: { basEl: 'SL', field: 'C_ZAB' },
  },
  {
    rule: 'REG.SL.DN.REQUIRED',
    change: (z) => {
      sl1(z).P_CEL = '1.3';
    },
    where: { basEl: 'SL', field: 'DN' },
  },
  {
    rule: 'REG.SL.DN',
    change: (z) => {
      sl1(z).DN = '3';
    },
    where: { basEl: 'SL', field: 'DN', value: '3' },
  },
  {
    rule: 'REG.SL.DS_ONK',
    change: (z) => {
      sl1(z).DS_ONK = '2';
    },
    where: { basEl: 'SL', field: 'DS_ONK', value: '2' },
  },
  {
    rule: 'REG.SL.SL_ID.DUPLICATE',
    change: (z) => {
      z.Z_SL.SL.push({ ...structuredClone(sl1(z)), USL: [] });
    },
    where: { basEl: 'SL', field: 'SL_ID', value: 'SL-1' },
  },
  {
    rule: 'REG.USL.IDSERV.DUPLICATE',
    change: (z) => {
      sl1(z).USL[1]!.IDSERV = 'U-1';
    },
    where: { basEl: 'USL', field: 'IDSERV', value: 'U-1' },
  },
  // The onco block is due, and only when due.
  {
    rule: 'REG.ONK_SL.REQUIRED',
    change: (z) => {
      delete sl1(z).ONK_SL;
    },
    where: { basEl: 'SL', field: 'ONK_SL' },
  },
  {
    rule: 'REG.ONK_SL.REQUIRED',
    change: (z) => {
      sl1(z).DS1 = 'D70';
      sl1(z).DS2 = ['C16.2'];
      delete sl1(z).ONK_SL;
    },
    where: { basEl: 'SL', field: 'ONK_SL' },
  },
  {
    rule: 'REG.ONK_SL.EXTRA',
    change: (z) => {
      z.Z_SL.USL_OK = '4';
    },
    where: { basEl: 'SL', field: 'ONK_SL' },
    also: ['REG.ZSL.RSLT.USL_OK', 'REG.ZSL.ISHOD.USL_OK'],
  },
  {
    rule: 'REG.ONK_SL.EXTRA',
    change: (z) => {
      sl1(z).REAB = '1';
    },
    where: { basEl: 'SL', field: 'ONK_SL' },
  },
  {
    rule: 'REG.CONS.REQUIRED',
    change: (z) => {
      sl1(z).CONS = [];
    },
    where: { basEl: 'SL', field: 'CONS' },
  },
  // Referrals at suspicion (NAPR) and the consilium (CONS).
  {
    rule: 'REG.NAPR.DS_ONK',
    change: (z) => {
      sl1(z).NAPR = [{ NAPR_DATE: '2025-03-05', NAPR_V: '1' }];
    },
    where: { basEl: 'SL', field: 'NAPR' },
  },
  {
    rule: 'REG.NSI.V028',
    change: (z) => {
      suspicion(z);
      sl1(z).NAPR[0]!.NAPR_V = '9';
    },
    where: { basEl: 'NAPR', field: 'NAPR_V', value: '9' },
  },
  {
    rule: 'REG.NAPR.MET_ISSL.REQUIRED',
    change: (z) => {
      suspicion(z);
      delete sl1(z).NAPR[0]!.MET_ISSL;
    },
    where: { basEl: 'NAPR', field: 'MET_ISSL' },
  },
  {
    rule: 'REG.NSI.V029',
    change: (z) => {
      suspicion(z);
      sl1(z).NAPR[0]!.MET_ISSL = '9';
    },
    where: { basEl: 'NAPR', field: 'MET_ISSL', value: '9' },
  },
  {
    rule: 'REG.NAPR.NAPR_USL.REQUIRED',
    change: (z) => {
      suspicion(z);
      delete sl1(z).NAPR[0]!.NAPR_USL;
    },
    where: { basEl: 'NAPR', field: 'NAPR_USL' },
  },
  {
    rule: 'REG.MO.UNKNOWN',
    change: (z) => {
      suspicion(z);
      sl1(z).NAPR[0]!.NAPR_MO = '990099';
    },
    where: { basEl: 'NAPR', field: 'NAPR_MO', value: '990099' },
  },
  {
    rule: 'REG.NAPR.DATE',
    change: (z) => {
      suspicion(z);
      sl1(z).NAPR[0]!.NAPR_DATE = '2025-03-25';
    },
    where: { basEl: 'NAPR', field: 'NAPR_DATE', value: '2025-03-25' },
  },
  {
    rule: 'REG.NSI.N019',
    change: (z) => {
      sl1(z).CONS[0]!.PR_CONS = '9';
    },
    where: { basEl: 'CONS', field: 'PR_CONS', value: '9' },
  },
  {
    rule: 'REG.CONS.DT_CONS.REQUIRED',
    change: (z) => {
      delete sl1(z).CONS[0]!.DT_CONS;
    },
    where: { basEl: 'CONS', field: 'DT_CONS' },
  },
  {
    rule: 'REG.CONS.DATE',
    change: (z) => {
      sl1(z).CONS[0]!.DT_CONS = '2025-03-21';
    },
    where: { basEl: 'CONS', field: 'DT_CONS', value: '2025-03-21' },
  },
  // The onco treatment: reason, stage, TNM.
  {
    rule: 'REG.NSI.N018',
    change: (z) => {
      onk1(z).DS1_T = '9';
    },
    where: { basEl: 'ONK_SL', field: 'DS1_T', value: '9' },
  },
  {
    rule: 'REG.ONK_SL.STAD.REQUIRED',
    change: (z) => {
      delete onk1(z).STAD;
    },
    where: { basEl: 'ONK_SL', field: 'STAD' },
  },
  {
    rule: 'REG.NSI.N002',
    change: (z) => {
      onk1(z).STAD = '999';
    },
    where: { basEl: 'ONK_SL', field: 'STAD', value: '999' },
  },
  {
    rule: 'REG.ONK_SL.STAD.DS',
    change: (z) => {
      onk1(z).STAD = '40';
    },
    where: { basEl: 'ONK_SL', field: 'STAD', value: '40' },
  },
  {
    rule: 'REG.ONK_SL.STAD.DS',
    change: (z) => {
      onk1(z).STAD = '145';
    },
    where: { basEl: 'ONK_SL', field: 'STAD', value: '145' },
  },
  {
    rule: 'REG.ONK_SL.TNM.REQUIRED',
    change: (z) => {
      delete onk1(z).ONK_N;
    },
    person: adult,
    where: { basEl: 'ONK_SL', field: 'ONK_N' },
  },
  {
    rule: 'REG.NSI.N003',
    change: (z) => {
      onk1(z).ONK_T = '999';
    },
    where: { basEl: 'ONK_SL', field: 'ONK_T', value: '999' },
  },
  {
    rule: 'REG.NSI.N004',
    change: (z) => {
      onk1(z).ONK_N = '999';
    },
    where: { basEl: 'ONK_SL', field: 'ONK_N', value: '999' },
  },
  {
    rule: 'REG.NSI.N005',
    change: (z) => {
      onk1(z).ONK_M = '999';
    },
    where: { basEl: 'ONK_SL', field: 'ONK_M', value: '999' },
  },
  {
    rule: 'REG.ONK_SL.TNM.DS',
    change: (z) => {
      onk1(z).ONK_T = '50';
    },
    where: { basEl: 'ONK_SL', field: 'ONK_T', value: '50' },
  },
  {
    rule: 'REG.ONK_SL.TNM.DS',
    change: (z) => {
      onk1(z).ONK_M = '182';
    },
    where: { basEl: 'ONK_SL', field: 'ONK_M', value: '182' },
  },
  {
    rule: 'REG.ONK_SL.TNM.N006',
    change: (z) => {
      onk1(z).STAD = '1';
    },
    where: { basEl: 'ONK_SL', field: 'STAD', value: '1 4 2 1' },
  },
  {
    rule: 'REG.ONK_SL.MTSTZ',
    change: (z) => {
      onk1(z).MTSTZ = '1';
    },
    where: { basEl: 'ONK_SL', field: 'MTSTZ', value: '1' },
  },
  {
    rule: 'REG.ONK_SL.SOD.REQUIRED',
    change: (z) => {
      delete onk1(z).SOD;
    },
    where: { basEl: 'ONK_SL', field: 'SOD' },
  },
  {
    rule: 'REG.ONK_SL.K_FR.REQUIRED',
    change: (z) => {
      delete onk1(z).K_FR;
    },
    where: { basEl: 'ONK_SL', field: 'K_FR' },
  },
  {
    rule: 'REG.ONK_SL.BODY.REQUIRED',
    change: (z) => {
      delete onk1(z).BSA;
    },
    where: { basEl: 'ONK_SL', field: 'BSA' },
  },
  // Diagnostics and contraindications.
  {
    rule: 'REG.B_DIAG.DIAG_TIP',
    change: (z) => {
      onk1(z).B_DIAG[0]!.DIAG_TIP = '3';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_TIP', value: '3' },
  },
  {
    rule: 'REG.NSI.N007',
    change: (z) => {
      onk1(z).B_DIAG[0]!.DIAG_CODE = '9';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_CODE', value: '9' },
  },
  {
    rule: 'REG.NSI.N008',
    change: (z) => {
      onk1(z).B_DIAG[0]!.DIAG_RSLT = '99';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_RSLT', value: '99' },
  },
  {
    rule: 'REG.NSI.N010',
    change: (z) => {
      onk1(z).B_DIAG[1]!.DIAG_CODE = '9';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_CODE', value: '9' },
  },
  {
    rule: 'REG.NSI.N011',
    change: (z) => {
      onk1(z).B_DIAG[1]!.DIAG_RSLT = '99';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_RSLT', value: '99' },
  },
  {
    rule: 'REG.B_DIAG.RSLT.CODE',
    change: (z) => {
      onk1(z).B_DIAG[0]!.DIAG_RSLT = '5';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_RSLT', value: '5' },
  },
  {
    rule: 'REG.B_DIAG.RSLT.CODE',
    change: (z) => {
      onk1(z).B_DIAG[1]!.DIAG_RSLT = '4';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_RSLT', value: '4' },
  },
  {
    rule: 'REG.B_DIAG.DIAG_RSLT.REQUIRED',
    change: (z) => {
      delete onk1(z).B_DIAG[0]!.DIAG_RSLT;
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_RSLT' },
  },
  {
    rule: 'REG.B_DIAG.DS',
    change: (z) => {
      onk1(z).B_DIAG[0]!.DIAG_CODE = '2';
      delete onk1(z).B_DIAG[0]!.DIAG_RSLT;
      delete onk1(z).B_DIAG[0]!.REC_RSLT;
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_CODE', value: '2' },
  },
  {
    rule: 'REG.B_DIAG.DS',
    change: (z) => {
      onk1(z).B_DIAG[1]!.DIAG_CODE = '2';
      onk1(z).B_DIAG[1]!.DIAG_RSLT = '4';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_CODE', value: '2' },
  },
  {
    rule: 'REG.B_DIAG.DATE',
    change: (z) => {
      onk1(z).B_DIAG[0]!.DIAG_DATE = '2025-03-21';
    },
    where: { basEl: 'B_DIAG', field: 'DIAG_DATE', value: '2025-03-21' },
  },
  {
    rule: 'REG.NSI.N001',
    change: (z) => {
      onk1(z).B_PROT[0]!.PROT = '9';
    },
    where: { basEl: 'B_PROT', field: 'PROT', value: '9' },
  },
  {
    rule: 'REG.B_PROT.DATE',
    change: (z) => {
      onk1(z).B_PROT[0]!.D_PROT = '2025-03-21';
    },
    where: { basEl: 'B_PROT', field: 'D_PROT', value: '2025-03-21' },
  },
  // Onco services and drugs.
  {
    rule: 'REG.NSI.N013',
    change: (z) => {
      onk1(z).ONK_USL.push({ USL_TIP: '7', LEK_PR: [] });
    },
    where: { basEl: 'ONK_USL', field: 'USL_TIP', value: '7' },
  },
  {
    rule: 'REG.ONK_USL.HIR_TIP.REQUIRED',
    change: (z) => {
      delete onk1(z).ONK_USL[0]!.HIR_TIP;
    },
    where: { basEl: 'ONK_USL', field: 'HIR_TIP' },
  },
  {
    rule: 'REG.NSI.N014',
    change: (z) => {
      onk1(z).ONK_USL[0]!.HIR_TIP = '9';
    },
    where: { basEl: 'ONK_USL', field: 'HIR_TIP', value: '9' },
  },
  {
    rule: 'REG.ONK_USL.HIR_TIP.EXTRA',
    change: (z) => {
      onk1(z).ONK_USL[2]!.HIR_TIP = '1';
    },
    where: { basEl: 'ONK_USL', field: 'HIR_TIP', value: '1' },
  },
  {
    rule: 'REG.ONK_USL.LEK_TIP.REQUIRED',
    change: (z) => {
      delete onk1(z).ONK_USL[1]!.LEK_TIP_V;
    },
    where: { basEl: 'ONK_USL', field: 'LEK_TIP_V' },
  },
  {
    rule: 'REG.NSI.N015',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_TIP_L = '9';
    },
    where: { basEl: 'ONK_USL', field: 'LEK_TIP_L', value: '9' },
  },
  {
    rule: 'REG.NSI.N016',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_TIP_V = '9';
    },
    where: { basEl: 'ONK_USL', field: 'LEK_TIP_V', value: '9' },
  },
  {
    rule: 'REG.ONK_USL.LEK_TIP.EXTRA',
    change: (z) => {
      onk1(z).ONK_USL[0]!.LEK_TIP_L = '1';
    },
    where: { basEl: 'ONK_USL', field: 'LEK_TIP_L', value: '1' },
  },
  {
    rule: 'REG.ONK_USL.LEK_PR.REQUIRED',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_PR = [];
    },
    where: { basEl: 'ONK_USL', field: 'LEK_PR' },
  },
  {
    rule: 'REG.ONK_USL.LEK_PR.EXTRA',
    change: (z) => {
      onk1(z).ONK_USL[0]!.LEK_PR = [drug];
    },
    where: { basEl: 'ONK_USL', field: 'LEK_PR' },
  },
  {
    rule: 'REG.ONK_USL.LUCH_TIP.REQUIRED',
    change: (z) => {
      delete onk1(z).ONK_USL[2]!.LUCH_TIP;
    },
    where: { basEl: 'ONK_USL', field: 'LUCH_TIP' },
  },
  {
    rule: 'REG.NSI.N017',
    change: (z) => {
      onk1(z).ONK_USL[2]!.LUCH_TIP = '9';
    },
    where: { basEl: 'ONK_USL', field: 'LUCH_TIP', value: '9' },
  },
  {
    rule: 'REG.ONK_USL.LUCH_TIP.EXTRA',
    change: (z) => {
      onk1(z).ONK_USL[0]!.LUCH_TIP = '1';
    },
    where: { basEl: 'ONK_USL', field: 'LUCH_TIP', value: '1' },
  },
  {
    rule: 'REG.NSI.N020',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_PR[0]!.REGNUM = '999999';
    },
    where: { basEl: 'LEK_PR', field: 'REGNUM', value: '999999' },
  },
  {
    rule: 'REG.NSI.V024',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_PR[0]!.CODE_SH = 'sh9999';
    },
    where: { basEl: 'LEK_PR', field: 'CODE_SH', value: 'sh9999' },
  },
  {
    rule: 'REG.NSI.V024',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_PR[0]!.CODE_SH = 'нет';
    },
    person: adult,
    where: { basEl: 'LEK_PR', field: 'CODE_SH', value: 'нет' },
  },
  {
    rule: 'REG.LEK_PR.N021',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_PR[0]!.REGNUM = '002140';
    },
    where: { basEl: 'LEK_PR', field: 'REGNUM', value: '002140' },
  },
  {
    rule: 'REG.LEK_PR.DATE_INJ',
    change: (z) => {
      onk1(z).ONK_USL[1]!.LEK_PR[0]!.DATE_INJ.push('2025-03-21');
    },
    where: { basEl: 'LEK_PR', field: 'DATE_INJ', value: '2025-03-21' },
  },
];

function runCase(n: CaseNegative): RegistryFinding[] {
  const ctx = context(n.ctx);
  const zap = broken(n.change);
  return n.person ? checkCaseWithPerson(zap, n.person, ctx) : checkCase(zap, ctx);
}

describe('a valid C-file case', () => {
  it('passes with a full onco block, with and without its patient', () => {
    expect(checkCase(validCase(), context())).toEqual([]);
    expect(checkCaseWithPerson(validCase(), validPerson(), context())).toEqual([]);
    expect(checkCaseWithPerson(validCase(), undefined, context())).toEqual([]);
    expect(checkPerson(validPerson(), context(), '3')).toEqual([]);
    expect(checkPackageHeader(context())).toEqual([]);
  });

  it('passes at a suspicion of ЗНО with a referral and no onco treatment block', () => {
    expect(checkCase(broken(suspicion), context())).toEqual([]);
  });

  it('passes with an СМО of another region known only to F002, and with numeric codes sent with leading zeros', () => {
    expect(
      checkCase(
        broken((z) => {
          z.PACIENT.SMO = '77011';
        }),
        context(),
      ),
    ).toEqual([]);
    const zeros = broken((z) => {
      z.Z_SL.USL_OK = '01';
      z.Z_SL.FOR_POM = '03';
      onk1(z).DS1_T = '00';
      onk1(z).B_DIAG[0]!.DIAG_CODE = '001';
    });
    expect(checkCase(zeros, context())).toEqual([]);
  });

  it('asks no C_ZAB in a dispensarisation file, and reports a case date after the month once', () => {
    const dispensarisation = context({ fileKind: 'DP', schet: { ...schet(), DISP: 'ДВ4' } });
    const zap = broken((z) => {
      z.Z_SL.USL_OK = '3';
      z.Z_SL.RSLT = '301';
      z.Z_SL.ISHOD = '301';
      z.Z_SL.RSLT_D = '1';
      delete sl1(z).C_ZAB;
    });
    expect(checkCase(zap, dispensarisation)).toEqual([]);
    const late = broken((z) => {
      z.Z_SL.DATE_Z_2 = '2025-04-12';
    });
    expect(ids(checkCase(late, context()))).toEqual(['REG.ZSL.PERIOD']);
  });

  it('does not ask a child for TNM, and accepts the scheme «нет» for a child', () => {
    const child = { ...validPerson(), DR: '2015-01-10' };
    const zap = broken((z) => {
      delete onk1(z).ONK_T;
      delete onk1(z).ONK_N;
      delete onk1(z).ONK_M;
      onk1(z).ONK_USL[1]!.LEK_PR[0]!.CODE_SH = 'нет';
    });
    expect(checkCaseWithPerson(zap, child, context())).toEqual([]);
    expect(ids(checkCaseWithPerson(zap, validPerson(), context()))).toEqual([
      'REG.NSI.V024',
      'REG.ONK_SL.TNM.REQUIRED',
    ]);
    // The birth date may come with the context instead of the person.
    const ctx = context({ birthDateOf: (idPac) => (idPac === 'P1' ? '1961-05-20' : undefined) });
    expect(ids(checkCase(zap, ctx))).toEqual(['REG.NSI.V024', 'REG.ONK_SL.TNM.REQUIRED']);
  });

  it('does not take neutropenia with a lymphoma (C81–C96) for an onco case', () => {
    const zap = broken((z) => {
      sl1(z).DS1 = 'D70';
      sl1(z).DS2 = ['C81.1'];
      delete sl1(z).ONK_SL;
      sl1(z).CONS = [];
    });
    expect(ids(checkCase(zap, context()))).toEqual(['REG.ZSL.FILE_KIND']);
    expect(checkCase(zap, context({ fileKind: 'H' }))).toEqual([]);
  });

  it('takes the stages of diagnoses N002 does not list from its records without a diagnosis', () => {
    const lymphoma = broken((z) => {
      sl1(z).DS1 = 'C81.1';
      sl1(z).USL[0]!.DS = 'C81.1';
      sl1(z).USL[1]!.DS = 'C81.1';
      onk1(z).STAD = '145';
      onk1(z).ONK_T = '182';
      onk1(z).ONK_N = '182';
      onk1(z).ONK_M = '182';
      onk1(z).B_DIAG = [];
      onk1(z).ONK_USL[1]!.LEK_PR = [{ REGNUM: '002140', CODE_SH: 'sh0031', DATE_INJ: ['2025-03-10'] }];
    });
    expect(checkCase(lymphoma, context())).toEqual([]);
  });
});

describe('each rule of a case fires with its code, BAS_EL and tag', () => {
  it.each(caseNegatives.map((n) => [`${n.rule} ${n.where.basEl}/${n.where.field}`, n] as const))(
    '%s',
    (_, n) => {
      const findings = runCase(n);
      expectNegative(findings, n);
      // Every finding names the record it is about.
      for (const f of findings)
        expect(f).toMatchObject({ file: 'case', nZap: '1', idcase: '1001', idPac: 'P1' });
    },
  );

  it('names the SL and the service of a finding inside them', () => {
    const [f] = checkCase(
      broken((z) => {
        sl1(z).USL[1]!.PROFIL = '999';
      }),
      context(),
    );
    expect(f).toMatchObject({ slId: 'SL-1', idserv: 'U-2' });
    const [g] = checkCase(
      broken((z) => {
        onk1(z).STAD = '999';
      }),
      context(),
    );
    expect(g).toMatchObject({ slId: 'SL-1' });
    expect(g).not.toHaveProperty('idserv');
    const [h] = checkCase(
      broken((z) => {
        z.Z_SL.VIDPOM = '99';
      }),
      context(),
    );
    expect(h).not.toHaveProperty('slId');
  });
});

interface HeaderNegative extends Negative {
  ctx: Partial<CaseCheckContext>;
}

const headerNegatives: HeaderNegative[] = [
  {
    rule: 'REG.SCHET.CODE_MO',
    ctx: { schet: { ...schet(), CODE_MO: '990099' } },
    where: { basEl: 'SCHET', field: 'CODE_MO', value: '990099' },
  },
  {
    rule: 'REG.SCHET.CODE_MO',
    ctx: { schet: { ...schet(), CODE_MO: '99001' } },
    where: { basEl: 'SCHET', field: 'CODE_MO', value: '99001' },
  },
  {
    rule: 'REG.SCHET.MONTH',
    ctx: { schet: { ...schet(), MONTH: '13' } },
    where: { basEl: 'SCHET', field: 'MONTH', value: '13' },
  },
  {
    rule: 'REG.SCHET.PERIOD',
    ctx: { schet: { ...schet(), MONTH: '5', DSCHET: '2025-04-09' } },
    where: { basEl: 'SCHET', field: 'YEAR', value: '2025-05' },
    also: ['REG.SCHET.DSCHET'],
  },
  {
    rule: 'REG.SCHET.PERIOD',
    ctx: { schet: { ...schet(), YEAR: '2010' } },
    where: { basEl: 'SCHET', field: 'YEAR', value: '2010-03' },
  },
  {
    rule: 'REG.SCHET.DSCHET',
    ctx: { schet: { ...schet(), DSCHET: '2025-04-11' } },
    where: { basEl: 'SCHET', field: 'DSCHET', value: '2025-04-11' },
  },
  {
    rule: 'REG.SCHET.DSCHET',
    ctx: { schet: { ...schet(), DSCHET: '2025-02-28' } },
    where: { basEl: 'SCHET', field: 'DSCHET', value: '2025-02-28' },
  },
  {
    rule: 'REG.SCHET.PLAT',
    ctx: { schet: { ...schet(), PLAT: codeMo } },
    where: { basEl: 'SCHET', field: 'PLAT', value: codeMo },
  },
  {
    rule: 'REG.SCHET.DISP.REQUIRED',
    ctx: { fileKind: 'DP' },
    where: { basEl: 'SCHET', field: 'DISP' },
  },
  {
    rule: 'REG.NSI.V016',
    ctx: { fileKind: 'DP', schet: { ...schet(), DISP: 'ХХХ' } },
    where: { basEl: 'SCHET', field: 'DISP', value: 'ХХХ' },
  },
];

describe('the invoice (SCHET)', () => {
  it('accepts the ТФОМС as payer, no payer, and a dispensarisation file with its type', () => {
    expect(checkPackageHeader(context({ schet: { ...schet(), PLAT: '99' } }))).toEqual([]);
    const { PLAT: _, ...noPayer } = schet();
    expect(checkPackageHeader(context({ schet: noPayer }))).toEqual([]);
    expect(checkPackageHeader(context({ fileKind: 'DP', schet: { ...schet(), DISP: 'ДВ4' } }))).toEqual([]);
  });

  it.each(headerNegatives.map((n) => [`${n.rule} ${n.where.value ?? ''}`, n] as const))('%s', (_, n) => {
    const findings = checkPackageHeader(context(n.ctx));
    expectNegative(findings, n);
    for (const f of findings) expect(f.file).toBe('case');
  });
});

interface PersonNegative extends Negative {
  change: (p: Pers) => void;
  policyType?: string;
}

const personNegatives: PersonNegative[] = [
  {
    rule: 'REG.PERS.FAM.REQUIRED',
    change: (p) => {
      delete p.FAM;
    },
    where: { basEl: 'PERS', field: 'FAM' },
  },
  {
    rule: 'REG.PERS.FAM.DOST',
    change: (p) => {
      p.DOST = ['2'];
    },
    where: { basEl: 'PERS', field: 'FAM', value: 'ИВАНОВ' },
  },
  {
    rule: 'REG.PERS.IM.REQUIRED',
    change: (p) => {
      delete p.IM;
    },
    where: { basEl: 'PERS', field: 'IM' },
  },
  {
    rule: 'REG.PERS.IM.DOST',
    change: (p) => {
      p.DOST = ['3'];
    },
    where: { basEl: 'PERS', field: 'IM', value: 'ПЁТР' },
  },
  {
    rule: 'REG.PERS.OT.REQUIRED',
    change: (p) => {
      delete p.OT;
    },
    where: { basEl: 'PERS', field: 'OT' },
  },
  {
    rule: 'REG.PERS.OT.DOST',
    change: (p) => {
      p.DOST = ['1'];
    },
    where: { basEl: 'PERS', field: 'OT', value: 'СЕРГЕЕВИЧ' },
  },
  {
    rule: 'REG.PERS.IM.REQUIRED',
    change: (p) => {
      p.FAM_P = 'ИВАНОВА';
      p.OT_P = 'ПЕТРОВНА';
      p.W_P = '2';
      p.DR_P = '1990-01-01';
    },
    where: { basEl: 'PERS', field: 'IM_P' },
  },
  {
    rule: 'REG.PERS.DOST',
    change: (p) => {
      p.DOST = ['7'];
    },
    where: { basEl: 'PERS', field: 'DOST', value: '7' },
  },
  {
    rule: 'REG.PERS.DR.DOST',
    change: (p) => {
      p.DOST = ['4'];
    },
    where: { basEl: 'PERS', field: 'DR', value: '1961-05-20' },
  },
  {
    rule: 'REG.PERS.DR.DOST',
    change: (p) => {
      p.DOST = ['4', '5'];
      p.DR = '1961-05-01';
    },
    where: { basEl: 'PERS', field: 'DR', value: '1961-05-01' },
  },
  {
    rule: 'REG.PERS.DR.FUTURE',
    change: (p) => {
      p.DR = '2025-04-11';
      delete p.DOCDATE;
    },
    where: { basEl: 'PERS', field: 'DR', value: '2025-04-11' },
  },
  {
    rule: 'REG.NSI.V005',
    change: (p) => {
      p.W = '3';
    },
    where: { basEl: 'PERS', field: 'W', value: '3' },
  },
  {
    rule: 'REG.NSI.F011',
    change: (p) => {
      p.DOCTYPE = '99';
    },
    where: { basEl: 'PERS', field: 'DOCTYPE', value: '99' },
  },
  {
    rule: 'REG.PERS.DOCDATE.REQUIRED',
    change: (p) => {
      delete p.DOCDATE;
    },
    policyType: '1',
    where: { basEl: 'PERS', field: 'DOCDATE' },
  },
  {
    rule: 'REG.PERS.DOCORG.REQUIRED',
    change: (p) => {
      delete p.DOCORG;
    },
    policyType: '2',
    where: { basEl: 'PERS', field: 'DOCORG' },
  },
  {
    rule: 'REG.PERS.DOCDATE',
    change: (p) => {
      p.DOCDATE = '1960-01-01';
    },
    where: { basEl: 'PERS', field: 'DOCDATE', value: '1960-01-01' },
  },
  {
    rule: 'REG.PERS.SNILS.FORMAT',
    change: (p) => {
      p.SNILS = '11223344595';
    },
    where: { basEl: 'PERS', field: 'SNILS', value: '11223344595' },
  },
  {
    rule: 'REG.PERS.SNILS.CONTROL',
    change: (p) => {
      p.SNILS = '112-233-445 96';
    },
    where: { basEl: 'PERS', field: 'SNILS', value: '112-233-445 96' },
  },
];

describe('the personal-data file (PERS)', () => {
  it('accepts missing name parts and an unknown day and month when DOST says so', () => {
    const p = validPerson();
    delete p.OT;
    delete p.FAM;
    p.DOST = ['1', '2', '4', '5'];
    p.DR = '1961-01-01';
    expect(checkPerson(p, context(), '3')).toEqual([]);
  });

  it('does not ask for the document date and issuer with a unified policy or when the policy is not known', () => {
    const p = validPerson();
    delete p.DOCDATE;
    delete p.DOCORG;
    expect(checkPerson(p, context(), '3')).toEqual([]);
    expect(checkPerson(p, context())).toEqual([]);
  });

  it.each(personNegatives.map((n) => [`${n.rule} ${n.where.field}`, n] as const))('%s', (_, n) => {
    const p = structuredClone(validPerson());
    n.change(p);
    const findings = checkPerson(p, context(), n.policyType ?? '3');
    expectNegative(findings, n);
    for (const f of findings) expect(f).toMatchObject({ file: 'person', idPac: 'P1' });
  });
});

describe('keys across the package', () => {
  it('reports a repeated N_ZAP in the main file and a repeated ID_PAC in the L-file', () => {
    const keys = new RegistryKeys(ruleSet());
    expect(keys.checkCase(validCase())).toEqual([]);
    const again = broken((z) => {
      z.Z_SL.IDCASE = '1002';
    });
    const [dupCase] = keys.checkCase(again);
    expectNegative([dupCase!], {
      rule: 'REG.ZAP.N_ZAP.DUPLICATE',
      where: { basEl: 'ZAP', field: 'N_ZAP', value: '1' },
    });
    expect(dupCase).toMatchObject({ nZap: '1', idcase: '1002' });
    expect(keys.checkPerson(validPerson())).toEqual([]);
    const [dupPerson] = keys.checkPerson(validPerson());
    expectNegative([dupPerson!], {
      rule: 'REG.PERS.ID_PAC.DUPLICATE',
      where: { basEl: 'PERS', field: 'ID_PAC', value: 'P1' },
    });
  });
});

describe('configured severities', () => {
  it('drops a rule switched off and reports a lowered one as a warning', () => {
    const zap = broken((z) => {
      z.Z_SL.VIDPOM = '99';
    });
    expect(checkCase(zap, context({ rules: ruleSet({ 'REG.NSI.V008': 'off' }) }))).toEqual([]);
    const [f] = checkCase(zap, context({ rules: ruleSet({ 'REG.NSI.V008': 'warning' }) }));
    expect(f).toMatchObject({ rule: 'REG.NSI.V008', severity: 'warning', code: '904' });
  });

  it('falls back to the default of a rule missing from the configured set', () => {
    const zap = broken((z) => {
      z.Z_SL.VIDPOM = '99';
    });
    const [f] = checkCase(zap, context({ rules: new Map() }));
    expect(f).toMatchObject({
      rule: 'REG.NSI.V008',
      severity: 'error',
      message: registryRules['REG.NSI.V008'].message,
    });
  });
});

describe('properties', () => {
  const march = fc.integer({ min: 1, max: 31 }).map((d) => `2025-03-${String(d).padStart(2, '0')}`);

  it('the case dates are in order exactly when DATE_Z_1 ≤ DATE_Z_2', () => {
    fc.assert(
      fc.property(march, march, (start, end) => {
        const zap = broken((z) => {
          z.Z_SL.DATE_Z_1 = start;
          z.Z_SL.DATE_Z_2 = end;
          z.Z_SL.NPR_DATE = '2025-02-01';
          const sl = sl1(z);
          sl.DATE_1 = start;
          sl.DATE_2 = end;
          sl.USL = [];
          sl.CONS = [{ PR_CONS: '0' }];
          delete sl.ONK_SL;
          sl.REAB = '1';
        });
        const fired = ids(checkCase(zap, context()));
        expect(fired.includes('REG.ZSL.DATES')).toBe(start > end);
        expect(fired.includes('REG.SL.DATES')).toBe(start > end);
        expect(fired.filter((r) => r !== 'REG.ZSL.DATES' && r !== 'REG.SL.DATES')).toEqual([]);
      }),
    );
  });

  it('a service is inside its treatment exactly when DATE_1 ≤ DATE_IN ≤ DATE_OUT ≤ DATE_2', () => {
    fc.assert(
      fc.property(march, march, (dateIn, dateOut) => {
        const zap = broken((z) => {
          const u = sl1(z).USL[1]!;
          u.DATE_IN = dateIn;
          u.DATE_OUT = dateOut;
        });
        const fired = ids(checkCase(zap, context()));
        expect(fired.includes('REG.USL.DATES')).toBe(dateIn > dateOut);
        expect(fired.includes('REG.USL.IN_SL')).toBe(dateOut > '2025-03-20');
      }),
    );
  });

  it('never throws and names a known rule and its place, whatever optional parts of the onco block are left out', () => {
    const optional = ['STAD', 'ONK_T', 'ONK_N', 'ONK_M', 'SOD', 'K_FR', 'WEI', 'HEI', 'BSA'] as const;
    fc.assert(
      fc.property(
        fc.subarray([...optional]),
        fc.constantFrom('0', '1', '2', '3', '4', '5', '6'),
        fc.constantFrom('1', '2', '3', '4', '5', '6'),
        fc.boolean(),
        (drop, reason, tip, withPerson) => {
          const zap = broken((z) => {
            const onk = onk1(z);
            for (const tag of drop) delete onk[tag];
            onk.DS1_T = reason;
            onk.ONK_USL[0]!.USL_TIP = tip;
          });
          const findings = withPerson
            ? checkCaseWithPerson(zap, validPerson(), context())
            : checkCase(zap, context());
          for (const f of findings) {
            expect(registryRuleIds).toContain(f.rule);
            expect(f.basEl).toBeTruthy();
            expect(f.field).toBeTruthy();
          }
        },
      ),
    );
  });
});

describe('coverage of the rule book', () => {
  it('every rule has a negative case in this file', () => {
    expect(registryRuleIds.filter((id) => !covered.has(id))).toEqual([]);
  });
});
