import { hashSecret } from '../../domain/access/password';
import { type DemoAccount, demoAccounts } from '../../domain/demo/accounts';
import { type GeneratedPerson, generatePersons } from '../../domain/demo/persons';
import { generateRegionStructure } from '../../domain/demo/region-structure';
import type { Sql, Tx } from '../connection';
import { copyRows } from '../copy';

/** Bump when the generator's output changes, so an old demo region is recognised as such. */
export const demoGeneratorVersion = 1;

export interface DemoRegionOptions {
  seed: string;
  persons: number;
}

export interface DemoRegionCounts {
  mo: number;
  smo: number;
  tfoms: number;
  departments: number;
  beds: number;
  doctors: number;
  districts: number;
  persons: number;
  policies: number;
  attachments: number;
  accounts: number;
}

export interface DemoRegionResult {
  status: 'generated' | 'present';
  seed: string;
  counts: DemoRegionCounts;
  ms: number;
  accounts: Pick<DemoAccount, 'username' | 'password' | 'kind' | 'role' | 'orgCode'>[];
}

/**
 * Generates the demo region once (deterministically from the seed) and writes it with COPY in one transaction;
 * on later starts it only reports what is there. Regenerating means resetting the local database.
 */
export async function ensureDemoRegion(sql: Sql, options: DemoRegionOptions): Promise<DemoRegionResult> {
  const region = generateRegionStructure(options.seed);
  const all = demoAccounts(region);
  const accounts = all.map(({ username, password, kind, role, orgCode }) => ({
    username,
    password,
    kind,
    role,
    orgCode,
  }));
  const existing = await sql<{ seed: string; counts: DemoRegionCounts }[]>`
    select seed, counts from ops.demo_region order by id desc limit 1`;
  if (existing[0]) {
    return { status: 'present', seed: existing[0].seed, counts: existing[0].counts, ms: 0, accounts };
  }
  const started = performance.now();
  const hashed = await Promise.all(all.map(async (a) => ({ ...a, hash: await hashSecret(a.password) })));
  const counts = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(727003)`;
    const again = await tx`select 1 from ops.demo_region limit 1`;
    if (again.length > 0) return undefined;
    const c = await writeStructure(tx, region);
    const people = await writePersons(tx, generatePersons(options.seed, options.persons, region));
    await copyRows(
      tx,
      'auth.account',
      ['username', 'kind', 'password_hash', 'full_name', 'role', 'org_code'],
      hashed.map((a) => [a.username, a.kind, a.hash, a.fullName, a.role, a.orgCode]),
    );
    const all: DemoRegionCounts = { ...c, ...people, accounts: hashed.length };
    // The stamp commits with the data: a run cut short leaves neither.
    await tx`
      insert into ops.demo_region (seed, generator_version, persons, counts, took_ms)
      values (${options.seed}, ${demoGeneratorVersion}, ${options.persons}, ${tx.json(all as never)},
              ${Math.round(performance.now() - started)})`;
    return all;
  });
  if (!counts) return ensureDemoRegion(sql, options);
  const ms = Math.round(performance.now() - started);
  return { status: 'generated', seed: options.seed, counts, ms, accounts };
}

async function writeStructure(tx: Tx, region: ReturnType<typeof generateRegionStructure>) {
  await copyRows(
    tx,
    'org.organisation',
    [
      'code',
      'kind',
      'name',
      'short_name',
      'mo_kind',
      'region_code',
      'okato',
      'inn',
      'ogrn',
      'kpp',
      'address',
      'phone',
      'date_beg',
    ],
    region.organisations.map((o) => [
      o.code,
      o.kind,
      o.name,
      o.shortName,
      o.moKind,
      '99',
      '99000',
      o.inn,
      o.ogrn,
      o.kpp,
      o.address,
      o.phone,
      o.dateBeg,
    ]),
  );
  await copyRows(
    tx,
    'org.department',
    ['mo_code', 'code', 'name', 'kind', 'profile_v002', 'conditions_v006'],
    region.departments.map((d) => [d.moCode, d.code, d.name, d.kind, d.profileV002, d.conditionsV006]),
  );
  const ids = new Map(
    (
      await tx<{ id: string; key: string }[]>`select id, mo_code || '/' || code as key from org.department`
    ).map((r) => [r.key, r.id]),
  );
  await copyRows(
    tx,
    'org.department_bed',
    ['department_id', 'bed_profile_v020', 'beds', 'beds_male', 'beds_female', 'beds_child'],
    region.beds.map((b) => [
      ids.get(`${b.moCode}/${b.departmentCode}`)!,
      b.bedProfileV020,
      b.beds,
      b.bedsMale,
      b.bedsFemale,
      b.bedsChild,
    ]),
  );
  await copyRows(
    tx,
    'org.doctor',
    ['mo_code', 'snils', 'fam', 'im', 'ot', 'specialty_v021'],
    region.doctors.map((d) => [d.moCode, d.snils, d.fam, d.im, d.ot, d.specialtyV021]),
  );
  await copyRows(
    tx,
    'org.district',
    ['mo_code', 'code', 'kind', 'doctor_snils'],
    region.districts.map((d) => [d.moCode, d.code, d.kind, d.doctorSnils]),
  );
  const orgs = region.organisations;
  return {
    mo: orgs.filter((o) => o.kind === 'MO').length,
    smo: orgs.filter((o) => o.kind === 'SMO').length,
    tfoms: orgs.filter((o) => o.kind === 'TFOMS').length,
    departments: region.departments.length,
    beds: region.beds.reduce((s, b) => s + b.beds, 0),
    doctors: region.doctors.length,
    districts: region.districts.length,
  };
}

/**
 * Persons, policies and attachments are generated once and streamed into three COPYs. The generator is
 * consumed once; its policy and attachment rows are buffered as compact arrays (a few MB for 50,000 persons).
 */
async function writePersons(tx: Tx, people: Generator<GeneratedPerson>) {
  const policies: GeneratedPerson['policies'] = [];
  const attachments: GeneratedPerson['attachments'] = [];
  function* personRows() {
    for (const p of people) {
      policies.push(...p.policies);
      attachments.push(...p.attachments);
      yield p.person;
    }
  }
  const persons = await copyRows(
    tx,
    'person.person',
    ['id', 'enp', 'snils', 'fam', 'im', 'ot', 'sex', 'birth_date', 'doc_type', 'doc_ser', 'doc_num', 'phone'],
    personRows(),
  );
  await copyRows(
    tx,
    'person.policy',
    ['id', 'person_id', 'policy_type', 'number', 'smo_code', 'date_beg', 'date_end'],
    policies,
  );
  await copyRows(
    tx,
    'person.attachment',
    ['id', 'person_id', 'mo_code', 'district_code', 'doctor_snils', 'date_beg', 'date_end'],
    attachments,
  );
  return { persons, policies: policies.length, attachments: attachments.length };
}
