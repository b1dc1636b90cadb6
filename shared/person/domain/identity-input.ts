import * as z from 'zod';
import { isoDate } from '../../platform/flk/edge-types';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { checkEnp } from './enp';
import { checkSnils, formatSnils, snilsDigits } from './snils';

/** What an inbound record says about a person: any of ЕНП, СНИЛС, or ФИО + birth date (+ identity document). */
export const IdentityInput = z.object({
  enp: z.string().trim().max(32).optional(),
  snils: z.string().trim().max(32).optional(),
  fam: z.string().trim().max(40).optional(),
  im: z.string().trim().max(40).optional(),
  ot: z.string().trim().max(40).optional(),
  birthDate: isoDate.optional(),
  docSer: z.string().trim().max(20).optional(),
  docNum: z.string().trim().max(30).optional(),
  /** The record's date: the policy must be valid on it (default: today). */
  onDate: isoDate.optional(),
});
export type IdentityInput = z.infer<typeof IdentityInput>;

/** Runs of white space inside a name (\s includes the no-break and other Unicode spaces). */
const spaces = /\s+/g;

/** A name as written, without outer spaces and with every run of spaces made one; undefined when empty. */
export function cleanName(value: string | undefined): string | undefined {
  const cleaned = value?.replace(spaces, ' ').trim();
  return cleaned ? cleaned : undefined;
}

/**
 * The form in which surnames, names and patronymics are compared (identity resolution): upper case, «ё» as «е»,
 * one space between words, none around. Mirrors the SQL function `person.norm_name` (migration 011).
 */
export function nameKey(value: string | undefined | null): string {
  return (cleanName(value ?? undefined) ?? '').replace(/ё/g, 'е').replace(/Ё/g, 'Е').toUpperCase();
}

/**
 * The same input with СНИЛС in registry form, ФИО without outer or repeated spaces, and empty strings dropped.
 * Letters stay as sent («ё», case): the register compares names on `nameKey` / `person.norm_name`.
 */
export function normaliseIdentity(input: IdentityInput): IdentityInput {
  const clean = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);
  const snils = clean(input.snils);
  const digits = snils ? snilsDigits(snils) : null;
  return {
    enp: clean(input.enp),
    snils: digits ? formatSnils(digits) : snils,
    fam: cleanName(input.fam),
    im: cleanName(input.im),
    ot: cleanName(input.ot),
    birthDate: clean(input.birthDate),
    docSer: clean(input.docSer),
    docNum: clean(input.docNum),
    onDate: clean(input.onDate),
  };
}

/** Checks the identifiers themselves (DOMAIN §4): ЕНП check digit, СНИЛС checksum, per the rules' severity. */
export function checkIdentityFields(input: IdentityInput, rules: FlkRuleSet): FlkIssue[] {
  const issues: FlkIssue[] = [];
  if (input.enp) {
    const problem = checkEnp(input.enp);
    if (problem === 'format') issues.push(...fire(rules, 'ID.ENP.FORMAT', input.enp));
    if (problem === 'control') issues.push(...fire(rules, 'ID.ENP.CONTROL', input.enp));
  }
  if (input.snils) {
    const problem = checkSnils(input.snils);
    if (problem === 'format') issues.push(...fire(rules, 'ID.SNILS.FORMAT', input.snils));
    if (problem === 'control' || problem === 'zero') {
      issues.push(...fire(rules, 'ID.SNILS.CONTROL', input.snils));
    }
  }
  return issues;
}

/** Is there enough to look a person up: ЕНП, СНИЛС, or surname + name + birth date? */
export function hasIdentifiers(input: IdentityInput): boolean {
  return Boolean(input.enp || input.snils || (input.fam && input.im && input.birthDate));
}

/** Sex as V005 codes it: 1 male, 2 female. */
export type PersonSex = 1 | 2;

export type ResolutionMethod = 'enp' | 'snils' | 'fio_birth_document' | 'fio_birth';

export interface ResolvedPolicy {
  policyType: number;
  number: string;
  smoCode: string;
  dateBeg: string;
  dateEnd: string | null;
}

/**
 * Outcomes of identity resolution against the regional ЕРЗ:
 * - `identified`: one person, with a policy valid on the date;
 * - `no_policy_on_date`: the person is in the register but not insured on that date;
 * - `not_insured_in_region`: nobody in the regional register matches (insured elsewhere, or unknown);
 * - `ambiguous`: several persons match ФИО + birth date (+ document): the sender must give ЕНП or СНИЛС.
 */
export type Resolution =
  | {
      outcome: 'identified';
      personId: string;
      method: ResolutionMethod;
      mismatch: boolean;
      policy: ResolvedPolicy;
      /** The person's sex in the register (V005: 1 male, 2 female), when known. */
      sex?: PersonSex | null;
    }
  | {
      outcome: 'no_policy_on_date';
      personId: string;
      method: ResolutionMethod;
      mismatch: boolean;
      sex?: PersonSex | null;
    }
  | { outcome: 'not_insured_in_region' }
  | { outcome: 'ambiguous'; candidates: number };

/** The FLK issues an outcome means for an inbound record (rules ID.NOT_FOUND, ID.NOT_INSURED …). */
export function resolutionIssues(resolution: Resolution, rules: FlkRuleSet): FlkIssue[] {
  switch (resolution.outcome) {
    case 'identified':
      return resolution.mismatch ? fire(rules, 'ID.MISMATCH') : [];
    case 'no_policy_on_date':
      return [...fire(rules, 'ID.NOT_INSURED'), ...(resolution.mismatch ? fire(rules, 'ID.MISMATCH') : [])];
    case 'not_insured_in_region':
      return fire(rules, 'ID.NOT_FOUND');
    case 'ambiguous':
      return fire(rules, 'ID.AMBIGUOUS');
  }
}

export const resolutionTitles: Record<Resolution['outcome'], string> = {
  identified: 'Застрахован в регионе',
  no_policy_on_date: 'Нет действующего полиса на дату',
  not_insured_in_region: 'Не застрахован в регионе (не найден в региональном сегменте ЕРЗ)',
  ambiguous: 'Найдено несколько лиц: уточните ЕНП или СНИЛС',
};
