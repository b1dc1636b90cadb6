// A big register for read-path measurements (issue 10): persons with a policy and an attachment, referrals
// between the demo region's МО, the stays that followed them plus emergency stays, their events, the links
// the exchange gives hospitals to their patients, and audit entries. Set-based SQL only (INSERT … SELECT
// generate_series) over the demo region's organisations, run as the owner with triggers and foreign-key checks
// off (session_replication_role = replica): the data is consistent by construction, and the audit triggers would
// otherwise write one entry naming every generated person.
import { femaleNames, maleNames, surnames } from '../../shared/demo/names';
import type { Sql, Tx } from '../../shared/platform/db/connection';

export interface BigRegisterSize {
  persons: number;
  referrals: number;
  /** Stays in all: those that followed an admitted/discharged referral, the rest emergency ones. */
  stays: number;
  /** Audit entries (reads of persons and referrals, as the lists write them). */
  auditEntries: number;
}

export interface BigRegister extends BigRegisterSize {
  /** Rows per table as generated (stays may be fewer than asked when referrals alone give more). */
  counts: Record<string, number>;
  ms: Record<string, number>;
}

const diagnoses = ['I20.0', 'I21.0', 'I63.5', 'J18.9', 'K35.8', 'K80.0', 'N20.0', 'S72.0', 'C50.9', 'E11.9'];

function feminine(surname: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ский')) return `${surname.slice(0, -4)}ская`;
  if (surname.endsWith('ой')) return `${surname.slice(0, -2)}ая`;
  return surname;
}

/** The tables the generator fills; their indexes (other than constraints') are rebuilt after the load. */
const loaded = [
  'person.person',
  'person.policy',
  'person.attachment',
  'person.person_link',
  'hosp.referral',
  'hosp.stay',
  'hosp.event',
  'audit.entry',
];

/**
 * Drops the indexes of `tables` that no constraint owns, runs `fn`, and creates them again from their definitions:
 * building an index once over loaded rows is several times faster than updating twenty of them row by row.
 */
async function withIndexesRebuilt(
  sql: Sql,
  tables: readonly string[],
  fn: () => Promise<void>,
): Promise<void> {
  const indexes = await sql<{ name: string; def: string }[]>`
    select format('%I.%I', n.nspname, ci.relname) as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    join pg_class ci on ci.oid = i.indexrelid
    join pg_class ct on ct.oid = i.indrelid
    join pg_namespace n on n.oid = ct.relnamespace
    where format('%s.%s', n.nspname, ct.relname) = any(${tables as string[]}::text[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  try {
    await fn();
  } finally {
    await sql.begin(async (tx) => {
      await tx`set local maintenance_work_mem = '256MB'`;
      for (const index of indexes) await tx.unsafe(index.def);
    });
  }
}

/** Adds `size` to the demo region already in the database (owner connection: row-level security bypassed). */
export async function generateBigRegister(sql: Sql, size: BigRegisterSize): Promise<BigRegister> {
  const ms: Record<string, number> = {};
  let result: BigRegister | undefined;
  const started = performance.now();
  await withIndexesRebuilt(sql, loaded, async () => {
    result = await generate(sql, size, ms);
  });
  ms.indexes = Math.round(performance.now() - started) - Object.values(ms).reduce((a, b) => a + b, 0);
  const analyzed = performance.now();
  await sql`analyze person.person, person.policy, person.attachment, person.person_link, hosp.referral,
            hosp.stay, hosp.event, audit.entry`;
  ms.analyze = Math.round(performance.now() - analyzed);
  return result!;
}

async function generate(sql: Sql, size: BigRegisterSize, ms: Record<string, number>): Promise<BigRegister> {
  const step = async (name: string, fn: (tx: Tx) => Promise<unknown>) => {
    const started = performance.now();
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`select setseed(0.4242)`;
      await fn(tx);
    });
    ms[name] = Math.round(performance.now() - started);
  };
  const smos = (
    await sql<{ code: string }[]>`select code from org.organisation where kind = 'SMO' order by code`
  ).map((r) => r.code);
  const districts = await sql<{ mo: string; code: string; doctor: string }[]>`
    select mo_code as mo, code, doctor_snils as doctor from org.district order by mo_code, code`;
  const wards = await sql<{ mo: string; code: string; profile: number; bed: number }[]>`
    select d.mo_code as mo, d.code, d.profile_v002 as profile, b.bed_profile_v020 as bed
    from org.department d join org.department_bed b on b.department_id = d.id
    where d.kind = 'inpatient' order by d.mo_code, d.code, b.bed_profile_v020`;
  if (smos.length === 0 || districts.length === 0 || wards.length === 0) {
    throw new Error('generateBigRegister needs the demo region (organisations, districts, wards) first');
  }
  const primary = [...new Set(districts.map((d) => d.mo))];
  const [{ base }] = (await sql<{ base: string }[]>`
    select coalesce(max(id), 0)::text as base from person.person`) as unknown as [{ base: string }];
  const first = Number(base) + 1;
  const last = Number(base) + size.persons;
  const fams = [...surnames, ...surnames.map(feminine)];
  // The person's СМО and sex as functions of the id, so referrals and stays agree with the register.
  const smoOf = (tx: Tx, col: string) =>
    tx`(${smos}::text[])[1 + (abs(hashint8(${tx(col)})) % 100 * ${smos.length} / 100)]`;

  await step('persons', async (tx) => {
    await tx`
      insert into person.person (id, enp, snils, fam, im, ot, sex, birth_date, doc_type, doc_ser, doc_num, phone)
      select id, '98' || lpad(id::text, 14, '0'),
             case when id % 25 = 0 then null
                  else substr(s, 1, 3) || '-' || substr(s, 4, 3) || '-' || substr(s, 7, 3) || ' 00' end,
             case when female then (${fams}::text[])[1 + ${surnames.length} + f]
                  else (${fams}::text[])[1 + f] end,
             case when female then (${femaleNames}::text[])[1 + n % ${femaleNames.length}]
                  else (${maleNames}::text[])[1 + n % ${maleNames.length}] end,
             null, case when female then 2 else 1 end,
             date '2026-01-01' - (floor(random() * 33000))::int, 14, '9901', lpad((id % 1000000)::text, 6, '0'),
             null
      from (select id, lpad((id % 1000000000)::text, 9, '0') as s, abs(hashint8(id + 7)) % 2 = 0 as female,
                   (abs(hashint8(id + 11)) % ${surnames.length})::int as f, abs(hashint8(id + 13))::int as n
            from generate_series(${first}::bigint, ${last}::bigint) id) g`;
    await tx`
      insert into person.policy (person_id, policy_type, number, smo_code, date_beg)
      select id, 3, '98' || lpad(id::text, 14, '0'), ${smoOf(tx, 'id')}, date '2015-01-01' + (id % 3000)::int
      from generate_series(${first}::bigint, ${last}::bigint) id`;
    await tx`
      insert into person.attachment (person_id, mo_code, district_code, doctor_snils, date_beg)
      select id, (${districts.map((d) => d.mo)}::text[])[k], (${districts.map((d) => d.code)}::text[])[k],
             (${districts.map((d) => d.doctor)}::text[])[k], date '2016-01-01' + (id % 3000)::int
      from (select id, 1 + (abs(hashint8(id + 17)) % ${districts.length})::int as k
            from generate_series(${first}::bigint, ${last}::bigint) id) g`;
    await tx`
      select setval(pg_get_serial_sequence('person.person', 'id'), (select max(id) + 1 from person.person), false)`;
  });

  // Referrals over five years: the recent ones mostly issued (some to admit, some overdue), the older ones
  // mostly discharged, some cancelled or expired.
  await step('referrals', async (tx) => {
    await tx`
      insert into hosp.referral (sender_code, source_id, number, referral_date, form_v014, from_mo_code,
        from_department_code, to_mo_code, to_department_code, conditions_v006, profile_v002, bed_profile_v020,
        diagnosis, doctor_snils, planned_date, valid_until, kind, person_id, smo_code, status, cancel_source,
        cancel_org_code, cancel_reason, cancel_date, received_at, updated_at)
      select fm, 'big-' || g, 'BIG-' || g, rd, 3, fm, 'P1', (${wards.map((w) => w.mo)}::text[])[w],
             (${wards.map((w) => w.code)}::text[])[w], 1, (${wards.map((w) => w.profile)}::int[])[w],
             (${wards.map((w) => w.bed)}::int[])[w], (${diagnoses}::text[])[1 + (g % ${diagnoses.length})::int],
             '123-456-789 64', rd + (g % 20)::int, rd + 30, 'plain', pid, ${smoOf(tx, 'pid')}, st,
             case when st = 'cancelled' then 1 end, case when st = 'cancelled' then fm end,
             case when st = 'cancelled' then 1 + (g % 9)::int end, case when st = 'cancelled' then rd + 5 end,
             rd::timestamptz + interval '10 hours', rd::timestamptz + interval '10 hours'
      from (
        select g, fm, w, pid, rd,
               case when age < 35 then (case when u < 0.7 then 'issued' when u < 0.9 then 'admitted' else 'cancelled' end)
                    else (case when u < 0.03 then 'issued' when u < 0.15 then 'cancelled' else 'discharged' end)
               end as st
        from (
          select g, (${primary}::text[])[1 + (abs(hashint8(g + 19)) % ${primary.length})::int] as fm,
                 1 + (abs(hashint8(g + 23)) % ${wards.length})::int as w,
                 ${first}::bigint + abs(hashint8(g + 29)) % ${size.persons} as pid,
                 age, current_date - age as rd, random() as u
          from (select g, (floor(random() * 1800))::int as age
                from generate_series(1, ${size.referrals}::bigint) g) a
        ) b
      ) c
      order by rd`;
  });

  await step('stays', async (tx) => {
    await tx`
      insert into hosp.stay (sender_code, source_id, kind, referral_id, referral_number, referral_date, mo_code,
        department_code, form_v014, conditions_v006, profile_v002, bed_profile_v020, admitted_on, case_number,
        diagnosis, person_id, smo_code, referring_mo_code, discharged_on, outcome, received_at, updated_at)
      select r.to_mo_code, 'big-r' || r.id, 'planned', r.id, r.number, r.referral_date, r.to_mo_code,
             r.to_department_code, 3, 1, r.profile_v002, r.bed_profile_v020, a.on_, 'И-' || r.id, r.diagnosis,
             r.person_id, r.smo_code, r.from_mo_code,
             case when r.status = 'discharged' then least(a.on_ + (r.id % 14)::int, current_date) end,
             case when r.status = 'discharged' then 1 end,
             a.on_::timestamptz + interval '12 hours', a.on_::timestamptz + interval '12 hours'
      from hosp.referral r, lateral (select least(r.planned_date, current_date) as on_) a
      where r.status in ('admitted', 'discharged') and r.source_id like 'big-%'
      order by r.referral_date, r.id
      limit ${size.stays}`;
    const [{ n }] = (await tx<{ n: number }[]>`
      select count(*)::int as n from hosp.stay where source_id like 'big-r%'`) as unknown as [{ n: number }];
    const emergency = Math.max(0, size.stays - n);
    await tx`
      insert into hosp.stay (sender_code, source_id, kind, mo_code, department_code, form_v014, conditions_v006,
        profile_v002, bed_profile_v020, admitted_on, case_number, diagnosis, person_id, smo_code, discharged_on,
        outcome, received_at, updated_at)
      select (${wards.map((w) => w.mo)}::text[])[w], 'big-e' || g, 'emergency', (${wards.map((w) => w.mo)}::text[])[w],
             (${wards.map((w) => w.code)}::text[])[w], 1, 1, (${wards.map((w) => w.profile)}::int[])[w],
             (${wards.map((w) => w.bed)}::int[])[w], on_, 'Э-' || g, (${diagnoses}::text[])[1 + (g % ${diagnoses.length})::int],
             pid, ${smoOf(tx, 'pid')}, case when on_ < current_date - 14 then on_ + (g % 14)::int end,
             case when on_ < current_date - 14 then 1 end,
             on_::timestamptz + interval '3 hours', on_::timestamptz + interval '3 hours'
      from (select g, 1 + (abs(hashint8(g + 31)) % ${wards.length})::int as w,
                   ${first}::bigint + abs(hashint8(g + 37)) % ${size.persons} as pid,
                   current_date - (floor(random() * 1800))::int as on_
            from generate_series(1, ${emergency}::bigint) g) e
      order by on_`;
  });

  await step('events', async (tx) => {
    await tx`
      insert into hosp.event (at, entity, entity_id, event, org_code, username, channel, person_id, from_mo_code,
                              to_mo_code, smo_code)
      select received_at, 'referral', id, 'created', from_mo_code, 'big', 'soap', person_id, from_mo_code,
             to_mo_code, smo_code
      from hosp.referral where source_id like 'big-%'
      union all
      select received_at, 'stay', id, 'admitted', mo_code, 'big', 'soap', person_id, referring_mo_code, mo_code,
             smo_code
      from hosp.stay where source_id like 'big-%'
      order by 1`;
  });

  // The exchange links both МО of a referral and the hospital of a stay to the person (person_link).
  await step('links', async (tx) => {
    await tx`
      insert into person.person_link (person_id, org_code, source)
      select distinct person_id, org, 'referral' from (
        select person_id, to_mo_code as org from hosp.referral where source_id like 'big-%'
        union all
        select person_id, from_mo_code from hosp.referral where source_id like 'big-%') l
      on conflict do nothing`;
    await tx`
      insert into person.person_link (person_id, org_code, source)
      select distinct person_id, mo_code, 'stay' from hosp.stay where source_id like 'big-e%'
      on conflict do nothing`;
  });

  // What reading the lists leaves in the log: one entry per page read, naming the persons shown.
  await step('audit', async (tx) => {
    await tx`
      insert into audit.entry (at, username, org_code, role, channel, action, entity, record_ids, person_ids,
                               record_count, request_id)
      select now() - (g || ' seconds')::interval, 'big_' || (g % 50), (${primary}::text[])[1 + (g % ${primary.length})::int],
             'mo_registrar', 'web', 'read', case when g % 2 = 0 then 'person' else 'hosp.referral' end,
             array[(g % 100000)::text], array[${first}::bigint + g % ${size.persons}, ${first}::bigint + (g * 7) % ${size.persons}],
             2, 'big-' || g
      from generate_series(1, ${size.auditEntries}::bigint) g
      order by g desc`;
  });

  const counts = Object.fromEntries(
    (
      await sql<{ t: string; n: number }[]>`
        select 'person.person' as t, count(*)::int as n from person.person
        union all select 'hosp.referral', count(*)::int from hosp.referral
        union all select 'hosp.stay', count(*)::int from hosp.stay
        union all select 'hosp.event', count(*)::int from hosp.event
        union all select 'person.person_link', count(*)::int from person.person_link
        union all select 'audit.entry', count(*)::int from audit.entry`
    ).map((r) => [r.t, r.n]),
  );
  return { ...size, counts, ms };
}
