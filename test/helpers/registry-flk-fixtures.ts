import type { FlkRule, FlkRuleSet } from '../../shared/platform/flk/issue';
import type { CaseCheckContext, OrganisationKind } from '../../shared/registry/domain/check-context';
import { type DirectoryRow, directoryBook } from '../../shared/registry/domain/directories';
import type { RegistryFileKind } from '../../shared/registry/domain/file-kinds';
import { registryRuleIds, registryRules } from '../../shared/registry/domain/registry-rules';
import type { Pers, Schet, Zap, ZlHeader } from '../../shared/registry/domain/registry-tags';

/**
 * Hand-made facts for the registry FLK unit tests: a small directory book (real FFOMS codes where it matters,
 * relations as the publications hold them), the region's organisations, the default rules, and one valid C-file
 * case of a stomach cancer (C16.2) with a full onco block and its patient. Tests clone and break them.
 */

export const codeMo = '990001';
export const otherMo = '990002';
export const smo = '99001';
export const tfoms = '99';
export const today = '2025-04-10';

const openFrom = '2018-09-01';

function row(
  directory: string,
  code: string,
  attrs: Record<string, string> = {},
  dateBeg = openFrom,
  dateEnd: string | null = null,
): DirectoryRow {
  return { directory, code, dateBeg, dateEnd, attrs };
}

const plain = (directory: string, ...codes: string[]) => codes.map((code) => row(directory, code));

export function directoryRows(): DirectoryRow[] {
  return [
    ...plain('MKB10', 'C16', 'C16.2', 'C18.7', 'C81.1', 'D70', 'I10', 'Z00.0', 'J06.9', 'C50.4', 'D05.1'),
    // A code closed before the case: valid in 2018, not in 2025.
    row('MKB10', 'C16.7', {}, '2011-01-01', '2019-12-31'),
    row('F002', '77011'),
    ...plain('F008', '1', '2', '3'),
    ...plain('F011', '14', '3'),
    ...plain('V002', '60', '97'),
    ...plain('V005', '1', '2'),
    ...plain('V006', '1', '2', '3', '4'),
    ...plain('V008', '31', '13'),
    row('V009', '101', { DL_USLOV: '1' }),
    row('V009', '201', { DL_USLOV: '2' }),
    row('V009', '301', { DL_USLOV: '3' }),
    ...plain('V010', '33', '29'),
    row('V012', '101', { DL_USLOV: '1' }),
    row('V012', '201', { DL_USLOV: '2' }),
    row('V012', '301', { DL_USLOV: '3' }),
    ...plain('V014', '1', '2', '3'),
    ...plain('V016', 'ДВ4', 'ОПВ'),
    ...plain('V017', '1', '2'),
    ...plain('V020', '18', '22'),
    ...plain('V021', '41', '76'),
    ...plain('V024', 'sh0024', 'sh0031'),
    ...plain('V025', '1.0', '1.3', '3.0'),
    ...plain('V027', '1', '2', '3'),
    ...plain('V028', '1', '2', '3', '4'),
    ...plain('V029', '1', '2', '3', '4'),
    ...plain('N001', '0', '1', '2', '3', '4', '5', '6', '7', '8'),
    // Stages: C16's own (N002 ID_St 1–3) and the stages of diagnoses N002 does not list (DS_St empty).
    row('N002', '1', { DS_St: 'C16' }),
    row('N002', '2', { DS_St: 'C16' }),
    row('N002', '3', { DS_St: 'C16' }),
    row('N002', '40', { DS_St: 'C50' }),
    row('N002', '145', {}),
    row('N002', '146', {}),
    row('N003', '3', { DS_T: 'C16' }),
    row('N003', '4', { DS_T: 'C16' }),
    row('N003', '50', { DS_T: 'C50' }),
    row('N003', '182', {}),
    row('N004', '2', { DS_N: 'C16' }),
    row('N004', '3', { DS_N: 'C16' }),
    row('N004', '60', { DS_N: 'C50' }),
    row('N004', '182', {}),
    row('N005', '1', { DS_M: 'C16' }),
    row('N005', '70', { DS_M: 'C50' }),
    row('N005', '182', {}),
    row('N006', '1', { DS_gr: 'C16', ID_St: '1', ID_T: '3', ID_N: '2', ID_M: '1' }),
    row('N006', '2', { DS_gr: 'C16', ID_St: '2', ID_T: '4', ID_N: '2', ID_M: '1' }),
    ...plain('N007', '1', '2', '3'),
    row('N008', '1', { ID_Mrf: '1' }),
    row('N008', '2', { ID_Mrf: '1' }),
    row('N008', '5', { ID_Mrf: '3' }),
    row('N009', '10', { DS_Mrf: 'C16', ID_Mrf: '1' }),
    row('N009', '11', { DS_Mrf: 'C16', ID_Mrf: '3' }),
    row('N009', '12', { DS_Mrf: 'C50', ID_Mrf: '2' }),
    ...plain('N010', '1', '2'),
    row('N011', '1', { ID_Igh: '1' }),
    row('N011', '2', { ID_Igh: '1' }),
    row('N011', '4', { ID_Igh: '2' }),
    row('N012', '1', { DS_Igh: 'C16', ID_Igh: '1' }),
    row('N012', '2', { DS_Igh: 'C50', ID_Igh: '2' }),
    ...plain('N013', '1', '2', '3', '4', '5', '6'),
    ...plain('N014', '1', '2', '3', '4', '5'),
    ...plain('N015', '1', '2', '3', '4'),
    ...plain('N016', '1', '2', '3', '4'),
    ...plain('N017', '1', '2', '3'),
    ...plain('N018', '0', '1', '2', '3', '4', '5', '6'),
    ...plain('N019', '0', '1', '2', '3', '4'),
    ...plain('N020', '000764', '001652', '002140'),
    row('N021', '1', { CODE_SH: 'sh0024', ID_LEKP: '000764' }),
    row('N021', '2', { CODE_SH: 'sh0024', ID_LEKP: '001652' }),
  ];
}

export const book = directoryBook(directoryRows());

export const organisations: ReadonlyMap<string, OrganisationKind> = new Map<string, OrganisationKind>([
  [codeMo, 'MO'],
  [otherMo, 'MO'],
  [smo, 'SMO'],
  [tfoms, 'TFOMS'],
]);

/** The default rules (as migration 030 inserts them), with severities overridden where a test says so. */
export function ruleSet(overrides: Record<string, FlkRule['severity']> = {}): FlkRuleSet {
  return new Map(
    registryRuleIds.map((id) => [
      id,
      { id, ...registryRules[id], severity: overrides[id] ?? registryRules[id].severity },
    ]),
  );
}

export const header: ZlHeader = {
  VERSION: '3.2',
  DATA: '2025-04-05',
  FILENAME: 'CM990001T99_2503001',
  SD_Z: '1',
};

export function schet(): Schet {
  return {
    CODE: '1',
    CODE_MO: codeMo,
    YEAR: '2025',
    MONTH: '3',
    NSCHET: '25-03-1',
    DSCHET: '2025-04-05',
    PLAT: smo,
    SUMMAV: '152000.00',
  };
}

export function context(overrides: Partial<CaseCheckContext> = {}): CaseCheckContext {
  return {
    fileKind: 'C' as RegistryFileKind,
    schet: schet(),
    header,
    directories: book,
    organisations,
    rules: ruleSet(),
    today,
    ...overrides,
  };
}

/** 7700000000000016: the ЕНП of DOMAIN §4.1's second worked example. */
export const enp = '7700000000000016';

/** A planned inpatient stay for stomach cancer: surgery, drug therapy and radiotherapy, with every onco part. */
export function validCase(): Zap {
  return {
    N_ZAP: '1',
    PR_NOV: '0',
    PACIENT: { ID_PAC: 'P1', VPOLIS: '3', NPOLIS: enp, SMO: smo, NOVOR: '0' },
    Z_SL: {
      IDCASE: '1001',
      USL_OK: '1',
      VIDPOM: '31',
      FOR_POM: '3',
      NPR_MO: otherMo,
      NPR_DATE: '2025-02-25',
      LPU: codeMo,
      DATE_Z_1: '2025-03-01',
      DATE_Z_2: '2025-03-20',
      VNOV_M: [],
      RSLT: '101',
      ISHOD: '101',
      OS_SLUCH: [],
      SL: [
        {
          SL_ID: 'SL-1',
          LPU_1: `${codeMo}01`,
          PROFIL: '60',
          PROFIL_K: '18',
          DET: '0',
          NHISTORY: 'И-2025-0001',
          DATE_1: '2025-03-01',
          DATE_2: '2025-03-20',
          DS1: 'C16.2',
          DS2: ['I10'],
          DS2_N: [],
          DS3: [],
          C_ZAB: '2',
          DS_ONK: '0',
          CODE_MES1: [],
          NAPR: [],
          CONS: [{ PR_CONS: '2', DT_CONS: '2025-02-27' }],
          ONK_SL: {
            DS1_T: '0',
            STAD: '2',
            ONK_T: '4',
            ONK_N: '2',
            ONK_M: '1',
            SOD: '40.00',
            K_FR: '20',
            WEI: '72.5',
            HEI: '176',
            BSA: '1.88',
            B_DIAG: [
              { DIAG_DATE: '2025-03-02', DIAG_TIP: '1', DIAG_CODE: '1', DIAG_RSLT: '1', REC_RSLT: '1' },
              { DIAG_DATE: '2025-03-02', DIAG_TIP: '2', DIAG_CODE: '1', DIAG_RSLT: '2', REC_RSLT: '1' },
            ],
            B_PROT: [{ PROT: '7', D_PROT: '2025-03-02' }],
            ONK_USL: [
              { USL_TIP: '1', HIR_TIP: '1', LEK_PR: [] },
              {
                USL_TIP: '2',
                LEK_TIP_L: '1',
                LEK_TIP_V: '1',
                LEK_PR: [
                  { REGNUM: '000764', CODE_SH: 'sh0024', DATE_INJ: ['2025-03-10', '2025-03-17'] },
                  { REGNUM: '001652', CODE_SH: 'sh0024', DATE_INJ: ['2025-03-10'] },
                ],
                PPTR: '1',
              },
              { USL_TIP: '3', LEK_PR: [], LUCH_TIP: '1' },
            ],
          },
          NAZ: [],
          PRVS: '41',
          VERS_SPEC: 'V021',
          IDDOKT: '112-233-445 95',
          SUM_M: '152000.00',
          USL: [
            {
              IDSERV: 'U-1',
              LPU: codeMo,
              LPU_1: `${codeMo}01`,
              PROFIL: '60',
              DET: '0',
              DATE_IN: '2025-03-05',
              DATE_OUT: '2025-03-05',
              DS: 'C16.2',
              CODE_USL: 'A16.16.017',
              KOL_USL: '1',
              SUMV_USL: '0',
              MED_DEV: [],
              MR_USL_N: [{ MR_N: '1', PRVS: '41', CODE_MD: '112-233-445 95' }],
              PRVS: '41',
            },
            {
              IDSERV: 'U-2',
              LPU: codeMo,
              PROFIL: '60',
              DET: '0',
              DATE_IN: '2025-03-10',
              DATE_OUT: '2025-03-17',
              DS: 'C16.2',
              CODE_USL: 'A25.30.033',
              KOL_USL: '2',
              SUMV_USL: '0',
              MED_DEV: [],
              MR_USL_N: [],
            },
          ],
        },
      ],
      IDSP: '33',
      SUMV: '152000.00',
      SANK: [],
    },
  };
}

/** The patient of `validCase`: an adult with every document field. */
export function validPerson(): Pers {
  return {
    ID_PAC: 'P1',
    FAM: 'ИВАНОВ',
    IM: 'ПЁТР',
    OT: 'СЕРГЕЕВИЧ',
    W: '1',
    DR: '1961-05-20',
    DOST: [],
    DOST_P: [],
    DOCTYPE: '14',
    DOCSER: '45 10',
    DOCNUM: '123456',
    DOCDATE: '2010-06-01',
    DOCORG: 'ОВД района Демоград',
    SNILS: '112-233-445 95',
  };
}

/** A clone of the valid case broken by `change`. */
export function broken(change: (zap: Zap) => void): Zap {
  const zap = structuredClone(validCase());
  change(zap);
  return zap;
}

/** The first SL of a case. */
export const sl1 = (zap: Zap) => zap.Z_SL.SL[0]!;
/** The onco block of the first SL. */
export const onk1 = (zap: Zap) => zap.Z_SL.SL[0]!.ONK_SL!;
