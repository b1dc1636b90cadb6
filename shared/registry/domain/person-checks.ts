import { checkSnils } from '../../person/domain/snils';
import { FindingSink, is, known, type PersonCheckContext, tablesOf } from './check-context';
import type { RegistryFinding } from './findings';
import type { Pers } from './registry-tags';
import { isRegistrySnilsForm } from './registry-values';

/** DOST, the «reliability» codes: what the person's documents lack (DOMAIN §3.4). */
const noPatronymic = 1;
const noSurname = 2;
const noName = 4;
const noDay = 8;
const noMonth = 16;

/**
 * The FLK of one record of the personal-data file (PERS; Saratov 003F.00.0330–0340, 15xx–17xx): the name parts
 * against DOST (absent only with its DOST code, present never with it) for the patient and, when given, the
 * newborn's representative; the birth date with an unknown day or month, and not in the future; sex (V005),
 * document type (F011) and date; the СНИЛС in the registry form with its control number. `policyType` is the
 * VPOLIS of the patient's case: when it is not 3 (not a unified policy) the document's date and issuer are due.
 */
export function checkPerson(pers: Pers, ctx: PersonCheckContext, policyType?: string): RegistryFinding[] {
  const t = tablesOf(ctx.directories);
  const sink = new FindingSink(ctx.rules, 'person');
  sink.idPac = pers.ID_PAC;
  const today = ctx.today;

  const dost = reliability(sink, pers.DOST, 'DOST');
  names(sink, dost, pers.FAM, pers.IM, pers.OT, '');
  birthDate(sink, dost, pers.DR, today, 'DR');
  if (!known(t.V005, pers.W, today)) sink.add('REG.NSI.V005', 'PERS', 'W', pers.W);

  const representative =
    pers.FAM_P !== undefined ||
    pers.IM_P !== undefined ||
    pers.OT_P !== undefined ||
    pers.W_P !== undefined ||
    pers.DR_P !== undefined;
  if (representative) {
    const dostP = reliability(sink, pers.DOST_P, 'DOST_P');
    names(sink, dostP, pers.FAM_P, pers.IM_P, pers.OT_P, '_P');
    if (pers.DR_P !== undefined) birthDate(sink, dostP, pers.DR_P, today, 'DR_P');
    if (pers.W_P !== undefined && !known(t.V005, pers.W_P, today))
      sink.add('REG.NSI.V005', 'PERS', 'W_P', pers.W_P);
  }

  if (pers.DOCTYPE !== undefined && !known(t.F011, pers.DOCTYPE, today))
    sink.add('REG.NSI.F011', 'PERS', 'DOCTYPE', pers.DOCTYPE);
  if (policyType !== undefined && !is(policyType, '3')) {
    if (pers.DOCDATE === undefined) sink.add('REG.PERS.DOCDATE.REQUIRED', 'PERS', 'DOCDATE');
    if (pers.DOCORG === undefined) sink.add('REG.PERS.DOCORG.REQUIRED', 'PERS', 'DOCORG');
  }
  if (pers.DOCDATE !== undefined && (pers.DOCDATE < pers.DR || pers.DOCDATE > today))
    sink.add('REG.PERS.DOCDATE', 'PERS', 'DOCDATE', pers.DOCDATE);

  if (pers.SNILS !== undefined) {
    if (!isRegistrySnilsForm(pers.SNILS)) sink.add('REG.PERS.SNILS.FORMAT', 'PERS', 'SNILS', pers.SNILS);
    else if (checkSnils(pers.SNILS) !== null) sink.add('REG.PERS.SNILS.CONTROL', 'PERS', 'SNILS', pers.SNILS);
  }
  return sink.out;
}

/** The DOST codes as flags; a code outside 1–6 is a finding. */
function reliability(sink: FindingSink, codes: readonly string[], field: string): number {
  let flags = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (is(code, '1')) flags |= noPatronymic;
    else if (is(code, '2')) flags |= noSurname;
    else if (is(code, '3')) flags |= noName;
    else if (is(code, '4')) flags |= noDay;
    else if (is(code, '5')) flags |= noMonth;
    else if (!is(code, '6')) sink.add('REG.PERS.DOST', 'PERS', field, code);
  }
  return flags;
}

/** Each name part is given, or its DOST code says it is missing from the documents — never both. */
function names(
  sink: FindingSink,
  dost: number,
  fam: string | undefined,
  im: string | undefined,
  ot: string | undefined,
  suffix: '' | '_P',
): void {
  if (fam === undefined) {
    if (!(dost & noSurname)) sink.add('REG.PERS.FAM.REQUIRED', 'PERS', `FAM${suffix}`);
  } else if (dost & noSurname) sink.add('REG.PERS.FAM.DOST', 'PERS', `FAM${suffix}`, fam);
  if (im === undefined) {
    if (!(dost & noName)) sink.add('REG.PERS.IM.REQUIRED', 'PERS', `IM${suffix}`);
  } else if (dost & noName) sink.add('REG.PERS.IM.DOST', 'PERS', `IM${suffix}`, im);
  if (ot === undefined) {
    if (!(dost & noPatronymic)) sink.add('REG.PERS.OT.REQUIRED', 'PERS', `OT${suffix}`);
  } else if (dost & noPatronymic) sink.add('REG.PERS.OT.DOST', 'PERS', `OT${suffix}`, ot);
}

/** A birth date with an unknown day is written on the 1st, with an unknown month on 1 January; never ahead. */
function birthDate(sink: FindingSink, dost: number, dr: string, today: string, field: 'DR' | 'DR_P'): void {
  const dayOne = dr.charCodeAt(8) === 48 && dr.charCodeAt(9) === 49;
  const monthOne = dr.charCodeAt(5) === 48 && dr.charCodeAt(6) === 49;
  if ((dost & noDay && !dayOne) || (dost & noMonth && !(dayOne && monthOne)))
    sink.add('REG.PERS.DR.DOST', 'PERS', field, dr);
  if (dr > today) sink.add('REG.PERS.DR.FUTURE', 'PERS', field, dr);
}
