import {
  ageOn,
  type CaseCheckContext,
  FindingSink,
  is,
  isMo,
  known,
  type Prepared,
  prepare,
} from './check-context';
import type { RegistryFinding } from './findings';
import { checkOnco, isOncoDiagnosis } from './onco-checks';
import type { Pers, Sl, Usl, Zap, ZSl } from './registry-tags';
import { isEnp, isNovor } from './registry-values';

export type { CaseCheckContext, OrganisationKind, PersonCheckContext } from './check-context';
export { checkPackageHeader } from './header-checks';
export { checkPerson } from './person-checks';

/**
 * The FLK of one case of a registry-invoice main file (`ZAP`: the patient and the whole case, DOMAIN §3.2–3.3,
 * §5.3) after the reader has checked its structure and types: consistency with the invoice (the МО, the
 * reporting month), the order of dates, directory codes valid on the date they describe, the conditional
 * fields of the format's notes and the onco block (onco-checks.ts), keys unique within the case. Pure: the
 * context carries the directories, organisations and rules. The import runs `checkPackageHeader` once,
 * `checkCaseWithPerson` (or `checkCase`) per case, `checkPerson` per PERS and `RegistryKeys` across the files.
 */
export function checkCase(zap: Zap, ctx: CaseCheckContext): RegistryFinding[] {
  return runCase(zap, prepare(ctx), ctx.birthDateOf?.(zap.PACIENT.ID_PAC));
}

/**
 * `checkCase` with the patient's record from the L-file (found by ID_PAC): the rules that need the patient's
 * age or birth date (TNM for adults, a scheme «нет» only for children, a case not before birth) then apply. A
 * patient missing from the L-file (`undefined`) is checked as by `checkCase`; that it is missing is a
 * set-based check of the import (REG.PACIENT.NO_PERS).
 */
export function checkCaseWithPerson(
  zap: Zap,
  person: Pers | undefined,
  ctx: CaseCheckContext,
): RegistryFinding[] {
  if (person === undefined) return checkCase(zap, ctx);
  return runCase(zap, prepare(ctx), person.DR);
}

function caseSink(p: Prepared, zap: Zap): FindingSink {
  const sink = new FindingSink(p.rules, 'case');
  sink.nZap = zap.N_ZAP;
  sink.idcase = zap.Z_SL.IDCASE;
  sink.idPac = zap.PACIENT.ID_PAC;
  return sink;
}

function runCase(zap: Zap, p: Prepared, birthDate: string | undefined): RegistryFinding[] {
  const sink = caseSink(p, zap);
  const z = zap.Z_SL;
  patientChecks(p, sink, zap);
  caseChecks(p, sink, zap, birthDate);
  const sls = z.SL;
  let oncoFile = false;
  for (let i = 0; i < sls.length; i++) {
    const sl = sls[i]!;
    sink.slId = sl.SL_ID;
    for (let j = 0; j < i; j++) {
      if (sls[j]!.SL_ID === sl.SL_ID) {
        sink.add('REG.SL.SL_ID.DUPLICATE', 'SL', 'SL_ID', sl.SL_ID);
        break;
      }
    }
    const adult =
      birthDate === undefined || !is(zap.PACIENT.NOVOR, '0') ? undefined : ageOn(birthDate, sl.DATE_1) >= 18;
    treatmentChecks(p, sink, z, sl);
    if (!p.prevention) checkOnco(p, sink, z, sl, adult);
    if (is(sl.DS_ONK, '1') || isOncoDiagnosis(sl)) oncoFile = true;
    serviceChecks(p, sink, sl);
  }
  sink.slId = undefined;
  if (p.fileKind === 'C' && !oncoFile) {
    sink.slId = sls[0]?.SL_ID;
    sink.add('REG.ZSL.FILE_KIND', 'SL', 'DS1', sls[0]?.DS1);
    sink.slId = undefined;
  }
  duplicateServices(sink, z);
  return sink.out;
}

/** PACIENT: the policy type and number, the СМО, the newborn mark. */
function patientChecks(p: Prepared, sink: FindingSink, zap: Zap): void {
  const pac = zap.PACIENT;
  const onDate = zap.Z_SL.DATE_Z_2;
  if (!known(p.t.F008, pac.VPOLIS, onDate)) sink.add('REG.NSI.F008', 'PACIENT', 'VPOLIS', pac.VPOLIS);
  if (is(pac.VPOLIS, '3') && !isEnp(pac.NPOLIS)) sink.add('REG.PACIENT.ENP', 'PACIENT', 'NPOLIS', pac.NPOLIS);
  if (pac.ENP !== undefined && !isEnp(pac.ENP)) sink.add('REG.PACIENT.ENP', 'PACIENT', 'ENP', pac.ENP);
  if (pac.SMO !== undefined && !isSmo(p, pac.SMO, onDate))
    sink.add('REG.SMO.UNKNOWN', 'PACIENT', 'SMO', pac.SMO);
  if (!isNovor(pac.NOVOR)) sink.add('REG.PACIENT.NOVOR', 'PACIENT', 'NOVOR', pac.NOVOR);
}

/**
 * Whether the code is an СМО: one of the region's organisations, or (an СМО of another region) a record of F002
 * valid on the date. Neither given: nothing to say.
 */
function isSmo(p: Prepared, code: string, onDate: string): boolean {
  const kind = p.organisations.get(code);
  if (kind !== undefined) return kind === 'SMO';
  if (p.t.F002 !== undefined) return p.t.F002.valid(code, onDate);
  return p.organisations.size === 0;
}

/** Z_SL: the МО, dates against each other and the reporting month, codes, the referral, result and outcome. */
function caseChecks(p: Prepared, sink: FindingSink, zap: Zap, birthDate: string | undefined): void {
  const z = zap.Z_SL;
  const end = z.DATE_Z_2;
  if (z.LPU !== p.codeMo) sink.add('REG.LPU', 'Z_SL', 'LPU', z.LPU);
  if (z.DATE_Z_1 > end) sink.add('REG.ZSL.DATES', 'Z_SL', 'DATE_Z_1', z.DATE_Z_1);
  // One finding for DATE_Z_2: after the reporting month, else after today, else (a warning) before the month.
  if (p.periodEnd !== undefined && end > p.periodEnd) sink.add('REG.ZSL.PERIOD', 'Z_SL', 'DATE_Z_2', end);
  else if (end > p.today) sink.add('REG.ZSL.FUTURE', 'Z_SL', 'DATE_Z_2', end);
  else if (p.periodStart !== undefined && end < p.periodStart && !is(zap.PR_NOV, '1'))
    sink.add('REG.ZSL.EARLY', 'Z_SL', 'DATE_Z_2', end);
  if (birthDate !== undefined && z.DATE_Z_1 < birthDate && is(zap.PACIENT.NOVOR, '0'))
    sink.add('REG.ZSL.BIRTH', 'Z_SL', 'DATE_Z_1', z.DATE_Z_1);

  const t = p.t;
  const conditionsKnown = known(t.V006, z.USL_OK, end);
  if (!conditionsKnown) sink.add('REG.NSI.V006', 'Z_SL', 'USL_OK', z.USL_OK);
  if (!known(t.V008, z.VIDPOM, end)) sink.add('REG.NSI.V008', 'Z_SL', 'VIDPOM', z.VIDPOM);
  if (!known(t.V014, z.FOR_POM, end)) sink.add('REG.NSI.V014', 'Z_SL', 'FOR_POM', z.FOR_POM);
  if (!known(t.V010, z.IDSP, end)) sink.add('REG.NSI.V010', 'Z_SL', 'IDSP', z.IDSP);

  if (z.RSLT === undefined) {
    if (!p.prevention) sink.add('REG.ZSL.RSLT.REQUIRED', 'Z_SL', 'RSLT');
  } else if (!known(t.V009, z.RSLT, end)) sink.add('REG.NSI.V009', 'Z_SL', 'RSLT', z.RSLT);
  else if (conditionsKnown && !sameConditions(t.V009?.attr(z.RSLT, end, 'DL_USLOV'), z.USL_OK))
    sink.add('REG.ZSL.RSLT.USL_OK', 'Z_SL', 'RSLT', z.RSLT);
  if (z.ISHOD === undefined) {
    if (!p.prevention) sink.add('REG.ZSL.ISHOD.REQUIRED', 'Z_SL', 'ISHOD');
  } else if (!known(t.V012, z.ISHOD, end)) sink.add('REG.NSI.V012', 'Z_SL', 'ISHOD', z.ISHOD);
  else if (conditionsKnown && !sameConditions(t.V012?.attr(z.ISHOD, end, 'DL_USLOV'), z.USL_OK))
    sink.add('REG.ZSL.ISHOD.USL_OK', 'Z_SL', 'ISHOD', z.ISHOD);
  if (z.RSLT_D === undefined) {
    if (p.prevention) sink.add('REG.ZSL.RSLT_D.REQUIRED', 'Z_SL', 'RSLT_D');
  } else if (!known(t.V017, z.RSLT_D, end)) sink.add('REG.NSI.V017', 'Z_SL', 'RSLT_D', z.RSLT_D);

  // Planned inpatient care and day hospitals come with a referral (DOMAIN §3.2 notes).
  if ((is(z.FOR_POM, '3') && is(z.USL_OK, '1')) || is(z.USL_OK, '2')) {
    if (z.NPR_MO === undefined) sink.add('REG.ZSL.NPR.REQUIRED', 'Z_SL', 'NPR_MO');
    if (z.NPR_DATE === undefined) sink.add('REG.ZSL.NPR.REQUIRED', 'Z_SL', 'NPR_DATE');
  }
  if (z.NPR_MO !== undefined && !isMo(p, z.NPR_MO)) sink.add('REG.MO.UNKNOWN', 'Z_SL', 'NPR_MO', z.NPR_MO);
  if (z.NPR_DATE !== undefined && z.NPR_DATE > z.DATE_Z_1)
    sink.add('REG.ZSL.NPR_DATE', 'Z_SL', 'NPR_DATE', z.NPR_DATE);
}

/** A result or outcome of V009/V012 belongs to the conditions (V006) its DL_USLOV names (none: any). */
function sameConditions(conditions: string | undefined, uslOk: string): boolean {
  return conditions === undefined || is(uslOk, conditions) || conditions === uslOk;
}

/** A subdivision (LPU_1) is coded by its МО's code and its own number. */
function ownSubdivision(p: Prepared, lpu1: string | undefined): boolean {
  return lpu1 === undefined || lpu1.startsWith(p.codeMo);
}

/** SL: the subdivision, dates inside the case, codes on the treatment's end, the conditional fields. */
function treatmentChecks(p: Prepared, sink: FindingSink, z: ZSl, sl: Sl): void {
  const t = p.t;
  const end = sl.DATE_2;
  if (!ownSubdivision(p, sl.LPU_1)) sink.add('REG.LPU_1', 'SL', 'LPU_1', sl.LPU_1);
  if (sl.DATE_1 > end) sink.add('REG.SL.DATES', 'SL', 'DATE_1', sl.DATE_1);
  if (sl.DATE_1 < z.DATE_Z_1) sink.add('REG.SL.IN_CASE', 'SL', 'DATE_1', sl.DATE_1);
  if (end > z.DATE_Z_2) sink.add('REG.SL.IN_CASE', 'SL', 'DATE_2', end);

  if (!known(t.V002, sl.PROFIL, end)) sink.add('REG.NSI.V002', 'SL', 'PROFIL', sl.PROFIL);
  if (sl.PROFIL_K !== undefined && !known(t.V020, sl.PROFIL_K, end))
    sink.add('REG.NSI.V020', 'SL', 'PROFIL_K', sl.PROFIL_K);
  if (!known(t.V021, sl.PRVS, end)) sink.add('REG.NSI.V021', 'SL', 'PRVS', sl.PRVS);
  if (sl.P_CEL !== undefined && !known(t.V025, sl.P_CEL, end))
    sink.add('REG.NSI.V025', 'SL', 'P_CEL', sl.P_CEL);
  if (sl.C_ZAB !== undefined && !known(t.V027, sl.C_ZAB, end))
    sink.add('REG.NSI.V027', 'SL', 'C_ZAB', sl.C_ZAB);

  const mkb = t.MKB10;
  if (sl.DS0 !== undefined && !known(mkb, sl.DS0, end)) sink.add('REG.NSI.MKB', 'SL', 'DS0', sl.DS0);
  if (!known(mkb, sl.DS1, end)) sink.add('REG.NSI.MKB', 'SL', 'DS1', sl.DS1);
  for (let i = 0; i < sl.DS2.length; i++) {
    const ds = sl.DS2[i]!;
    if (!known(mkb, ds, end)) sink.add('REG.NSI.MKB', 'SL', 'DS2', ds);
  }
  for (let i = 0; i < sl.DS2_N.length; i++) {
    const ds = sl.DS2_N[i]!.DS2;
    if (!known(mkb, ds, end)) sink.add('REG.NSI.MKB', 'DS2_N', 'DS2', ds);
  }
  for (let i = 0; i < sl.DS3.length; i++) {
    const ds = sl.DS3[i]!;
    if (!known(mkb, ds, end)) sink.add('REG.NSI.MKB', 'SL', 'DS3', ds);
  }

  // DOMAIN §3.2 notes: the character of the disease for ambulatory care outside class Z, DN for P_CEL 1.3.
  // Dispensarisation records its findings otherwise (DS1_PR, PR_D_N): no C_ZAB asked there.
  if (sl.C_ZAB === undefined && !p.prevention) {
    if (is(z.USL_OK, '3') && sl.DS1.charCodeAt(0) !== 90 /* Z */)
      sink.add('REG.SL.C_ZAB.REQUIRED', 'SL', 'C_ZAB');
    else if (isOncoDiagnosis(sl)) sink.add('REG.SL.C_ZAB.ONCO', 'SL', 'C_ZAB');
  }
  if (sl.DN === undefined) {
    if (sl.P_CEL === '1.3') sink.add('REG.SL.DN.REQUIRED', 'SL', 'DN');
  } else if (!(is(sl.DN, '1') || is(sl.DN, '2') || is(sl.DN, '4') || is(sl.DN, '6')))
    sink.add('REG.SL.DN', 'SL', 'DN', sl.DN);
  if (!(is(sl.DS_ONK, '0') || is(sl.DS_ONK, '1'))) sink.add('REG.SL.DS_ONK', 'SL', 'DS_ONK', sl.DS_ONK);
}

/** USL: the МО and subdivision, dates inside the treatment, codes on the service's end. */
function serviceChecks(p: Prepared, sink: FindingSink, sl: Sl): void {
  const t = p.t;
  const services: Usl[] = sl.USL;
  for (let i = 0; i < services.length; i++) {
    const u = services[i]!;
    sink.idserv = u.IDSERV;
    const end = u.DATE_OUT;
    if (u.LPU !== p.codeMo) sink.add('REG.LPU', 'USL', 'LPU', u.LPU);
    if (!ownSubdivision(p, u.LPU_1)) sink.add('REG.LPU_1', 'USL', 'LPU_1', u.LPU_1);
    if (u.DATE_IN > end) sink.add('REG.USL.DATES', 'USL', 'DATE_IN', u.DATE_IN);
    // Dispensarisation counts services done before its start (within the year), so only the end is bound there.
    if (u.DATE_IN < sl.DATE_1 && !p.prevention) sink.add('REG.USL.IN_SL', 'USL', 'DATE_IN', u.DATE_IN);
    if (end > sl.DATE_2) sink.add('REG.USL.IN_SL', 'USL', 'DATE_OUT', end);
    if (!known(t.V002, u.PROFIL, end)) sink.add('REG.NSI.V002', 'USL', 'PROFIL', u.PROFIL);
    if (u.PRVS !== undefined && !known(t.V021, u.PRVS, end)) sink.add('REG.NSI.V021', 'USL', 'PRVS', u.PRVS);
    for (let j = 0; j < u.MR_USL_N.length; j++) {
      const prvs = u.MR_USL_N[j]!.PRVS;
      if (!known(t.V021, prvs, end)) sink.add('REG.NSI.V021', 'MR_USL_N', 'PRVS', prvs);
    }
    if (u.DS !== undefined && !known(t.MKB10, u.DS, end)) sink.add('REG.NSI.MKB', 'USL', 'DS', u.DS);
  }
  sink.idserv = undefined;
}

/** IDSERV is unique within the whole case (all its SL). */
function duplicateServices(sink: FindingSink, z: ZSl): void {
  let count = 0;
  for (let i = 0; i < z.SL.length; i++) count += z.SL[i]!.USL.length;
  if (count < 2) return;
  if (count <= 64) {
    // Few services: compare pairwise instead of building a set.
    for (let a = 0; a < z.SL.length; a++) {
      const servicesA = z.SL[a]!.USL;
      for (let i = 0; i < servicesA.length; i++) {
        const id = servicesA[i]!.IDSERV;
        if (seenBefore(z, a, i, id)) {
          sink.slId = z.SL[a]!.SL_ID;
          sink.idserv = id;
          sink.add('REG.USL.IDSERV.DUPLICATE', 'USL', 'IDSERV', id);
        }
      }
    }
  } else {
    const seen = new Set<string>();
    for (const sl of z.SL) {
      for (const u of sl.USL) {
        if (seen.has(u.IDSERV)) {
          sink.slId = sl.SL_ID;
          sink.idserv = u.IDSERV;
          sink.add('REG.USL.IDSERV.DUPLICATE', 'USL', 'IDSERV', u.IDSERV);
        } else seen.add(u.IDSERV);
      }
    }
  }
  sink.slId = undefined;
  sink.idserv = undefined;
}

/** Whether a service before position (sl, index) has the id. */
function seenBefore(z: ZSl, sl: number, index: number, id: string): boolean {
  for (let a = 0; a <= sl; a++) {
    const services = z.SL[a]!.USL;
    const until = a === sl ? index : services.length;
    for (let i = 0; i < until; i++) if (services[i]!.IDSERV === id) return true;
  }
  return false;
}
