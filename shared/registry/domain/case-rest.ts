import type { GroupNode } from '../../platform/formats/xml-tree-schema';
import {
  type OnkSl,
  onkSl,
  pacient,
  type Sl,
  sl,
  type Usl,
  usl,
  type Zap,
  type ZSl,
  zSl,
} from './registry-tags';

/**
 * What of a case (ZAP) its columns in `registry.zcase`, `registry.sl` and `registry.usl` do not hold: kept as
 * `zcase.data`, so that the tables and `data` together keep every field the МО sent (KSG_KPG, NAZ of D-files,
 * SANK, tariffs, the policy as sent …). `data` has the paths of the whole ZAP — `Z_SL.SL[i].USL[j]` is the
 * case's i-th SL and its j-th service — with the stored fields, absent optional ones and empty repeats left out,
 * so that a reader finds a field at the same place in a case stored whole (imports before migration 040) and in
 * one stored as its rest. Storing the whole ZAP again beside its columns cost 1.3 KB a case: 70 % of `zcase`,
 * 4.7 s of COPY and 2 s of INSERT at 200,000 cases.
 */
export function caseRest(zap: Zap): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  const patient = restOf(zap.PACIENT, keptInZcase.patient);
  if (patient) rest.PACIENT = patient;
  let zsl = restOf(zap.Z_SL, keptInZcase.zsl);
  const sls = positional(zap.Z_SL.SL.map(slRest));
  if (sls) {
    zsl ??= {};
    zsl.SL = sls;
  }
  if (zsl) rest.Z_SL = zsl;
  return rest;
}

function slRest(item: Sl): Record<string, unknown> | null {
  let rest = restOf(item, keptInSl.sl);
  const onco = item.ONK_SL ? restOf(item.ONK_SL, keptInSl.onco) : null;
  if (onco) {
    rest ??= {};
    rest.ONK_SL = onco;
  }
  const services = positional(item.USL.map((u) => restOf(u, keptInUsl)));
  if (services) {
    rest ??= {};
    rest.USL = services;
  }
  return rest;
}

/** A record's fields of `kept` that carry a value (not absent, not an empty repeat); null if none. */
function restOf<R extends object>(record: R, kept: readonly string[]): Record<string, unknown> | null {
  let rest: Record<string, unknown> | null = null;
  for (const key of kept) {
    const value = (record as Record<string, unknown>)[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    rest ??= {};
    rest[key] = value;
  }
  return rest;
}

/** A repeat's rests in their places (`{}` where an item has none); null when no item has any. */
function positional(items: (Record<string, unknown> | null)[]): Record<string, unknown>[] | null {
  return items.some((item) => item !== null) ? items.map((item) => item ?? {}) : null;
}

/** The tags of `group` but `stored`, in the format's order: a case's rest walks these only (a tenth of the time). */
const keptOf = <R>(of: GroupNode, ...stored: (keyof R & string)[]): readonly string[] =>
  Object.keys(of.children).filter((tag) => !stored.includes(tag as keyof R & string));

/** The fields no column holds (`SL` and `USL` are walked apart). */
const keptInZcase = {
  patient: keptOf<Zap['PACIENT']>(pacient, 'ID_PAC'),
  zsl: keptOf<ZSl>(
    zSl,
    'IDCASE',
    'USL_OK',
    'VIDPOM',
    'FOR_POM',
    'NPR_MO',
    'NPR_DATE',
    'LPU',
    'DATE_Z_1',
    'DATE_Z_2',
    'RSLT',
    'RSLT_D',
    'ISHOD',
    'IDSP',
    'SUMV',
    'SL',
  ),
};

const keptInSl = {
  sl: keptOf<Sl>(
    sl,
    'SL_ID',
    'LPU_1',
    'PODR',
    'PROFIL',
    'PROFIL_K',
    'DET',
    'P_CEL',
    'NHISTORY',
    'DATE_1',
    'DATE_2',
    'DS0',
    'DS1',
    'DS2',
    'DS3',
    'C_ZAB',
    'DS_ONK',
    'DN',
    'REAB',
    'PRVS',
    'IDDOKT',
    'SUM_M',
    'NAPR',
    'CONS',
    'ONK_SL',
    'USL',
  ),
  // Every field of the onco block has its column in `registry.sl`.
  onco: keptOf<OnkSl>(
    onkSl,
    'DS1_T',
    'STAD',
    'ONK_T',
    'ONK_N',
    'ONK_M',
    'MTSTZ',
    'SOD',
    'K_FR',
    'WEI',
    'HEI',
    'BSA',
    'B_DIAG',
    'B_PROT',
    'ONK_USL',
  ),
};

const keptInUsl = keptOf<Usl>(
  usl,
  'IDSERV',
  'LPU',
  'PROFIL',
  'VID_VME',
  'DET',
  'DATE_IN',
  'DATE_OUT',
  'DS',
  'CODE_USL',
  'KOL_USL',
  'SUMV_USL',
  'PRVS',
  'CODE_MD',
);
