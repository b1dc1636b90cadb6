/**
 * Sex-specific diagnoses and bed profiles (defect 5): an ICD-10 code or a V020 bed profile meant for one sex only
 * does not fit a patient of the other. The ranges and profiles are data (`nsi.sex_restricted_diagnosis`,
 * `nsi.sex_specific_bed_profile`, migration 012); this module only judges a code against them.
 */

/** Sex as V005 codes it: 1 male, 2 female. */
export type Sex = 1 | 2;

/** An inclusive range of ICD-10 codes that applies to one sex only, e.g. O00–O99 or D07.0–D07.3. */
export interface SexRestrictedRange {
  codeFrom: string;
  codeTo: string;
  sex: Sex;
}

export interface SexRules {
  diagnoses: readonly SexRestrictedRange[];
  /** V020 bed profile → the only sex its beds are for. */
  bedProfiles: ReadonlyMap<number, Sex>;
}

export const noSexRules: SexRules = { diagnoses: [], bedProfiles: new Map() };

/** An ICD-10 code as compared: upper case, no spaces, no dagger/asterisk marks. */
function icdKey(code: string): string {
  return code.replace(/[\s†*+]/g, '').toUpperCase();
}

/**
 * Is the code inside the range? Bounds are categories (O00) or subcategories (D07.3); a bound covers its own
 * subcodes, so O99.8 lies in O00–O99 and D07.3 in D07.0–D07.3, but the category D07 itself (both sexes' codes
 * below it) does not lie in D07.0–D07.3.
 */
export function inIcdRange(code: string, from: string, to: string): boolean {
  const c = icdKey(code);
  const lo = icdKey(from);
  const hi = icdKey(to);
  return c >= lo && (c <= hi || c.startsWith(hi));
}

/** The ranges with their bounds as compared, worked out once per list (a package judges thousands of codes). */
const compiledRanges = new WeakMap<readonly SexRestrictedRange[], { lo: string; hi: string; sex: Sex }[]>();

function compiled(ranges: readonly SexRestrictedRange[]) {
  let list = compiledRanges.get(ranges);
  if (!list) {
    list = ranges.map((r) => ({ lo: icdKey(r.codeFrom), hi: icdKey(r.codeTo), sex: r.sex }));
    compiledRanges.set(ranges, list);
  }
  return list;
}

/** The sex a diagnosis is restricted to, or null when it applies to both. */
export function diagnosisSex(code: string, ranges: readonly SexRestrictedRange[]): Sex | null {
  const c = icdKey(code);
  for (const r of compiled(ranges)) if (c >= r.lo && (c <= r.hi || c.startsWith(r.hi))) return r.sex;
  return null;
}

/** Does the diagnosis fit a patient of this sex? (Unknown sex: not judged.) */
export function diagnosisFitsSex(code: string, sex: Sex | null | undefined, rules: SexRules): boolean {
  if (!sex) return true;
  const only = diagnosisSex(code, rules.diagnoses);
  return only === null || only === sex;
}

/** Does the bed profile fit a patient of this sex? (Unknown sex or a profile for both: fits.) */
export function bedProfileFitsSex(bedProfile: number, sex: Sex | null | undefined, rules: SexRules): boolean {
  if (!sex) return true;
  const only = rules.bedProfiles.get(bedProfile);
  return only === undefined || only === sex;
}

/** «мужской» / «женский»: the patient's sex in a protocol message. */
export const sexTitles: Record<Sex, string> = { 1: 'мужской', 2: 'женский' };

/** «мужчин» / «женщин»: whom a restricted code is for («только для …»). */
export const sexAudience: Record<Sex, string> = { 1: 'мужчин', 2: 'женщин' };
