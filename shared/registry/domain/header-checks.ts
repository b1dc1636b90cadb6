import { type CaseCheckContext, FindingSink, known, prepare } from './check-context';
import type { RegistryFinding } from './findings';

/** The first year of the federal registry-invoice format (Order FFOMS №79 of 07.04.2011). */
const firstYear = 2011;

/**
 * The FLK of the invoice (SCHET) of a main file, once per package: the invoicing МО is one the region knows, the
 * reporting month is a month and not in the future, the invoice date lies between the month's start and today,
 * the payer is a regional СМО or the ТФОМС, and a dispensarisation file names its type (V016).
 */
export function checkPackageHeader(ctx: CaseCheckContext): RegistryFinding[] {
  const p = prepare(ctx);
  const s = ctx.schet;
  const sink = new FindingSink(ctx.rules, 'case');
  const orgs = ctx.organisations;

  if (orgs.get(s.CODE_MO) !== 'MO') sink.add('REG.SCHET.CODE_MO', 'SCHET', 'CODE_MO', s.CODE_MO);
  if (p.periodStart === undefined) sink.add('REG.SCHET.MONTH', 'SCHET', 'MONTH', s.MONTH);
  else if (p.periodStart > ctx.today || Number(s.YEAR) < firstYear)
    sink.add('REG.SCHET.PERIOD', 'SCHET', 'YEAR', p.periodStart.slice(0, 7));
  if ((p.periodStart !== undefined && s.DSCHET < p.periodStart) || s.DSCHET > ctx.today)
    sink.add('REG.SCHET.DSCHET', 'SCHET', 'DSCHET', s.DSCHET);
  if (s.PLAT !== undefined) {
    const kind = orgs.get(s.PLAT);
    if (kind !== 'SMO' && kind !== 'TFOMS') sink.add('REG.SCHET.PLAT', 'SCHET', 'PLAT', s.PLAT);
  }
  if (p.prevention) {
    if (s.DISP === undefined) sink.add('REG.SCHET.DISP.REQUIRED', 'SCHET', 'DISP');
    else if (!known(p.t.V016, s.DISP, p.periodEnd ?? s.DSCHET))
      sink.add('REG.NSI.V016', 'SCHET', 'DISP', s.DISP);
  }
  return sink.out;
}
