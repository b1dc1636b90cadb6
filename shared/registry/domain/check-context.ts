import { type FlkRuleSet, issueOf } from '../../platform/flk/issue';
import {
  type DirectoryBook,
  type DirectoryTable,
  type RegistryDirectory,
  registryDirectoryCodes,
} from './directories';
import { isPreventionKind, type RegistryFileKind } from './file-kinds';
import type { RegistryFinding } from './findings';
import { type RegistryRuleId, registryRule } from './registry-rules';
import type { Schet, ZlHeader } from './registry-tags';

/** What an organisation code is in the region (`org.organisation.kind`). */
export type OrganisationKind = 'MO' | 'SMO' | 'TFOMS' | (string & {});

/** What the person checks read besides the record. */
export interface PersonCheckContext {
  directories: DirectoryBook;
  /** The configured rules by id (`flk.rule`, `loadFlkRules`). */
  rules: FlkRuleSet;
  /** `YYYY-MM-DD`. */
  today: string;
}

/**
 * What the case checks read besides the case: the package's main file kind and invoice, the directories, the
 * organisations the region knows (F003 МО and F002 СМО codes, and the ТФОМС), the configured rules and today.
 * Build it once per package: the checks derive the reporting period and the directory tables from it once and
 * keep them for as long as the context object lives.
 */
export interface CaseCheckContext extends PersonCheckContext {
  fileKind: RegistryFileKind;
  schet: Schet;
  header: ZlHeader;
  organisations: ReadonlyMap<string, OrganisationKind>;
  /**
   * The patient's birth date (L-file DR) by ID_PAC, when the import has read the L-file first: the rules that
   * need the patient's age (TNM for adults, a scheme «нет» only for children, a case not before birth) then
   * apply to `checkCase` as to `checkCaseWithPerson`. Without it those rules are skipped.
   */
  birthDateOf?: (idPac: string) => string | undefined;
}

/** Directory tables the checks read, `undefined` when the directory was not loaded (its checks are skipped). */
export type Tables = { readonly [D in RegistryDirectory]: DirectoryTable | undefined };

/** What a context gives every check, derived once per context. */
export interface Prepared {
  readonly rules: FlkRuleSet;
  readonly book: DirectoryBook;
  readonly t: Tables;
  readonly today: string;
  readonly organisations: ReadonlyMap<string, OrganisationKind>;
  readonly fileKind: RegistryFileKind;
  readonly prevention: boolean;
  readonly codeMo: string;
  /** The reporting month's first and last day; undefined when YEAR/MONTH do not make a month. */
  readonly periodStart: string | undefined;
  readonly periodEnd: string | undefined;
}

const tablesCache = new WeakMap<DirectoryBook, Tables>();

export function tablesOf(book: DirectoryBook): Tables {
  let tables = tablesCache.get(book);
  if (!tables) {
    const plain: Record<string, DirectoryTable | undefined> = {};
    for (const d of registryDirectoryCodes) plain[d] = book.has(d) ? book.table(d) : undefined;
    tables = plain as Tables;
    tablesCache.set(book, tables);
  }
  return tables;
}

const preparedCache = new WeakMap<CaseCheckContext, Prepared>();

/** The context's derived facts, computed on first use and kept with the context. */
export function prepare(ctx: CaseCheckContext): Prepared {
  let p = preparedCache.get(ctx);
  if (!p) {
    const period = reportingPeriod(ctx.schet.YEAR, ctx.schet.MONTH);
    p = {
      rules: ctx.rules,
      book: ctx.directories,
      t: tablesOf(ctx.directories),
      today: ctx.today,
      organisations: ctx.organisations,
      fileKind: ctx.fileKind,
      prevention: isPreventionKind(ctx.fileKind),
      codeMo: ctx.schet.CODE_MO,
      periodStart: period?.start,
      periodEnd: period?.end,
    };
    preparedCache.set(ctx, p);
  }
  return p;
}

/** The first and last day of a reporting month, or undefined when YEAR and MONTH do not make one. */
export function reportingPeriod(year: string, month: string): { start: string; end: string } | undefined {
  const y = Number(year);
  const m = Number(month);
  if (!Number.isInteger(y) || y < 1000 || y > 9999 || !Number.isInteger(m) || m < 1 || m > 12)
    return undefined;
  const mm = m < 10 ? `0${m}` : String(m);
  return { start: `${y}-${mm}-01`, end: `${y}-${mm}-${daysInMonth(y, m)}` };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Collects the findings of one record with the references a `FLK_P/PR` row carries. The checks set `slId` and
 * `idserv` while they are inside an SL or a USL; a rule that does not fire costs nothing.
 */
export class FindingSink {
  readonly out: RegistryFinding[] = [];
  nZap: string | undefined;
  idcase: string | undefined;
  idPac: string | undefined;
  slId: string | undefined;
  idserv: string | undefined;

  constructor(
    private readonly rules: FlkRuleSet,
    private readonly file: RegistryFinding['file'],
  ) {}

  /** Fires a rule at its configured severity (nothing when it is switched off). */
  add(id: RegistryRuleId, basEl: string, field?: string, value?: string): void {
    const issue = issueOf(registryRule(this.rules, id), field, value)[0];
    if (!issue) return;
    const finding: RegistryFinding = { ...issue, file: this.file, basEl };
    if (this.nZap !== undefined) finding.nZap = this.nZap;
    if (this.idcase !== undefined) finding.idcase = this.idcase;
    if (this.slId !== undefined) finding.slId = this.slId;
    if (this.idserv !== undefined) finding.idserv = this.idserv;
    if (this.idPac !== undefined) finding.idPac = this.idPac;
    this.out.push(finding);
  }
}

/** Whether the code is an МО the region knows (no organisations given: nothing to say). */
export function isMo(p: Prepared, code: string): boolean {
  return p.organisations.size === 0 || p.organisations.get(code) === 'MO';
}

/** Whether a code is valid on the date in a directory that was loaded (one that was not: nothing to say). */
export function known(table: DirectoryTable | undefined, code: string, onDate: string): boolean {
  return table === undefined || table.valid(code, onDate);
}

/**
 * Whether a numeric value equals a one- or two-character code, tolerating leading zeros («03» is 3). The values
 * passed their type (N) in the reader.
 */
export function is(value: string | undefined, code: string): boolean {
  if (value === code) return true;
  if (value === undefined || value.length <= code.length || value.charCodeAt(0) !== 48) return false;
  let i = 0;
  while (i < value.length - 1 && value.charCodeAt(i) === 48) i++;
  return value.length - i === code.length && value.endsWith(code);
}

/** The year, month and day of an ISO date as numbers, without allocating. */
function datePart(iso: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (iso.charCodeAt(i) - 48);
  return n;
}

/** Whole years between a birth date and a date (both ISO). */
export function ageOn(birthDate: string, onDate: string): number {
  const years = datePart(onDate, 0, 4) - datePart(birthDate, 0, 4);
  const md = datePart(onDate, 5, 7) * 100 + datePart(onDate, 8, 10);
  const bmd = datePart(birthDate, 5, 7) * 100 + datePart(birthDate, 8, 10);
  return md < bmd ? years - 1 : years;
}
