import type { IdentityInput, Resolution } from '../../person/domain/identity-input';
import type { FlkRuleSet } from '../../platform/flk/issue';
import type { Sex, SexRules } from './sex-specific';

/**
 * What the FLK of a package's records looks up (directories, organisations, departments, referrals by number, the
 * sender's stored records, identity resolution), answered for all records at once: the checks gather their needs
 * first (`FactNeeds`), the database answers them in one statement (db/package-facts.ts), and each record is then
 * judged by pure rules over the answers (`HospFacts`). The checks themselves (`*-checks.ts`) need no database.
 */

/** Who sends the package (the caller's organisation). */
export interface Sender {
  orgCode: string;
  orgKind: string;
}

export interface DepartmentFacts {
  code: string;
  profile: number;
  conditions: number;
  closed: boolean;
  /** Beds by V020 bed profile. */
  beds: ReadonlyMap<number, number>;
}

export type ReferralStatus = 'issued' | 'admitted' | 'cancelled' | 'discharged';

/** A referral by number across scopes: only what the checks need. */
export interface ReferralByNumber {
  id: string;
  number: string;
  senderCode: string;
  sourceId: string;
  toMoCode: string;
  fromMoCode: string;
  status: ReferralStatus;
  referralDate: string;
  validUntil: string;
  personId: string;
  smoCode: string | null;
  /** Who cancelled it with which record (null when the caller may not read the referral). */
  cancelSourceId: string | null;
  cancelOrgCode: string | null;
}

/** The sender's own referral under a source id: what a re-sent record is compared with. */
export interface StoredReferral {
  id: string;
  personId: string;
  number: string;
  date: string;
  form: number;
  fromDepartmentCode: string | null;
  toMoCode: string;
  toDepartmentCode: string | null;
  conditions: number;
  profile: number;
  bedProfile: number;
  diagnosis: string;
  doctorSnils: string;
  plannedDate: string;
  kind: string;
  vmp: unknown;
}

/** The sender's own stay under a source id (an admission sent again). */
export interface StoredStay {
  id: string;
  referralId: string | null;
  personId: string;
}

/** The hospital's own stay by the id it gave it, for discharges and movements. */
export interface StayFacts {
  id: string;
  admittedOn: string;
  dischargedOn: string | null;
  dischargeSourceId: string | null;
  referralId: string | null;
  personId: string;
  moCode: string;
  referringMoCode: string | null;
  smoCode: string | null;
  /** The person's sex, when the hospital may read the person (it relates to them through the stay). */
  sex: Sex | null;
}

export type SettingKey = 'referral_validity_days' | 'admission_hold_days';

/** The answers the checks of one round of records read. */
export interface HospFacts {
  readonly today: string;
  readonly rules: FlkRuleSet;
  readonly sexRules: SexRules;
  /** Is `code` a record of `directory` valid on `date`? */
  nsiValid(directory: string, code: string | number, date: string): boolean;
  /** The organisation's kind (MO/SMO/TFOMS), or null when there is no such organisation. */
  organisationKind(code: string): string | null;
  department(moCode: string, code: string): DepartmentFacts | null;
  /** Profiles of care a bed profile belongs to (empty: no rule, not judged). */
  profilesOfBedProfile(bedProfile: number): ReadonlySet<number>;
  setting(key: SettingKey): number;
  referralByNumber(number: string): ReferralByNumber | null;
  ownReferral(sourceId: string): StoredReferral | null;
  ownStayBySource(sourceId: string): StoredStay | null;
  ownStay(admissionSourceId: string): StayFacts | null;
  /** The outcome of identity resolution for an input the checks asked for (`FactNeeds.identity`). */
  resolution(input: IdentityInput): Resolution;
}

const settingDefaults: Record<SettingKey, number> = { referral_validity_days: 30, admission_hold_days: 10 };

/** The key of an identity input: the same person on the same date is resolved once. */
export function identityKey(input: IdentityInput): string {
  let key = identityKeys.get(input);
  if (key === undefined) {
    key = keyOf(input);
    identityKeys.set(input, key);
  }
  return key;
}

const identityKeys = new WeakMap<IdentityInput, string>();

function keyOf(input: IdentityInput): string {
  return JSON.stringify([
    input.enp ?? null,
    input.snils ?? null,
    input.fam ?? null,
    input.im ?? null,
    input.ot ?? null,
    input.birthDate ?? null,
    input.docSer ?? null,
    input.docNum ?? null,
    input.onDate ?? null,
  ]);
}

const pair = (a: string, b: string | number) => `${a}\n${b}`;

/** What the checks of a round will look up, gathered from all its records before one query answers them. */
export class FactNeeds {
  /** Directory and code (any date: every dated version is fetched). */
  readonly codes = new Map<string, [string, string]>();
  readonly organisations = new Set<string>();
  readonly departments = new Map<string, [string, string]>();
  readonly bedProfiles = new Set<number>();
  readonly referralNumbers = new Set<string>();
  readonly ownReferrals = new Set<string>();
  readonly ownStaysBySource = new Set<string>();
  readonly ownStays = new Set<string>();
  readonly identities = new Map<string, IdentityInput>();

  code(directory: string, code: string | number | undefined): void {
    if (code !== undefined) this.codes.set(pair(directory, code), [directory, String(code)]);
  }

  department(moCode: string, code: string | undefined): void {
    if (code) this.departments.set(pair(moCode, code), [moCode, code]);
  }

  identity(input: IdentityInput | null): void {
    if (input) this.identities.set(identityKey(input), input);
  }
}

/** One dated version of a directory record: valid from `dateBeg` to `dateEnd` (inclusive; null: open). */
export type NsiVersion = [directory: string, code: string, dateBeg: string, dateEnd: string | null];

/** The answers of the facts query, as plain data (db/package-facts.ts reads them; tests build them by hand). */
export interface FactAnswers {
  today: string;
  settings: Partial<Record<string, number>>;
  bedRules: [bedProfile: number, profile: number][];
  nsi: NsiVersion[];
  organisations: [code: string, kind: string][];
  departments: (Omit<DepartmentFacts, 'beds'> & { moCode: string; beds: [number, number][] })[];
  referrals: ReferralByNumber[];
  ownReferrals: (StoredReferral & { sourceId: string })[];
  ownStaysBySource: (StoredStay & { sourceId: string })[];
  ownStays: (StayFacts & { sourceId: string })[];
  identities: [key: string, resolution: Resolution][];
}

/** `HospFacts` over the answers of one facts query. */
export function hospFacts(answers: FactAnswers, rules: FlkRuleSet, sexRules: SexRules): HospFacts {
  const nsi = new Map<string, [string, string | null][]>();
  for (const [directory, code, dateBeg, dateEnd] of answers.nsi) {
    const key = pair(directory, code);
    const versions = nsi.get(key) ?? [];
    versions.push([dateBeg, dateEnd]);
    nsi.set(key, versions);
  }
  const organisations = new Map(answers.organisations);
  const departments = new Map(
    answers.departments.map((d) => [
      pair(d.moCode, d.code),
      {
        code: d.code,
        profile: d.profile,
        conditions: d.conditions,
        closed: d.closed,
        beds: new Map(d.beds),
      },
    ]),
  );
  const bedRules = new Map<number, Set<number>>();
  for (const [bed, profile] of answers.bedRules) {
    bedRules.set(bed, (bedRules.get(bed) ?? new Set()).add(profile));
  }
  const noProfiles: ReadonlySet<number> = new Set();
  const byNumber = new Map(answers.referrals.map((r) => [r.number, r]));
  const ownReferrals = new Map(answers.ownReferrals.map((r) => [r.sourceId, r]));
  const ownStaysBySource = new Map(answers.ownStaysBySource.map((s) => [s.sourceId, s]));
  const ownStays = new Map(answers.ownStays.map((s) => [s.sourceId, s]));
  const identities = new Map(answers.identities);
  return {
    today: answers.today,
    rules,
    sexRules,
    nsiValid: (directory, code, date) =>
      (nsi.get(pair(directory, code)) ?? []).some(
        ([dateBeg, dateEnd]) => dateBeg <= date && (dateEnd === null || dateEnd >= date),
      ),
    organisationKind: (code) => organisations.get(code) ?? null,
    department: (moCode, code) => departments.get(pair(moCode, code)) ?? null,
    profilesOfBedProfile: (bedProfile) => bedRules.get(bedProfile) ?? noProfiles,
    setting: (key) => answers.settings[key] ?? settingDefaults[key],
    referralByNumber: (number) => byNumber.get(number) ?? null,
    ownReferral: (sourceId) => ownReferrals.get(sourceId) ?? null,
    ownStayBySource: (sourceId) => ownStaysBySource.get(sourceId) ?? null,
    ownStay: (sourceId) => ownStays.get(sourceId) ?? null,
    resolution: (input) => {
      const found = identities.get(identityKey(input));
      if (!found) throw new Error('identity resolution was not asked for');
      return found;
    },
  };
}
