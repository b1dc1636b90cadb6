import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personAccessLog } from '../../shared/audit/db/person-access-log';
import { readFeed } from '../../shared/hospitalisation/db/feeds';
import { waitingDays, worklistCounts } from '../../shared/hospitalisation/db/home-figures';
import { hospitalisationRecordSources } from '../../shared/hospitalisation/db/person-records';
import { listAdmissions, listReferrals } from '../../shared/hospitalisation/db/queries';
import { worklistsFor } from '../../shared/hospitalisation/domain/worklists';
import { searchPersons } from '../../shared/person/db/person-repository';
import { roleOrganisationKind } from '../../shared/platform/access/roles';
import { type AccessContext, audit, withCaller } from '../../shared/platform/access/scoped';
import { baseOptions, type Sql, type Tx } from '../../shared/platform/db/connection';
import { generateBigRegister } from '../helpers/big-register';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { indexesUsed, plansOf, seqScannedTables } from '../helpers/plans';

// Lists and feeds must read through indexes at any register size (issue 10). Over a register of more than
// 100,000 persons with 100,000 referrals, 100,000 stays, their events and 50,000 audit entries (set-based, see
// test/helpers/big-register.ts), every list and feed runs as each kind of organisation runs it — the application
// role under row-level security, the caller set as the handlers set it — and each statement it sent is explained
// with its own parameters. The statements that show a page's rows (`… unnest(ids) …`) are explained as generic
// plans too: those plans are cached per connection. A sequential scan of a big table fails the test, and so does an
// МО's or СМО's read of the exchange tables through a full index without an index condition (a walk of the
// region's whole order; a partial index of the current rows — issued referrals, stays not discharged — is a few
// per cent of the table, and which of those the planner takes depends on counts the 1,000,000-person bench has).
let db: TestDatabase;
let app: Sql;
const captured: { query: string; parameters: unknown[] }[] = [];
let capturing = false;

const size = { persons: 100_000, referrals: 100_000, stays: 100_000, auditEntries: 50_000 };
const bigTables = [
  'person',
  'policy',
  'attachment',
  'person_link',
  'referral',
  'stay',
  'event',
  'movement',
  'entry',
];
const exchangeTables = ['referral', 'stay', 'event'];
/** Partial indexes (of the current rows: issued referrals, stays not discharged) — a few per cent of a table. */
const partialIndexes = new Set<string>();

const callers: Record<'tfoms' | 'smo' | 'mo' | 'hospital', AccessContext> = {} as never;
const cursors = { referral: '0', stay: '0', event: '0' };
let somePersonId = '';
/** The same person as the patient filter and the referral form's look-up name them. */
const somePatient = { enp: '', surname: '', birthDate: '', policy: '' };
let auditedPersonId = '';

beforeAll(async () => {
  db = await createTestDatabase();
  await generateBigRegister(db.sql, size);
  for (const [key, username] of [
    ['tfoms', 'test_tfoms'],
    ['smo', 'test_smo'],
    ['mo', 'test_mo'],
    ['hospital', 'test_hosp'],
  ] as const) {
    const [account] = await db.sql<{ role: AccessContext['role']; orgCode: string }[]>`
      select role, org_code as "orgCode" from auth.account where username = ${username}`;
    callers[key] = {
      username,
      role: account!.role,
      orgCode: account!.orgCode,
      orgKind: roleOrganisationKind[account!.role],
      channel: 'rest',
      requestId: 'read-plans',
    };
  }
  // Feeds are read from the middle of each table's change sequence, as a receiver that is catching up.
  const [middle] = await db.sql<{ referral: string; stay: string; event: string }[]>`
    select (select percentile_disc(0.5) within group (order by change_seq) from hosp.referral)::text as referral,
           (select percentile_disc(0.5) within group (order by change_seq) from hosp.stay)::text as stay,
           (select percentile_disc(0.5) within group (order by change_seq) from hosp.event)::text as event`;
  Object.assign(cursors, middle);
  const [person] = await db.sql<{ id: string }[]>`
    select r.person_id::text as id from hosp.referral r
    where r.to_mo_code = ${callers.hospital.orgCode} order by r.id desc limit 1`;
  somePersonId = person!.id;
  const [patient] = await db.sql<{ enp: string; fam: string; birthDate: string; policy: string }[]>`
    select p.enp, p.fam, to_char(p.birth_date, 'DD.MM.YYYY') as "birthDate",
           (select x.number from person.policy x where x.person_id = p.id order by x.date_beg limit 1) as policy
    from person.person p where p.id = ${somePersonId}`;
  Object.assign(somePatient, { ...patient!, surname: patient!.fam.slice(0, 4) });
  const [audited] = await db.sql<{ id: string }[]>`
    select person_ids[1]::text as id from audit.entry where entity = 'person' order by id desc limit 1`;
  auditedPersonId = audited!.id;
  for (const { name } of await db.sql<{ name: string }[]>`
    select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid where i.indpred is not null`) {
    partialIndexes.add(name);
  }
  app = postgres(db.appUrl, {
    ...baseOptions(1),
    debug: (_connection: number, query: string, parameters: unknown[]) => {
      if (capturing) captured.push({ query, parameters });
    },
  }) as unknown as Sql;
}, 240_000);

afterAll(async () => {
  await app?.end({ timeout: 5 });
  await db?.drop();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

/** What a read statement does wrong in a plan: sequential scans of big tables, scope-less exchange reads. */
function faultsOf(plan: PlanNode, scoped: boolean): string[] {
  return [...nodesOf(plan)].flatMap((node) => {
    const table = node['Relation Name'];
    if (!table) return [];
    if (node['Node Type'] === 'Seq Scan' && bigTables.includes(table)) return [`Seq Scan on ${table}`];
    if (
      scoped &&
      exchangeTables.includes(table) &&
      (node['Node Type'] === 'Index Scan' || node['Node Type'] === 'Index Only Scan') &&
      !node['Index Cond'] &&
      !partialIndexes.has(node['Index Name'] ?? '')
    ) {
      return [`${table} read in the whole region's order (${node['Index Name']}) without an index condition`];
    }
    return [];
  });
}

/** The read statements a call sent (not the caller context, the audit entry, or postgres.js's type look-up). */
function reads(): { query: string; parameters: unknown[] }[] {
  return captured.filter(
    ({ query }) =>
      !/set_config\(|audit\.record\(|pg_catalog\./.test(query) &&
      !/^\s*(begin|commit|rollback)\b/i.test(query),
  );
}

/**
 * Runs `fn` as `who` (the application role, row-level security, the caller's context), then explains every read
 * statement it sent with the same parameters in the same caller context; answers what `fn` answered and the faults.
 */
async function explainCall<T>(
  who: AccessContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<{ answer: T; statements: number; faults: string[] }> {
  captured.length = 0;
  capturing = true;
  let answer: T;
  try {
    answer = await withCaller(app, who, fn);
  } finally {
    capturing = false;
  }
  const statements = reads();
  const scoped = who.orgKind !== 'TFOMS';
  const faults: string[] = [];
  for (const { query, parameters } of statements) {
    const modes = /\bunnest\(/.test(query) ? ['custom', 'generic'] : ['custom'];
    for (const mode of modes) {
      const rows = (await withCaller(app, who, (tx) =>
        tx.unsafe(
          `explain (format json${mode === 'generic' ? ', generic_plan' : ''}) ${query}`,
          (mode === 'generic' ? [] : parameters) as never[],
        ),
      )) as unknown as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
      const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
      for (const fault of faultsOf(plan, scoped)) {
        faults.push(`${fault} — ${mode} plan of: ${query.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
  }
  return { answer, statements: statements.length, faults };
}

type Call = (tx: Tx, who: AccessContext) => Promise<{ items: unknown[] } | unknown[] | number | null>;
type Kind = keyof typeof callers;

const page = { page: 1, pageSize: 25 };
const cases: { name: string; kinds: Kind[]; call: Call; empty?: Kind[] }[] = [
  // The person list as GET /api/v1/persons runs it (the handler audits the page).
  ...(['fam', '-fam', 'birthDate', '-birthDate', 'enp'] as const).map((sort) => ({
    name: `persons, sorted by ${sort}`,
    kinds: ['tfoms', 'smo', 'mo', 'hospital'] as Kind[],
    call: (async (tx) => {
      const found = await searchPersons(tx, { ...page, sort });
      await audit(tx, 'read', 'person', { persons: found.items.map((p) => p.id) }, { list: true });
      return found;
    }) satisfies Call,
  })),
  {
    name: 'persons, page 3 by surname',
    kinds: ['tfoms', 'smo', 'mo', 'hospital'],
    call: (tx) => searchPersons(tx, { page: 3, pageSize: 25, sort: 'fam' }),
  },
  {
    name: 'persons, search by the beginning of a surname (and of a name), by ЕНП',
    kinds: ['tfoms', 'smo', 'mo', 'hospital'],
    call: async (tx) => {
      const bySurname = await searchPersons(tx, { ...page, sort: 'fam', q: 'Ивано' });
      const byBoth = await searchPersons(tx, { ...page, sort: '-fam', q: 'ПЕТ ал' });
      const byEnp = await searchPersons(tx, { ...page, sort: 'fam', q: '9800000000012345' });
      return [...bySurname.items, ...byBoth.items, ...byEnp.items];
    },
  },
  {
    name: 'persons, search by surname and birth date, by policy number (the referral form’s look-up)',
    kinds: ['tfoms', 'smo', 'mo', 'hospital'],
    call: async (tx) => {
      const q = `${somePatient.surname} ${somePatient.birthDate}`;
      const byBirth = await searchPersons(tx, { page: 1, pageSize: 8, sort: 'fam', q });
      const byPolicy = await searchPersons(tx, { page: 1, pageSize: 8, sort: 'fam', q: somePatient.policy });
      return [...byBirth.items, ...byPolicy.items];
    },
    // The person is the hospital's patient: outside the polyclinic's and the СМО's scope.
    empty: ['smo', 'mo'],
  },
  {
    name: 'persons of an СМО and of an МО (filters)',
    kinds: ['tfoms'],
    call: async (tx) => {
      const bySmo = await searchPersons(tx, { ...page, sort: 'fam', smoCode: callers.smo.orgCode });
      const byMo = await searchPersons(tx, { ...page, sort: 'fam', moCode: callers.mo.orgCode });
      return [...bySmo.items, ...byMo.items];
    },
  },
  // Referral worklists (GET /api/v1/referrals) as the web's tabs open them.
  ...(
    [
      ['sent', { direction: 'sent', sort: '-date' }, ['mo']],
      ['incoming', { direction: 'incoming', sort: '-date' }, ['hospital']],
      ['to admit', { direction: 'incoming', status: 'issued', sort: 'plannedDate' }, ['hospital']],
      ['overdue', { direction: 'incoming', overdue: true, sort: '-date' }, ['hospital']],
      ['all', { direction: 'all', sort: '-date' }, ['tfoms', 'smo', 'mo', 'hospital']],
      ['all, by planned date', { direction: 'all', sort: '-plannedDate' }, ['tfoms', 'smo', 'hospital']],
      [
        'issued, by planned date',
        { direction: 'all', status: 'issued', sort: 'plannedDate' },
        ['tfoms', 'smo'],
      ],
      ['overdue (reader)', { direction: 'all', overdue: true, sort: '-date' }, ['tfoms', 'smo']],
      [
        'cancelled, oldest first',
        { direction: 'all', status: 'cancelled', sort: 'date' },
        ['tfoms', 'hospital'],
      ],
    ] as const
  ).map(([name, query, kinds]) => ({
    name: `referrals: ${name}`,
    kinds: [...kinds] as Kind[],
    call: ((tx, who) => listReferrals(tx, who, { ...page, ...query })) satisfies Call,
  })),
  {
    name: 'referrals: search by number, by person, by МО and by dates',
    kinds: ['tfoms', 'smo', 'hospital'],
    call: async (tx, who) => {
      const byNumber = await listReferrals(tx, who, {
        ...page,
        direction: 'all',
        sort: '-date',
        q: 'BIG-99',
      });
      const byPerson = await listReferrals(tx, who, {
        ...page,
        direction: 'all',
        sort: '-date',
        personId: somePersonId,
      });
      const byMo = await listReferrals(tx, who, {
        ...page,
        direction: 'all',
        sort: '-date',
        moCode: callers.mo.orgCode,
      });
      const byDates = await listReferrals(tx, who, {
        ...page,
        direction: 'all',
        sort: 'date',
        dateFrom: '2024-01-01',
        dateTo: '2024-01-31',
      });
      return [...byNumber.items, ...byPerson.items, ...byMo.items, ...byDates.items];
    },
  },
  {
    name: 'referrals and stays filtered by patient: surname, ЕНП',
    kinds: ['tfoms', 'smo', 'mo', 'hospital'],
    call: async (tx, who) => {
      const found = [];
      for (const patient of [somePatient.surname, somePatient.enp]) {
        found.push(
          ...(await listReferrals(tx, who, { ...page, direction: 'all', sort: '-date', patient })).items,
        );
        found.push(...(await listAdmissions(tx, who, { ...page, patient })).items);
      }
      return found;
    },
    empty: ['smo', 'mo'],
  },
  // Stays (GET /api/v1/admissions) and their tabs.
  ...([undefined, 'in_hospital', 'discharged'] as const).map((state) => ({
    name: `stays${state ? `: ${state}` : ''}`,
    kinds: ['tfoms', 'smo', 'mo', 'hospital'] as Kind[],
    call: ((tx, who) => listAdmissions(tx, who, { ...page, ...(state ? { state } : {}) })) satisfies Call,
  })),
  // Feeds (REST /api/v1/hospitalisation/feeds/{feed}, SOAP Get…) from the middle of the change sequence.
  ...(
    [
      ['referrals', false, 'referral', ['tfoms', 'smo', 'hospital']],
      ['referrals', true, 'referral', ['mo']],
      ['admissions', false, 'stay', ['tfoms', 'smo', 'mo']],
      ['admissions', true, 'stay', ['hospital']],
      ['events', false, 'event', ['tfoms', 'smo', 'mo', 'hospital']],
    ] as const
  ).map(([feed, sent, table, kinds]) => ({
    name: `feed ${feed}${sent ? ' (sent)' : ''}`,
    kinds: [...kinds] as Kind[],
    call: ((tx, who) => readFeed(tx, who, feed, { cursor: cursors[table], limit: 100, sent })) satisfies Call,
  })),
  {
    name: 'feed free-beds',
    kinds: ['tfoms', 'hospital'],
    call: (tx, who) => readFeed(tx, who, 'free-beds', { limit: 100 }),
    empty: ['tfoms', 'hospital'],
  },
  // The home page (GET /api/v1/hospitalisation/home): each worklist counted, each list it opens, waiting days.
  {
    name: 'home: the worklists counted',
    kinds: ['smo', 'mo', 'hospital'],
    call: async (tx, who) => (await worklistCounts(tx, who)).map((w) => w.count),
  },
  {
    name: 'home: the lists the worklists open',
    kinds: ['smo', 'mo', 'hospital'],
    call: async (tx, who) => {
      const rows = [];
      for (const w of worklistsFor(who.orgKind, true)) {
        if (w.list === 'referrals') {
          rows.push(
            ...(await listReferrals(tx, who, { ...page, direction: 'all', sort: '-date', worklist: w.id }))
              .items,
          );
        } else if (w.list === 'admissions') {
          rows.push(...(await listAdmissions(tx, who, { ...page, worklist: w.id })).items);
        }
      }
      return rows;
    },
    // The big register's dates are its own: today's worklists may hold nothing.
    empty: ['smo', 'mo', 'hospital'],
  },
  {
    name: 'home: waiting days from referral to admission',
    kinds: ['tfoms', 'smo', 'mo', 'hospital'],
    call: (tx, who) => waitingDays(tx, who, 90),
    empty: ['tfoms', 'smo', 'mo', 'hospital'],
  },
  // The person card's counts of referrals and stays.
  {
    name: 'a person’s referrals and stays counted for the card',
    kinds: ['tfoms', 'hospital'],
    call: async (tx) => {
      let n = 0;
      for (const source of hospitalisationRecordSources) n += await source.count(tx, somePersonId);
      return n;
    },
  },
  // A person's access log (the audit entries naming the person).
  {
    name: 'audit log of a person',
    kinds: ['tfoms'],
    call: (tx) => personAccessLog(tx, Number(auditedPersonId), { page: 1, pageSize: 50 }),
  },
];

describe('list and feed plans over a register of 100,000+ persons', () => {
  it('has the register to plan against', async () => {
    const [row] = await db.sql<{ persons: number; referrals: number; stays: number; events: number }[]>`
      select (select count(*)::int from person.person) as persons,
             (select count(*)::int from hosp.referral) as referrals,
             (select count(*)::int from hosp.stay) as stays,
             (select count(*)::int from hosp.event) as events`;
    expect(row!.persons).toBeGreaterThan(size.persons);
    expect(row!.referrals).toBeGreaterThanOrEqual(size.referrals);
    expect(row!.stays).toBeGreaterThanOrEqual(size.stays);
    expect(row!.events).toBeGreaterThanOrEqual(size.referrals + size.stays);
  });

  for (const c of cases) {
    for (const kind of c.kinds) {
      it(`${c.name}, as ${kind === 'mo' ? 'a polyclinic' : kind === 'hospital' ? 'a hospital' : kind}`, async () => {
        const { answer, statements, faults } = await explainCall(callers[kind], (tx) =>
          c.call(tx, callers[kind]),
        );
        expect(statements).toBeGreaterThan(0);
        expect(faults).toEqual([]);
        // Not vacuous: the call found rows (a list page, or a count).
        if (!c.empty?.includes(kind)) {
          const found =
            typeof answer === 'number'
              ? answer
              : Array.isArray(answer)
                ? answer.length
                : ((answer as { items: unknown[] } | null)?.items.length ?? 0);
          expect(found).toBeGreaterThan(0);
        }
      });
    }
  }

  it('answers polls (hosp.feed_has_news) from the feeds’ key-range indexes, also with the generic plans PL/pgSQL keeps', async () => {
    const polls = [
      ['referrals', false, 'referral', ['tfoms', 'smo', 'hospital']],
      ['referrals', true, 'referral', ['mo']],
      ['admissions', false, 'stay', ['tfoms', 'smo', 'mo']],
      ['admissions', true, 'stay', ['hospital']],
      ['events', false, 'event', ['tfoms', 'smo', 'mo', 'hospital']],
    ] as const;
    const [end] = await db.sql<{ referral: string; stay: string; event: string }[]>`
      select (select max(change_seq)::text from hosp.referral) as referral,
             (select max(change_seq)::text from hosp.stay) as stay,
             (select max(change_seq)::text from hosp.event) as event`;
    let checked = 0;
    for (const [feed, sent, table, kinds] of polls) {
      for (const kind of kinds) {
        const who = callers[kind];
        for (const cursor of [cursors[table], end![table]]) {
          // Seven calls: from the sixth on, PL/pgSQL may run a generic plan; every call's plans count.
          const plans = await plansOf(db.url, async (sql) => {
            await sql`set role omslink_app`;
            for (let i = 0; i < 7; i++) {
              await sql`select hosp.feed_has_news(${who.username}, ${who.orgCode}, ${who.orgKind}, ${who.role},
                                                  'soap', '', ${feed}, ${sent}, ${cursor}::bigint)`;
            }
          });
          const reads = plans.filter((p) => JSON.stringify(p).includes('"Relation Name"'));
          const label = `${feed}${sent ? ' (sent)' : ''} as ${kind} after ${cursor}`;
          expect(reads.length, label).toBeGreaterThan(0);
          expect(seqScannedTables(reads), label).toEqual([]);
          expect(
            indexesUsed(reads).filter((i) => !i.endsWith('_seq')),
            label,
          ).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(24);
  });

  it('shows a page’s rows through a plan cached per connection (no planning per call)', async () => {
    const who = callers.hospital;
    const query = { ...page, direction: 'incoming', sort: '-date' } as const;
    for (let i = 0; i < 8; i++) await withCaller(app, who, (tx) => listReferrals(tx, who, query));
    const [shown] = await app<{ generic: number; custom: number }[]>`
      select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
      where statement like '%unnest(%' and statement like '%hosp.referral r on r.id = page.id%'`;
    expect(shown!.generic).toBeGreaterThan(0);
    expect(shown!.custom).toBeLessThanOrEqual(5);
  });

  it('plans a feed page’s ids for its own cursor, never with a generic plan (which sorted a hospital’s every referral)', async () => {
    for (const [who, feed, table] of [
      [callers.hospital, 'referrals', 'hosp.referral'],
      [callers.smo, 'admissions', 'hosp.stay'],
      [callers.mo, 'events', 'hosp.event'],
    ] as const) {
      for (let i = 0; i < 8; i++) {
        await withCaller(app, who, (tx) => readFeed(tx, who, feed, { cursor: '0', limit: 50 }));
      }
      const plans = await app<{ generic: number; custom: number }[]>`
        select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
        where statement like ${`%from ${table} %order by%limit%`} and statement not like '%unnest(%'`;
      expect(plans.length).toBeGreaterThan(0);
      expect(plans.filter((p) => p.generic > 0)).toEqual([]);
      expect(plans.reduce((n, p) => n + p.custom, 0)).toBeGreaterThanOrEqual(8);
    }
  });
});
