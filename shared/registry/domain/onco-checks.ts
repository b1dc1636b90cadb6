import { type FindingSink, is, isMo, known, type Prepared } from './check-context';
import { isZno } from './onco-diagnosis';
import type { OnkSl, OnkUsl, Sl, ZSl } from './registry-tags';

/**
 * The onco rules of a treatment (DOMAIN §3.3, §5.3 — Saratov 001F.00.0380–0571): when the onco block is due,
 * referrals at suspicion (NAPR), the consilium (CONS), and the onco treatment (ONK_SL) with its diagnostics
 * (B_DIAG), contraindications (B_PROT), services (ONK_USL) and drugs (LEK_PR); codes valid on the date they
 * describe, and the relationship directories (stage and TNM per diagnosis N002–N006, histology and markers
 * N007–N012, drugs of a scheme N021).
 */

/** A concomitant diagnosis that makes neutropenia (D70) an onco case: C00–C80 or C97. */
function isConcomitantZno(ds: string): boolean {
  if (ds.length < 3 || ds.charCodeAt(0) !== 67 /* C */) return false;
  const tens = ds.charCodeAt(1) - 48;
  const units = ds.charCodeAt(2) - 48;
  if (tens < 0 || tens > 9 || units < 0 || units > 9) return false;
  const n = tens * 10 + units;
  return n <= 80 || n === 97;
}

/** The main diagnosis is ЗНО (C00–C97, D00–D09), or neutropenia (D70) with a concomitant C00–C80 or C97. */
export function isOncoDiagnosis(sl: Sl): boolean {
  const ds = sl.DS1;
  if (isZno(ds)) return true;
  if (!ds.startsWith('D70')) return false;
  for (let i = 0; i < sl.DS2.length; i++) if (isConcomitantZno(sl.DS2[i]!)) return true;
  return false;
}

/**
 * The onco block is due: an onco diagnosis (`isOncoDiagnosis`), and not emergency care (USL_OK=4), not
 * rehabilitation (REAB=1), not a mere suspicion (DS_ONK=1).
 */
export function oncoBlockDue(z: ZSl, sl: Sl): boolean {
  return isOncoDiagnosis(sl) && !is(z.USL_OK, '4') && !is(sl.REAB, '1') && !is(sl.DS_ONK, '1');
}

const isDrugTherapy = (tip: string) => is(tip, '2') || is(tip, '4');
const isRadiotherapy = (tip: string) => is(tip, '3') || is(tip, '4');

/** The onco rules of one SL. `adult`: 18 or older on DATE_1 (undefined when the birth date is not known). */
export function checkOnco(p: Prepared, sink: FindingSink, z: ZSl, sl: Sl, adult: boolean | undefined): void {
  const due = oncoBlockDue(z, sl);
  const onk = sl.ONK_SL;
  if (onk === undefined) {
    if (due) sink.add('REG.ONK_SL.REQUIRED', 'SL', 'ONK_SL');
  } else if (!due) sink.add('REG.ONK_SL.EXTRA', 'SL', 'ONK_SL');
  if (due && sl.CONS.length === 0) sink.add('REG.CONS.REQUIRED', 'SL', 'CONS');
  if (sl.NAPR.length > 0) referralChecks(p, sink, sl);
  if (sl.CONS.length > 0) consiliumChecks(p, sink, sl);
  if (onk !== undefined) oncoTreatmentChecks(p, sink, sl, onk, adult);
}

function referralChecks(p: Prepared, sink: FindingSink, sl: Sl): void {
  if (!is(sl.DS_ONK, '1')) sink.add('REG.NAPR.DS_ONK', 'SL', 'NAPR');
  for (let i = 0; i < sl.NAPR.length; i++) {
    const n = sl.NAPR[i]!;
    const on = n.NAPR_DATE;
    if (!known(p.t.V028, n.NAPR_V, on)) sink.add('REG.NSI.V028', 'NAPR', 'NAPR_V', n.NAPR_V);
    if (n.MET_ISSL === undefined) {
      if (is(n.NAPR_V, '3')) sink.add('REG.NAPR.MET_ISSL.REQUIRED', 'NAPR', 'MET_ISSL');
    } else {
      if (!known(p.t.V029, n.MET_ISSL, on)) sink.add('REG.NSI.V029', 'NAPR', 'MET_ISSL', n.MET_ISSL);
      if (n.NAPR_USL === undefined) sink.add('REG.NAPR.NAPR_USL.REQUIRED', 'NAPR', 'NAPR_USL');
    }
    if (n.NAPR_MO !== undefined && !isMo(p, n.NAPR_MO))
      sink.add('REG.MO.UNKNOWN', 'NAPR', 'NAPR_MO', n.NAPR_MO);
    if (on < sl.DATE_1 || on > sl.DATE_2) sink.add('REG.NAPR.DATE', 'NAPR', 'NAPR_DATE', on);
  }
}

function consiliumChecks(p: Prepared, sink: FindingSink, sl: Sl): void {
  for (let i = 0; i < sl.CONS.length; i++) {
    const c = sl.CONS[i]!;
    if (!known(p.t.N019, c.PR_CONS, c.DT_CONS ?? sl.DATE_2))
      sink.add('REG.NSI.N019', 'CONS', 'PR_CONS', c.PR_CONS);
    if (c.DT_CONS === undefined) {
      if (is(c.PR_CONS, '1') || is(c.PR_CONS, '2') || is(c.PR_CONS, '3'))
        sink.add('REG.CONS.DT_CONS.REQUIRED', 'CONS', 'DT_CONS');
    } else if (c.DT_CONS > sl.DATE_2) sink.add('REG.CONS.DATE', 'CONS', 'DT_CONS', c.DT_CONS);
  }
}

const tnmFields = [
  { tag: 'ONK_T', directory: 'N003', rule: 'REG.NSI.N003' },
  { tag: 'ONK_N', directory: 'N004', rule: 'REG.NSI.N004' },
  { tag: 'ONK_M', directory: 'N005', rule: 'REG.NSI.N005' },
] as const;

function oncoTreatmentChecks(
  p: Prepared,
  sink: FindingSink,
  sl: Sl,
  onk: OnkSl,
  adult: boolean | undefined,
): void {
  const on = sl.DATE_2;
  const ds = sl.DS1;
  const t = p.t;
  const reason = onk.DS1_T;
  if (!known(t.N018, reason, on)) sink.add('REG.NSI.N018', 'ONK_SL', 'DS1_T', reason);

  // The stage: due for DS1_T 0–4, of N002, of the main diagnosis.
  let stageFits = false;
  if (onk.STAD === undefined) {
    if (is(reason, '0') || is(reason, '1') || is(reason, '2') || is(reason, '3') || is(reason, '4'))
      sink.add('REG.ONK_SL.STAD.REQUIRED', 'ONK_SL', 'STAD');
  } else if (!known(t.N002, onk.STAD, on)) sink.add('REG.NSI.N002', 'ONK_SL', 'STAD', onk.STAD);
  else if (t.N002 !== undefined) {
    stageFits = p.book.stagingFit('N002', onk.STAD, ds, on) !== 'other';
    if (!stageFits) sink.add('REG.ONK_SL.STAD.DS', 'ONK_SL', 'STAD', onk.STAD);
  }

  // TNM: due for the first treatment of an adult, of N003–N005, of the main diagnosis, a group of N006.
  let tnmFits = true;
  for (let i = 0; i < tnmFields.length; i++) {
    const { tag, directory, rule } = tnmFields[i]!;
    const value = onk[tag];
    if (value === undefined) {
      tnmFits = false;
      if (adult === true && is(reason, '0')) sink.add('REG.ONK_SL.TNM.REQUIRED', 'ONK_SL', tag);
    } else if (!known(t[directory], value, on)) {
      tnmFits = false;
      sink.add(rule, 'ONK_SL', tag, value);
    } else if (t[directory] !== undefined && p.book.stagingFit(directory, value, ds, on) === 'other') {
      tnmFits = false;
      sink.add('REG.ONK_SL.TNM.DS', 'ONK_SL', tag, value);
    }
  }
  if (
    stageFits &&
    tnmFits &&
    t.N006 !== undefined &&
    p.book.tnmFit(ds, onk.STAD!, onk.ONK_T!, onk.ONK_N!, onk.ONK_M!, on) === 'other'
  ) {
    sink.add('REG.ONK_SL.TNM.N006', 'ONK_SL', 'STAD', `${onk.STAD} ${onk.ONK_T} ${onk.ONK_N} ${onk.ONK_M}`);
  }

  // Distant metastases are marked (1) only at a relapse or progression.
  if (onk.MTSTZ !== undefined && (!is(onk.MTSTZ, '1') || !(is(reason, '1') || is(reason, '2'))))
    sink.add('REG.ONK_SL.MTSTZ', 'ONK_SL', 'MTSTZ', onk.MTSTZ);

  let radiation = false;
  let drugs = false;
  for (let i = 0; i < onk.ONK_USL.length; i++) {
    const tip = onk.ONK_USL[i]!.USL_TIP;
    if (isRadiotherapy(tip)) radiation = true;
    if (isDrugTherapy(tip)) drugs = true;
  }
  if (radiation) {
    if (onk.SOD === undefined) sink.add('REG.ONK_SL.SOD.REQUIRED', 'ONK_SL', 'SOD');
    if (onk.K_FR === undefined) sink.add('REG.ONK_SL.K_FR.REQUIRED', 'ONK_SL', 'K_FR');
  }
  if (drugs) {
    if (onk.WEI === undefined) sink.add('REG.ONK_SL.BODY.REQUIRED', 'ONK_SL', 'WEI');
    if (onk.HEI === undefined) sink.add('REG.ONK_SL.BODY.REQUIRED', 'ONK_SL', 'HEI');
    if (onk.BSA === undefined) sink.add('REG.ONK_SL.BODY.REQUIRED', 'ONK_SL', 'BSA');
  }

  diagnosticsChecks(p, sink, sl, onk);
  for (let i = 0; i < onk.B_PROT.length; i++) {
    const b = onk.B_PROT[i]!;
    if (!known(t.N001, b.PROT, b.D_PROT)) sink.add('REG.NSI.N001', 'B_PROT', 'PROT', b.PROT);
    if (b.D_PROT > on) sink.add('REG.B_PROT.DATE', 'B_PROT', 'D_PROT', b.D_PROT);
  }
  for (let i = 0; i < onk.ONK_USL.length; i++) oncoServiceChecks(p, sink, sl, onk.ONK_USL[i]!, adult);
}

/** B_DIAG: histology (N007/N008, N009) or markers (N010/N011, N012), the result when it was received. */
function diagnosticsChecks(p: Prepared, sink: FindingSink, sl: Sl, onk: OnkSl): void {
  const t = p.t;
  for (let i = 0; i < onk.B_DIAG.length; i++) {
    const b = onk.B_DIAG[i]!;
    const on = b.DIAG_DATE;
    if (on > sl.DATE_2) sink.add('REG.B_DIAG.DATE', 'B_DIAG', 'DIAG_DATE', on);
    if (b.DIAG_RSLT === undefined && is(b.REC_RSLT, '1'))
      sink.add('REG.B_DIAG.DIAG_RSLT.REQUIRED', 'B_DIAG', 'DIAG_RSLT');
    const histology = is(b.DIAG_TIP, '1');
    if (!histology && !is(b.DIAG_TIP, '2')) {
      sink.add('REG.B_DIAG.DIAG_TIP', 'B_DIAG', 'DIAG_TIP', b.DIAG_TIP);
      continue;
    }
    const codes = histology ? t.N007 : t.N010;
    const results = histology ? t.N008 : t.N011;
    const codeKnown = known(codes, b.DIAG_CODE, on);
    if (!codeKnown) {
      sink.add(histology ? 'REG.NSI.N007' : 'REG.NSI.N010', 'B_DIAG', 'DIAG_CODE', b.DIAG_CODE);
    } else if (codes !== undefined && p.book.has(histology ? 'N009' : 'N012')) {
      const fit = histology
        ? p.book.histologyFit(sl.DS1, b.DIAG_CODE, on)
        : p.book.markerFit(sl.DS1, b.DIAG_CODE, on);
      if (fit !== 'fits') sink.add('REG.B_DIAG.DS', 'B_DIAG', 'DIAG_CODE', b.DIAG_CODE);
    }
    if (b.DIAG_RSLT !== undefined) {
      if (!known(results, b.DIAG_RSLT, on)) {
        sink.add(histology ? 'REG.NSI.N008' : 'REG.NSI.N011', 'B_DIAG', 'DIAG_RSLT', b.DIAG_RSLT);
      } else if (results !== undefined && codeKnown) {
        const of = results.attr(b.DIAG_RSLT, on, histology ? 'ID_Mrf' : 'ID_Igh');
        if (of !== undefined && !is(b.DIAG_CODE, of) && of !== b.DIAG_CODE)
          sink.add('REG.B_DIAG.RSLT.CODE', 'B_DIAG', 'DIAG_RSLT', b.DIAG_RSLT);
      }
    }
  }
}

/** ONK_USL: the service type and the fields each type requires or forbids; its drugs. */
function oncoServiceChecks(
  p: Prepared,
  sink: FindingSink,
  sl: Sl,
  u: OnkUsl,
  adult: boolean | undefined,
): void {
  const t = p.t;
  const on = sl.DATE_2;
  const tip = u.USL_TIP;
  if (!known(t.N013, tip, on)) sink.add('REG.NSI.N013', 'ONK_USL', 'USL_TIP', tip);

  if (is(tip, '1')) {
    if (u.HIR_TIP === undefined) sink.add('REG.ONK_USL.HIR_TIP.REQUIRED', 'ONK_USL', 'HIR_TIP');
    else if (!known(t.N014, u.HIR_TIP, on)) sink.add('REG.NSI.N014', 'ONK_USL', 'HIR_TIP', u.HIR_TIP);
  } else if (u.HIR_TIP !== undefined) sink.add('REG.ONK_USL.HIR_TIP.EXTRA', 'ONK_USL', 'HIR_TIP', u.HIR_TIP);

  if (is(tip, '2')) {
    if (u.LEK_TIP_L === undefined) sink.add('REG.ONK_USL.LEK_TIP.REQUIRED', 'ONK_USL', 'LEK_TIP_L');
    else if (!known(t.N015, u.LEK_TIP_L, on)) sink.add('REG.NSI.N015', 'ONK_USL', 'LEK_TIP_L', u.LEK_TIP_L);
    if (u.LEK_TIP_V === undefined) sink.add('REG.ONK_USL.LEK_TIP.REQUIRED', 'ONK_USL', 'LEK_TIP_V');
    else if (!known(t.N016, u.LEK_TIP_V, on)) sink.add('REG.NSI.N016', 'ONK_USL', 'LEK_TIP_V', u.LEK_TIP_V);
  } else {
    if (u.LEK_TIP_L !== undefined) sink.add('REG.ONK_USL.LEK_TIP.EXTRA', 'ONK_USL', 'LEK_TIP_L', u.LEK_TIP_L);
    if (u.LEK_TIP_V !== undefined) sink.add('REG.ONK_USL.LEK_TIP.EXTRA', 'ONK_USL', 'LEK_TIP_V', u.LEK_TIP_V);
  }

  if (isRadiotherapy(tip)) {
    if (u.LUCH_TIP === undefined) sink.add('REG.ONK_USL.LUCH_TIP.REQUIRED', 'ONK_USL', 'LUCH_TIP');
    else if (!known(t.N017, u.LUCH_TIP, on)) sink.add('REG.NSI.N017', 'ONK_USL', 'LUCH_TIP', u.LUCH_TIP);
  } else if (u.LUCH_TIP !== undefined)
    sink.add('REG.ONK_USL.LUCH_TIP.EXTRA', 'ONK_USL', 'LUCH_TIP', u.LUCH_TIP);

  if (isDrugTherapy(tip)) {
    if (u.LEK_PR.length === 0) sink.add('REG.ONK_USL.LEK_PR.REQUIRED', 'ONK_USL', 'LEK_PR');
  } else if (u.LEK_PR.length > 0) sink.add('REG.ONK_USL.LEK_PR.EXTRA', 'ONK_USL', 'LEK_PR');

  for (let i = 0; i < u.LEK_PR.length; i++) {
    const d = u.LEK_PR[i]!;
    const given = d.DATE_INJ[0] ?? on;
    const drugKnown = known(t.N020, d.REGNUM, given);
    if (!drugKnown) sink.add('REG.NSI.N020', 'LEK_PR', 'REGNUM', d.REGNUM);
    // Children's drug therapy has no scheme: «нет» (not for a patient known to be an adult).
    const noScheme = d.CODE_SH === 'нет' && adult !== true;
    if (!noScheme) {
      if (!known(t.V024, d.CODE_SH, given)) sink.add('REG.NSI.V024', 'LEK_PR', 'CODE_SH', d.CODE_SH);
      else if (drugKnown && p.book.drugFit(d.CODE_SH, d.REGNUM, given) === 'other')
        sink.add('REG.LEK_PR.N021', 'LEK_PR', 'REGNUM', d.REGNUM);
    }
    for (let j = 0; j < d.DATE_INJ.length; j++) {
      const day = d.DATE_INJ[j]!;
      if (day < sl.DATE_1 || day > sl.DATE_2) sink.add('REG.LEK_PR.DATE_INJ', 'LEK_PR', 'DATE_INJ', day);
    }
  }
}
