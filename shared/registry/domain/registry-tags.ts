import { D, group, many, N, opt, type RecordOf, some, T } from '../../platform/formats/xml-tree-schema';

/**
 * The registry-invoice files' tag tables (../shared/spec/DOMAIN.md §3.2–3.5, format 3.1+ placement: `NAPR` and
 * `CONS` under `SL`, `ONK_USL` inside `ONK_SL`): the main file `ZL_LIST` (ZGLV, SCHET, ZAP*) and the
 * personal-data file `PERS_LIST` (ZGLV, PERS*). The records the reader gives out have exactly these shapes; a
 * format-3.0 file (ONK_USL and NAPR under USL) is mapped to them by the reader. Element names are the format's
 * own, so that FLK findings name the tag (`IM_POL`) and its base element (`BAS_EL`) as the protocol must.
 */

export const zlHeader = group({
  VERSION: T(5),
  DATA: D(),
  FILENAME: T(26),
  SD_Z: N(9),
});

export const schet = group({
  CODE: N(8),
  CODE_MO: T(6),
  YEAR: N(4),
  MONTH: N(2),
  NSCHET: T(15),
  DSCHET: D(),
  PLAT: opt(T(5)),
  SUMMAV: N(15, 2),
  COMENTS: opt(T(250)),
  SUMMAP: opt(N(15, 2)),
  SANK_MEK: opt(N(15, 2)),
  SANK_MEE: opt(N(15, 2)),
  SANK_EKMP: opt(N(15, 2)),
  DISP: opt(T(3)),
});

export const pacient = group({
  ID_PAC: T(36),
  VPOLIS: N(1),
  SPOLIS: opt(T(10)),
  NPOLIS: T(20),
  ENP: opt(T(16)),
  ST_OKATO: opt(T(5)),
  SMO: opt(T(5)),
  SMO_OGRN: opt(T(15)),
  SMO_OK: opt(T(5)),
  SMO_NAM: opt(T(100)),
  INV: opt(N(1)),
  MSE: opt(N(1)),
  NOVOR: T(9),
  VNOV_D: opt(N(4)),
});

/** Referral at suspicion of ЗНО (V028 kind, V029 method, V001 service). */
export const napr = group({
  NAPR_DATE: D(),
  NAPR_MO: opt(T(6)),
  NAPR_V: N(2),
  MET_ISSL: opt(N(2)),
  NAPR_USL: opt(T(15)),
});

/** Consilium (N019 purpose). */
export const cons = group({
  PR_CONS: N(1),
  DT_CONS: opt(D()),
});

/** Histology (N007/N008) or marker (N010/N011) result. */
export const bDiag = group({
  DIAG_DATE: D(),
  DIAG_TIP: N(1),
  DIAG_CODE: N(3),
  DIAG_RSLT: opt(N(3)),
  REC_RSLT: opt(N(1)),
});

/** Contraindication or refusal (N001) with its date. */
export const bProt = group({
  PROT: N(1),
  D_PROT: D(),
});

/** A drug given (N020), its scheme (V024) and the days it was given. */
export const lekPr = group({
  REGNUM: T(6),
  CODE_SH: T(10),
  DATE_INJ: some(D()),
});

/** An onco service (N013 type; N014 surgery, N015 line, N016 cycle, N017 radiation). */
export const onkUsl = group({
  USL_TIP: N(1),
  HIR_TIP: opt(N(1)),
  LEK_TIP_L: opt(N(1)),
  LEK_TIP_V: opt(N(1)),
  LEK_PR: many(lekPr),
  PPTR: opt(N(1)),
  LUCH_TIP: opt(N(1)),
});

/** The onco block of a treatment case (N018 reason, N002 stage, N003–N005 TNM …). */
export const onkSl = group({
  DS1_T: N(2),
  STAD: opt(N(4)),
  ONK_T: opt(N(4)),
  ONK_N: opt(N(4)),
  ONK_M: opt(N(4)),
  MTSTZ: opt(N(1)),
  SOD: opt(N(5, 2)),
  K_FR: opt(N(2)),
  WEI: opt(N(5, 1)),
  HEI: opt(N(3)),
  BSA: opt(N(4, 2)),
  B_DIAG: many(bDiag),
  B_PROT: many(bProt),
  ONK_USL: many(onkUsl),
});

export const ksgKpg = group({
  N_KSG: opt(T(20)),
  VER_KSG: N(4),
  KSG_PG: N(1),
  N_KPG: opt(T(4)),
  KOEF_Z: N(7, 5),
  KOEF_UP: N(7, 5),
  BZTSZ: N(8, 2),
  KOEF_D: N(7, 5),
  KOEF_U: N(7, 5),
  CRIT: many(T(10)),
  SL_K: N(1),
  IT_SL: opt(N(6, 5)),
  SL_KOEF: many(group({ IDSL: N(4), Z_SL: N(6, 5) })),
});

/** Prescriptions after dispensarisation (D-files). */
export const naz = group({
  NAZ_N: N(2),
  NAZ_R: N(2),
  NAZ_SP: opt(N(4)),
  NAZ_V: opt(N(1)),
  NAZ_USL: opt(T(15)),
  NAPR_DATE: opt(D()),
  NAPR_MO: opt(T(6)),
  NAZ_PMP: opt(N(3)),
  NAZ_PK: opt(N(3)),
});

export const usl = group({
  IDSERV: T(36),
  LPU: T(6),
  LPU_1: opt(T(8)),
  PODR: opt(N(8)),
  PROFIL: N(3),
  VID_VME: opt(T(15)),
  DET: N(1),
  DATE_IN: D(),
  DATE_OUT: D(),
  DS: opt(T(10)),
  CODE_USL: T(20),
  KOL_USL: N(8, 2),
  TARIF: opt(N(15, 2)),
  SUMV_USL: N(15, 2),
  MED_DEV: many(group({ DATE_MED: D(), CODE_MEDDEV: N(10), NUMBER_SER: T(100) })),
  MR_USL_N: many(group({ MR_N: N(3), PRVS: N(4), CODE_MD: T(25) })),
  PRVS: opt(N(4)),
  CODE_MD: opt(T(25)),
  NPL: opt(N(1)),
  P_OTK: opt(N(1)),
  COMENTU: opt(T(250)),
});

export const sl = group({
  SL_ID: T(36),
  VID_HMP: opt(T(12)),
  METOD_HMP: opt(N(4)),
  LPU_1: opt(T(8)),
  PODR: opt(N(8)),
  PROFIL: N(3),
  PROFIL_K: opt(N(3)),
  DET: N(1),
  P_CEL: opt(T(3)),
  TAL_D: opt(D()),
  TAL_NUM: opt(T(20)),
  TAL_P: opt(D()),
  NHISTORY: T(50),
  P_PER: opt(N(1)),
  DATE_1: D(),
  DATE_2: D(),
  KD: opt(N(3)),
  WEI: opt(N(5, 1)),
  DS0: opt(T(10)),
  DS1: T(10),
  DS1_PR: opt(N(1)),
  DS2: many(T(10)),
  DS2_N: many(group({ DS2: T(10), DS2_PR: opt(N(1)), PR_DS2_N: N(1) })),
  DS3: many(T(10)),
  C_ZAB: opt(N(1)),
  DS_ONK: N(1),
  DN: opt(N(1)),
  PR_D_N: opt(N(1)),
  CODE_MES1: many(T(20)),
  CODE_MES2: opt(T(20)),
  NAPR: many(napr),
  CONS: many(cons),
  ONK_SL: opt(onkSl),
  KSG_KPG: opt(ksgKpg),
  NAZ: many(naz),
  REAB: opt(N(1)),
  PRVS: N(4),
  VERS_SPEC: T(4),
  IDDOKT: T(25),
  ED_COL: opt(N(7, 2)),
  TARIF: opt(N(15, 2)),
  SUM_M: N(15, 2),
  USL: many(usl),
  COMENTSL: opt(T(250)),
});

export const sank = group({
  S_CODE: T(36),
  S_SUM: N(15, 2),
  S_TIP: N(2),
  SL_ID: many(T(36)),
  S_OSN: opt(N(3)),
  DATE_ACT: D(),
  NUM_ACT: T(30),
  CODE_EXP: many(T(8)),
  S_COM: opt(T(250)),
  S_IST: N(1),
});

export const zSl = group({
  IDCASE: N(11),
  USL_OK: N(2),
  VIDPOM: N(4),
  FOR_POM: N(1),
  NPR_MO: opt(T(6)),
  NPR_DATE: opt(D()),
  LPU: T(6),
  VBR: opt(N(1)),
  DATE_Z_1: D(),
  DATE_Z_2: D(),
  P_OTK: opt(N(1)),
  KD_Z: opt(N(3)),
  VNOV_M: many(N(4)),
  RSLT: opt(N(3)),
  RSLT_D: opt(N(3)),
  ISHOD: opt(N(3)),
  OS_SLUCH: many(N(1)),
  VB_P: opt(N(1)),
  SL: some(sl),
  IDSP: N(2),
  SUMV: N(15, 2),
  OPLATA: opt(N(1)),
  SUMP: opt(N(15, 2)),
  SANK: many(sank),
  SANK_IT: opt(N(15, 2)),
});

/** One record of the main file: the patient and the whole case (законченный случай). */
export const zap = group({
  N_ZAP: N(8),
  PR_NOV: N(1),
  PACIENT: pacient,
  Z_SL: zSl,
});

export const persHeader = group({
  VERSION: T(5),
  DATA: D(),
  FILENAME: T(26),
  FILENAME1: T(26),
});

/** One record of the personal-data file (L-file). */
export const pers = group({
  ID_PAC: T(36),
  FAM: opt(T(40)),
  IM: opt(T(40)),
  OT: opt(T(40)),
  W: N(1),
  DR: D(),
  DOST: many(N(1)),
  TEL: opt(T(10)),
  FAM_P: opt(T(40)),
  IM_P: opt(T(40)),
  OT_P: opt(T(40)),
  W_P: opt(N(1)),
  DR_P: opt(D()),
  DOST_P: many(N(1)),
  MR: opt(T(100)),
  DOCTYPE: opt(N(2)),
  DOCSER: opt(T(10)),
  DOCNUM: opt(T(20)),
  DOCDATE: opt(D()),
  DOCORG: opt(T(1000)),
  SNILS: opt(T(14)),
  OKATOG: opt(T(11)),
  OKATOP: opt(T(11)),
  COMENTP: opt(T(250)),
});

export type ZlHeader = RecordOf<typeof zlHeader>;
export type Schet = RecordOf<typeof schet>;
export type Zap = RecordOf<typeof zap>;
export type ZSl = RecordOf<typeof zSl>;
export type Sl = RecordOf<typeof sl>;
export type Usl = RecordOf<typeof usl>;
export type OnkSl = RecordOf<typeof onkSl>;
export type OnkUsl = RecordOf<typeof onkUsl>;
export type Napr = RecordOf<typeof napr>;
export type Cons = RecordOf<typeof cons>;
export type PersHeader = RecordOf<typeof persHeader>;
export type Pers = RecordOf<typeof pers>;
