import type { Db, Tx } from '../../platform/db/connection';
import type { FlkRuleSet } from '../../platform/flk/issue';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import type { Sex, SexRules } from '../domain/sex-specific';

export interface DepartmentFacts {
  code: string;
  profile: number;
  conditions: number;
  closed: boolean;
  /** Beds by V020 bed profile. */
  beds: Map<number, number>;
}

export interface ReferralByNumber {
  id: string;
  senderCode: string;
  sourceId: string;
  toMoCode: string;
  fromMoCode: string;
  status: 'issued' | 'admitted' | 'cancelled' | 'discharged';
  referralDate: string;
  validUntil: string;
  personId: string;
  smoCode: string | null;
}

/**
 * What the FLK of one package looks up, each answer cached for the package: directory codes valid on a date,
 * organisations, departments with their bed fund, bed-profile rules, referrals by number, settings and rules.
 */
export class Lookups {
  private readonly nsi = new Map<string, Promise<boolean>>();
  private readonly orgs = new Map<string, Promise<string | null>>();
  private readonly departments = new Map<string, Promise<DepartmentFacts | null>>();
  private bedRules: Promise<Map<number, Set<number>>> | undefined;
  private sexRulesCache: Promise<SexRules> | undefined;
  private readonly sexes = new Map<string, Promise<Sex | null>>();
  private settingsCache: Promise<Map<string, number>> | undefined;

  constructor(
    readonly tx: Tx,
    readonly today: string,
    readonly rules: FlkRuleSet,
  ) {}

  static async open(tx: Tx): Promise<Lookups> {
    const [{ today }] =
      (await tx`select (now() at time zone 'Europe/Moscow')::date::text as today`) as unknown as [
        { today: string },
      ];
    return new Lookups(tx, today, await loadFlkRules(tx));
  }

  /** Is `code` a record of `directory` valid on `date`? */
  nsiValid(directory: string, code: string | number, date: string): Promise<boolean> {
    const key = `${directory}\n${code}\n${date}`;
    let hit = this.nsi.get(key);
    if (!hit) {
      hit = this.tx`
        select 1 from nsi.record where directory_code = ${directory} and code = ${String(code)}
          and date_beg <= ${date} and (date_end is null or date_end >= ${date}) limit 1`.then(
        (r) => r.length > 0,
      );
      this.nsi.set(key, hit);
    }
    return hit;
  }

  /** The organisation's kind (MO/SMO/TFOMS), or null when there is no such organisation. */
  organisationKind(code: string): Promise<string | null> {
    let hit = this.orgs.get(code);
    if (!hit) {
      hit = this.tx<{ kind: string }[]>`select kind from org.organisation where code = ${code}`.then(
        (r) => r[0]?.kind ?? null,
      );
      this.orgs.set(code, hit);
    }
    return hit;
  }

  department(moCode: string, code: string): Promise<DepartmentFacts | null> {
    const key = `${moCode}/${code}`;
    let hit = this.departments.get(key);
    if (!hit) {
      hit = this.tx<
        { code: string; profile: number; conditions: number; closed: boolean; beds: [number, number][] }[]
      >`
        select d.code, d.profile_v002 as profile, d.conditions_v006 as conditions,
               (d.date_end is not null and d.date_end < current_date) as closed,
               coalesce((select json_agg(json_build_array(b.bed_profile_v020, b.beds)) from org.department_bed b
                         where b.department_id = d.id), '[]'::json) as beds
        from org.department d where d.mo_code = ${moCode} and d.code = ${code}`.then((rows) => {
        const row = rows[0];
        return row ? { ...row, beds: new Map(row.beds) } : null;
      });
      this.departments.set(key, hit);
    }
    return hit;
  }

  /** Profiles of care a bed profile belongs to (empty: no rule, not judged). */
  async profilesOfBedProfile(bedProfile: number): Promise<Set<number>> {
    this.bedRules ??= this.tx<{ bed: number; profile: number }[]>`
      select bed_profile_v020 as bed, profile_v002 as profile from hosp.bed_profile_rule`.then((rows) => {
      const map = new Map<number, Set<number>>();
      for (const r of rows) map.set(r.bed, (map.get(r.bed) ?? new Set()).add(r.profile));
      return map;
    });
    return (await this.bedRules).get(bedProfile) ?? new Set();
  }

  /** The sex-restricted ICD-10 ranges and sex-specific bed profiles (reference data, migration 012). */
  sexRules(): Promise<SexRules> {
    this.sexRulesCache ??= cachedSexRules(this.tx);
    return this.sexRulesCache;
  }

  /**
   * The sex of a person the caller already relates to (a stay of its own: RLS lets it read the person), or null.
   * Records that name a patient get the sex from identity resolution instead.
   */
  personSex(personId: string): Promise<Sex | null> {
    let hit = this.sexes.get(personId);
    if (!hit) {
      hit = this.tx<{ sex: number | null }[]>`select sex from person.person where id = ${personId}`.then(
        (r) => (r[0]?.sex === 1 || r[0]?.sex === 2 ? r[0].sex : null),
      );
      this.sexes.set(personId, hit);
    }
    return hit;
  }

  async setting(key: 'referral_validity_days' | 'admission_hold_days'): Promise<number> {
    this.settingsCache ??= this.tx<
      { key: string; value: number }[]
    >`select key, value from hosp.setting`.then((rows) => new Map(rows.map((r) => [r.key, r.value])));
    return (await this.settingsCache).get(key) ?? (key === 'referral_validity_days' ? 30 : 10);
  }

  /** A referral by number across scopes (SECURITY DEFINER): only what the checks need. Not cached. */
  async referralByNumber(number: string): Promise<ReferralByNumber | null> {
    const [row] = await this.tx<ReferralByNumber[]>`
      select id::text, sender_code as "senderCode", source_id as "sourceId", to_mo_code as "toMoCode",
             from_mo_code as "fromMoCode", status, referral_date::text as "referralDate",
             valid_until::text as "validUntil", person_id::text as "personId", smo_code as "smoCode"
      from hosp.referral_by_number(${number})`;
    return row ?? null;
  }
}

/** Loads the sex-specific reference data: ICD-10 ranges for one sex, V020 bed profiles for one sex. */
const sexRulesTtlMs = 30_000;
let sexRulesCached: { rules: Promise<SexRules>; until: number } | undefined;

/**
 * The sex-specific codes are reference data (they change with a migration): kept per process for 30 s like the
 * FLK rules, so a package does not read them again.
 */
function cachedSexRules(db: Db, now = Date.now()): Promise<SexRules> {
  if (sexRulesCached && sexRulesCached.until > now) return sexRulesCached.rules;
  const rules = loadSexRules(db);
  sexRulesCached = { rules, until: now + sexRulesTtlMs };
  rules.catch(() => {
    sexRulesCached = undefined;
  });
  return rules;
}

export async function loadSexRules(db: Db): Promise<SexRules> {
  const [diagnoses, beds] = await Promise.all([
    db<{ codeFrom: string; codeTo: string; sex: Sex }[]>`
      select code_from as "codeFrom", code_to as "codeTo", sex from nsi.sex_restricted_diagnosis
      order by code_from`,
    db<{ bed: number; sex: Sex }[]>`
      select bed_profile_v020 as bed, sex from nsi.sex_specific_bed_profile`,
  ]);
  return {
    diagnoses: diagnoses.map((d) => ({ codeFrom: d.codeFrom, codeTo: d.codeTo, sex: d.sex })),
    bedProfiles: new Map(beds.map((b) => [b.bed, b.sex])),
  };
}
