import type { StageTable } from '../../platform/bulk/staging';
import type { CopyValue } from '../../platform/db/copy';
import { caseRest } from '../domain/case-rest';
import type { RegistryFinding } from '../domain/findings';
import { isZno } from '../domain/onco-diagnosis';
import type { Pers, Sl, Zap } from '../domain/registry-tags';

/**
 * What one record of a package becomes in the staging tables of migration 029 (COPY rows, values in the
 * columns' order): a case (ZAP) — its row, its SL with the onco block's fields, its USL — a person of the L-file,
 * and the findings of either. Numbers stay the text the reader checked; PostgreSQL casts them on COPY.
 */

export const stageTables = {
  cases: {
    table: 'registry.stage_case',
    // biome-ignore format: the columns read better in rows
    columns: [
      'import_id', 'ordinal', 'ok', 'n_zap', 'pr_nov', 'idcase', 'id_pac', 'vpolis', 'npolis', 'enp', 'usl_ok', 'vidpom', 'for_pom', 'npr_mo', 'npr_date', 'lpu', 'date_z_1', 'date_z_2', 'rslt', 'rslt_d',
      'ishod', 'idsp', 'sumv', 'onco', 'zcase_id', 'novor',
      // The register's answer (`stagedCaseRow`): last, so the row waits for it as text without them.
      'person_id', 'smo_code', 'merged',
    ],
  },
  /** What of an accepted case no column holds (`caseRest`, JSON), apart from its keys (migrations 035, 040). */
  caseData: { table: 'registry.stage_case_data', columns: ['import_id', 'ordinal', 'data'] },
  sl: {
    table: 'registry.stage_sl',
    // biome-ignore format: the columns read better in rows
    columns: [
      'import_id', 'ordinal', 'seq', 'sl_id', 'lpu_1', 'podr', 'profil', 'profil_k', 'det', 'p_cel', 'nhistory',
      'date_1', 'date_2', 'ds0', 'ds1', 'ds2', 'ds3', 'c_zab', 'ds_onk', 'dn', 'reab', 'prvs', 'iddokt', 'sum_m',
      'onco', 'ds1_t', 'stad', 'onk_t', 'onk_n', 'onk_m', 'mtstz', 'sod', 'k_fr', 'wei', 'hei', 'bsa', 'napr',
      'cons', 'b_diag', 'b_prot', 'onk_usl', 'usl_tips', 'regnums', 'prots', 'pr_cons', 'treatment_date',
      'sl_ref', 'no_scheme', 'zcase_id',
      // Its case's answer (`stagedCaseRow.answerOfChild`).
      'person_id', 'merged',
    ],
  },
  services: {
    table: 'registry.stage_usl',
    // biome-ignore format: the columns read better in rows
    columns: [
      'import_id', 'ordinal', 'sl_seq', 'seq', 'idserv', 'lpu', 'profil', 'vid_vme', 'det', 'date_in', 'date_out',
      'ds', 'code_usl', 'kol_usl', 'sumv_usl', 'prvs', 'code_md', 'sl_ref',
      // Its case's answer (`stagedCaseRow.answerOfChild`).
      'person_id', 'merged',
    ],
  },
  persons: {
    table: 'registry.stage_person',
    // biome-ignore format: the columns read better in rows
    columns: [
      'import_id', 'ordinal', 'ok', 'id_pac', 'fam', 'im', 'ot', 'w', 'dr', 'snils', 'doc_type', 'doc_ser',
      'doc_num', 'has_doc_date', 'has_doc_org',
    ],
  },
  findings: {
    table: 'registry.stage_finding',
    // biome-ignore format: the columns read better in rows
    columns: [
      'import_id', 'file', 'ordinal', 'seq', 'severity', 'code', 'rule', 'bas_el', 'field', 'value', 'message',
      'n_zap', 'idcase', 'sl_id', 'idserv', 'id_pac',
    ],
  },
} satisfies Record<string, StageTable>;

export type StageKey = keyof typeof stageTables;
type Add = (key: StageKey, ...rows: CopyValue[][]) => void;

/** A PostgreSQL array literal of text values (COPY text format; the COPY layer escapes backslashes). */
export function pgTextArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const uniqueNumbers = (values: Iterable<string | undefined>) => {
  const set = new Set<string>();
  for (const v of values) if (v !== undefined && v !== '') set.add(v);
  return pgTextArray([...set]);
};

/** The ЕНП of a case: NPOLIS of a single policy (VPOLIS 3) or the ENP tag; 16 digits or none. */
export function caseEnp(zap: Zap): string | null {
  const p = zap.PACIENT;
  const enp = p.ENP ?? (p.VPOLIS === '3' ? p.NPOLIS : undefined);
  return enp !== undefined && /^\d{16}$/.test(enp) ? enp : null;
}

/** An SL belongs to the onco register: suspicion (DS_ONK=1), a ЗНО diagnosis, or an onco block. */
export function isOncoSl(sl: Sl): boolean {
  return sl.DS_ONK === '1' || isZno(sl.DS1) || sl.ONK_SL !== undefined;
}

/** The first day of treatment an SL shows: its earliest drug day, else its first day, when it has a treatment. */
export function treatmentDate(sl: Sl): string | null {
  const services = sl.ONK_SL?.ONK_USL ?? [];
  const treated = services.some((u) => u.USL_TIP >= '1' && u.USL_TIP <= '4' && u.USL_TIP.length === 1);
  if (!treated) return null;
  let first: string | null = null;
  for (const u of services) {
    for (const drug of u.LEK_PR)
      for (const day of drug.DATE_INJ) if (first === null || day < first) first = day;
  }
  return first !== null && first >= sl.DATE_1 ? first : sl.DATE_1;
}

/**
 * Ids drawn from the tables' identity sequences for an accepted case and its SL (`IdPool`): the merge inserts
 * them as they are, so SL and USL find their parents on the staging side.
 */
export interface CaseIds {
  zcase: number;
  /** The ids of the case's SL, in their order. */
  sl: readonly number[];
}

export function stageCase(
  add: Add,
  importId: number,
  ordinal: number,
  zap: Zap,
  ok: boolean,
  ids: CaseIds | null,
): void {
  const p = zap.PACIENT;
  const z = zap.Z_SL;
  const onco = z.SL.some(isOncoSl);
  add('cases', [
    importId,
    ordinal,
    ok,
    zap.N_ZAP,
    zap.PR_NOV,
    z.IDCASE,
    p.ID_PAC,
    p.VPOLIS,
    p.NPOLIS,
    caseEnp(zap),
    z.USL_OK,
    z.VIDPOM,
    z.FOR_POM,
    z.NPR_MO ?? null,
    z.NPR_DATE ?? null,
    z.LPU,
    z.DATE_Z_1,
    z.DATE_Z_2,
    z.RSLT ?? null,
    z.RSLT_D ?? null,
    z.ISHOD ?? null,
    z.IDSP,
    z.SUMV,
    onco,
    ok && ids ? ids.zcase : null,
    p.NOVOR,
    null,
    p.SMO ?? null,
    false,
  ]);
  if (!ok || !ids) return;
  add('caseData', [importId, ordinal, JSON.stringify(caseRest(zap))]);
  z.SL.forEach((sl, i) => {
    const seq = i + 1;
    const o = sl.ONK_SL;
    const usl = o?.ONK_USL ?? [];
    add('sl', [
      importId,
      ordinal,
      seq,
      sl.SL_ID,
      sl.LPU_1 ?? null,
      sl.PODR ?? null,
      sl.PROFIL,
      sl.PROFIL_K ?? null,
      sl.DET,
      sl.P_CEL ?? null,
      sl.NHISTORY,
      sl.DATE_1,
      sl.DATE_2,
      sl.DS0 ?? null,
      sl.DS1,
      pgTextArray(sl.DS2),
      pgTextArray(sl.DS3),
      sl.C_ZAB ?? null,
      sl.DS_ONK,
      sl.DN ?? null,
      sl.REAB ?? null,
      sl.PRVS,
      sl.IDDOKT,
      sl.SUM_M,
      isOncoSl(sl),
      o?.DS1_T ?? null,
      o?.STAD ?? null,
      o?.ONK_T ?? null,
      o?.ONK_N ?? null,
      o?.ONK_M ?? null,
      o?.MTSTZ ?? null,
      o?.SOD ?? null,
      o?.K_FR ?? null,
      o?.WEI ?? null,
      o?.HEI ?? null,
      o?.BSA ?? null,
      JSON.stringify(sl.NAPR),
      JSON.stringify(sl.CONS),
      JSON.stringify(o?.B_DIAG ?? []),
      JSON.stringify(o?.B_PROT ?? []),
      JSON.stringify(usl),
      uniqueNumbers(usl.map((u) => u.USL_TIP)),
      uniqueNumbers(usl.flatMap((u) => u.LEK_PR.map((d) => d.REGNUM))),
      uniqueNumbers((o?.B_PROT ?? []).map((b) => b.PROT)),
      uniqueNumbers(sl.CONS.map((c) => c.PR_CONS)),
      treatmentDate(sl),
      ids.sl[i],
      usl.some((u) => u.LEK_PR.some((d) => d.CODE_SH === 'нет')),
      ids.zcase,
      null,
      false,
    ]);
    sl.USL.forEach((u, j) => {
      add('services', [
        importId,
        ordinal,
        seq,
        j + 1,
        u.IDSERV,
        u.LPU,
        u.PROFIL,
        u.VID_VME ?? null,
        u.DET,
        u.DATE_IN,
        u.DATE_OUT,
        u.DS ?? null,
        u.CODE_USL,
        u.KOL_USL,
        u.SUMV_USL,
        u.PRVS ?? null,
        u.CODE_MD ?? null,
        ids.sl[i],
        null,
        false,
      ]);
    });
  });
}

const caseColumn = (name: string) => stageTables.cases.columns.indexOf(name);
const at = {
  ok: caseColumn('ok'),
  idcase: caseColumn('idcase'),
  enp: caseColumn('enp'),
  smo: caseColumn('smo_code'),
  dateZ2: caseColumn('date_z_2'),
};

/**
 * A staged case row (`stageCase`'s `cases` row) as the batch merge sees it (migration 038): what the register is
 * asked about it, and its last `answered` columns — person_id, smo_code, merged — which the answer fills.
 */
export const stagedCaseRow = {
  answered: stageTables.cases.columns.length - caseColumn('person_id'),
  /** The last columns of a staged SL or service that its case's answer fills: person_id, merged. */
  childAnswered: 2,
  /** Those columns' values for the answer of its case. */
  answerOfChild(person: string | null, merged: boolean): CopyValue[] {
    return [person, merged];
  },
  /** ЕНП, last day and IDCASE of an accepted case the register could take at once; null for any other. */
  question(row: readonly CopyValue[]): { enp: string; dateZ2: string; idcase: string } | null {
    const [ok, enp, idcase] = [row[at.ok], row[at.enp], row[at.idcase]];
    if (ok !== true || typeof enp !== 'string' || typeof idcase !== 'string') return null;
    // A copy of the ЕНП, not a slice of the parser's text (which a slice keeps alive while the batch waits).
    return { enp: Buffer.from(enp, 'latin1').toString('latin1'), dateZ2: row[at.dateZ2] as string, idcase };
  },
  idcase(row: readonly CopyValue[]): string | null {
    const idcase = row[at.idcase];
    return typeof idcase === 'string' ? idcase : null;
  },
  /** The СМО the case names (PACIENT/SMO). */
  smo(row: readonly CopyValue[]): string | null {
    return (row[at.smo] as string | null) ?? null;
  },
};

/** A person of the L-file; `ok` false when its findings hold an error (its cases are then rejected). */
export function stagePerson(add: Add, importId: number, ordinal: number, pers: Pers, ok: boolean): void {
  const snils = pers.SNILS !== undefined && /^\d{3}-\d{3}-\d{3} \d{2}$/.test(pers.SNILS) ? pers.SNILS : null;
  add('persons', [
    importId,
    ordinal,
    ok,
    pers.ID_PAC,
    pers.FAM ?? null,
    pers.IM ?? null,
    pers.OT ?? null,
    pers.W,
    pers.DR,
    snils,
    pers.DOCTYPE ?? null,
    pers.DOCSER ?? null,
    pers.DOCNUM ?? null,
    pers.DOCDATE !== undefined,
    pers.DOCORG !== undefined,
  ]);
}

export function stageFindings(
  add: Add,
  importId: number,
  ordinal: number,
  findings: readonly RegistryFinding[],
): void {
  findings.forEach((f, i) => {
    add('findings', [
      importId,
      f.file,
      ordinal,
      i + 1,
      f.severity,
      f.code,
      f.rule,
      f.basEl ?? null,
      f.field ?? null,
      f.value ?? null,
      f.message,
      f.nZap ?? null,
      f.idcase ?? null,
      f.slId ?? null,
      f.idserv ?? null,
      f.idPac ?? null,
    ]);
  });
}
