import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
let base: string;
const tokens: Record<string, string> = {};

/** A person attached to the first polyclinic (test_mo) and insured by the first СМО (test_smo). */
let sharedPerson: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  base = rt.runtime.url;
  for (const user of [
    'test_tfoms',
    'test_admin',
    'test_mo',
    'test_mo_head',
    'test_mo2',
    'test_smo',
    'test_nsi',
  ]) {
    tokens[user] = await signInToken(base, user);
  }
  const [person] = await rt.db.sql<{ id: string }[]>`
    select p.id::text as id from person.person p
    join person.attachment a on a.person_id = p.id and a.date_end is null
    join person.policy po on po.person_id = p.id and po.date_end is null
    join auth.account mo on mo.username = 'test_mo' and mo.org_code = a.mo_code
    join auth.account smo on smo.username = 'test_smo' and smo.org_code = po.smo_code
    order by p.id limit 1`;
  sharedPerson = person!.id;
});
afterAll(async () => {
  await rt?.stop();
});

const search = (query: string, token = tokens.test_tfoms) =>
  callApi(base, `/api/v1/audit?${query}`, { token });

interface Entry {
  id: string;
  at: string;
  username: string;
  fullName: string | null;
  orgCode: string | null;
  orgShortName: string | null;
  roleTitle: string | null;
  channel: string;
  action: string;
  actionTitle: string;
  entity: string;
  recordIds: string[];
  personIds: string[];
  requestId: string | null;
  details: Record<string, unknown> | null;
}

describe('GET /api/v1/audit', () => {
  it('is for the fund only: МО, СМО and НСИ people get 403 problems in Russian', async () => {
    // Act
    const answers = await Promise.all(
      ['test_mo', 'test_smo', 'test_nsi'].flatMap((user) => [
        search('', tokens[user]),
        callApi(base, '/api/v1/audit/export', { token: tokens[user] }),
      ]),
    );
    const analyst = await search('');
    const admin = await search('', tokens.test_admin);

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.title).toBe('Доступ запрещён');
    }
    expect(analyst.status).toBe(200);
    expect(admin.status).toBe(200);
  });

  it('filters by user and action, and names the organisation and the role in Russian', async () => {
    // Prepare
    const [org] = await rt.db.sql<{ shortName: string }[]>`
      select o.short_name as "shortName" from org.organisation o
      join auth.account a on a.org_code = o.code where a.username = 'test_mo'`;

    // Act
    const res = await search('username=TEST_MO&action=sign_in');

    // Assess
    expect(res.status).toBe(200);
    const items = res.body.items as Entry[];
    expect(items.length).toBeGreaterThanOrEqual(1);
    for (const item of items) {
      expect(item).toMatchObject({
        username: 'test_mo',
        action: 'sign_in',
        actionTitle: 'Вход в систему',
        channel: 'web',
        roleTitle: 'Регистратор МО',
        entity: 'account',
      });
      expect(item.orgShortName).toBe(org!.shortName);
    }
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, totalExact: true, totalCap: 10_000 });
    expect(res.body.total).toBe(items.length);
  });

  it('filters by organisation, channel, entity, period, request id and record id', async () => {
    // Prepare: the analyst's own search leaves a read entry naming the entries it showed
    const shown = await search('orgCode=990001&channel=web&entity=account');
    const shownIds = (shown.body.items as Entry[]).map((e) => e.id);
    // Audit days are Moscow days (auditDayTimeZone): from 21:00 UTC on, Moscow is already a day ahead.
    const moscowDay = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(ms));
    const today = moscowDay(Date.now());
    const tomorrow = moscowDay(Date.now() + 86_400_000);
    const yesterday = moscowDay(Date.now() - 86_400_000);

    // Act
    const byRecord = await search(`recordId=${shownIds[0]}&entity=audit.entry`);
    const byRequest = await search(`requestId=${encodeURIComponent(byRecord.body.items[0].requestId)}`);
    const fromTomorrow = await search(`from=${tomorrow}`);
    const untilYesterday = await search(`to=${yesterday}`);
    const todayOnly = await search(`from=${today}&to=${tomorrow}&username=test_mo2`);
    const lastMinute = await search(
      `from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}&username=test_tfoms`,
    );

    // Assess
    expect(shownIds.length).toBeGreaterThanOrEqual(2);
    for (const item of shown.body.items as Entry[]) {
      expect(item).toMatchObject({ orgCode: '990001', channel: 'web', entity: 'account' });
    }
    expect(byRecord.status).toBe(200);
    const readEntry = (byRecord.body.items as Entry[]).find((e) => e.action === 'read');
    expect(readEntry).toMatchObject({ username: 'test_tfoms', entity: 'audit.entry', recordIds: shownIds });
    expect(byRequest.body.items.length).toBeGreaterThanOrEqual(1);
    for (const item of byRequest.body.items as Entry[]) expect(item.requestId).toBe(readEntry!.requestId);
    expect(fromTomorrow.body.total).toBe(0);
    expect(untilYesterday.body.total).toBe(0);
    expect((todayOnly.body.items as Entry[]).map((e) => e.action)).toContain('sign_in');
    expect((lastMinute.body.items as Entry[]).every((e) => e.username === 'test_tfoms')).toBe(true);
    expect(lastMinute.body.total).toBeGreaterThanOrEqual(2);
  });

  it('records every read of the log in the log: the ids of the entries shown', async () => {
    // Act
    const read = await search('username=test_smo&pageSize=5');
    const after = await search('entity=audit.entry&action=read&username=test_tfoms&pageSize=1');

    // Assess
    const [latest] = after.body.items as Entry[];
    expect(latest!.recordIds).toEqual((read.body.items as Entry[]).map((e) => e.id));
    expect(latest!.channel).toBe('rest');
  });

  it('walks the whole log with a keyset cursor, the same entries as the pages, newest first', async () => {
    // Prepare
    const filter = 'entity=account';
    const pages = await search(`${filter}&pageSize=200`);

    // Act
    const walked: Entry[] = [];
    let cursor: string | null = null;
    do {
      const res = await search(`${filter}&pageSize=3${cursor ? `&after=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      walked.push(...(res.body.items as Entry[]));
      cursor = res.body.nextCursor;
    } while (cursor);

    // Assess
    expect(walked.map((e) => e.id)).toEqual((pages.body.items as Entry[]).map((e) => e.id));
    const keys = walked.map((e) => [Date.parse(e.at), Number(e.id)] as const);
    for (let i = 1; i < keys.length; i++) {
      const [at, id] = keys[i]!;
      const [prevAt, prevId] = keys[i - 1]!;
      expect(at < prevAt || (at === prevAt && id < prevId)).toBe(true);
    }
  });

  it('answers 400 problems with FLK entries for bad filters, cursors and pages beyond the window', async () => {
    // Act
    const answers = await Promise.all([
      search('from=31.12.2025'),
      search('action=steal'),
      search('personId=abc'),
      search('after=bm9wZQ'),
      search('page=300&pageSize=50'),
      search('role=boss'),
    ]);

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.title).toBe('Ошибка в запросе');
      expect(answer.body.errors[0].message).toMatch(/[А-Яа-я]/);
    }
    expect(answers[3]!.body.errors[0].message).toContain('курсор');
    expect(answers[4]!.body.errors[0].message).toMatch(/10\s000/);
  });
});

describe('GET /api/v1/audit/export', () => {
  it('downloads CSV with BOM, «;» and Russian headers, the same rows as the search, and logs the export', async () => {
    // Prepare
    const filter = 'entity=account&action=sign_in';
    const listed = await search(`${filter}&pageSize=200`);

    // Act
    const res = await fetch(`${base}/api/v1/audit/export?${filter}`, {
      headers: { authorization: `Bearer ${tokens.test_tfoms}`, 'accept-encoding': 'identity' },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const logged = await search('action=export&entity=audit.entry&pageSize=1');

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=audit-all-${today}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Номер записи;Время (UTC, ISO 8601);Пользователь;Код организации;Организация;Роль;Канал;Действие;Объект;' +
        'Количество записей;Идентификаторы записей;Идентификаторы лиц;Идентификатор запроса;Подробности',
    );
    const rows = lines.slice(1).map((line) => line.split(';'));
    expect(rows.map((r) => r[0])).toEqual((listed.body.items as Entry[]).map((e) => e.id));
    for (const row of rows) {
      expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(row[7]).toBe('Вход в систему');
    }
    const [entry] = logged.body.items as Entry[];
    expect(entry).toMatchObject({
      username: 'test_tfoms',
      action: 'export',
      details: { filter: { entity: 'account', action: 'sign_in' }, rows: rows.length },
    });
  });

  it('sends the file gzipped when the client accepts it, named by the period', async () => {
    // Act
    const res = await fetch(`${base}/api/v1/audit/export?from=2026-01-01&to=2026-12-31`, {
      headers: { authorization: `Bearer ${tokens.test_admin}`, 'accept-encoding': 'gzip' },
    });

    // Assess (fetch unzips the body itself)
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename=audit-2026-01-01-2026-12-31.csv',
    );
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFНомер записи;')).toBe(true);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('refuses more than 100,000 entries with a 400 problem asking to narrow the filter', async () => {
    // Prepare: the owner appends 100,001 entries of one entity (the application role cannot)
    await rt.db.sql`
      insert into audit.entry (username, org_code, role, channel, action, entity, record_count)
      select 'bulk_writer', '99', 'tfoms_system', 'system', 'create', 'bulk.test', 1
      from generate_series(1, 100001)`;

    // Act
    const res = await callApi(base, '/api/v1/audit/export?entity=bulk.test', { token: tokens.test_tfoms });

    // Assess
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('Слишком много записей для выгрузки');
    expect(res.body.detail).toMatch(/100\s000/);
    const counted = await search('entity=bulk.test&pageSize=1');
    expect(counted.body).toMatchObject({ total: 10_000, totalExact: false });
  });
});

describe('GET /api/v1/persons/{id}/access-log', () => {
  it('shows the fund who opened the card; an МО only its own people; another МО gets 404', async () => {
    // Prepare: an МО registrar and an СМО representative open the person card
    const cards = await Promise.all(
      ['test_mo', 'test_smo'].map((user) =>
        callApi(base, `/api/v1/persons/${sharedPerson}`, { token: tokens[user] }),
      ),
    );
    expect(cards.map((card) => card.status)).toEqual([200, 200]);

    // Act
    const fund = await callApi(base, `/api/v1/persons/${sharedPerson}/access-log`, {
      token: tokens.test_tfoms,
    });
    const mo = await callApi(base, `/api/v1/persons/${sharedPerson}/access-log`, { token: tokens.test_mo });
    const otherMo = await callApi(base, `/api/v1/persons/${sharedPerson}/access-log`, {
      token: tokens.test_mo2,
    });
    const missing = await callApi(base, '/api/v1/persons/999999999/access-log', { token: tokens.test_tfoms });

    // Assess
    expect(fund.status).toBe(200);
    const fundReaders = (fund.body.items as Entry[]).filter((e) => e.entity === 'person');
    expect(new Set(fundReaders.map((e) => e.username))).toEqual(new Set(['test_mo', 'test_smo']));
    for (const entry of fund.body.items as Entry[]) expect(entry.personIds).toContain(sharedPerson);
    expect(fundReaders.find((e) => e.username === 'test_mo')).toMatchObject({
      orgCode: '990001',
      roleTitle: 'Регистратор МО',
      actionTitle: 'Просмотр',
    });
    expect(mo.status).toBe(200);
    const moEntries = mo.body.items as Entry[];
    expect(moEntries.some((e) => e.username === 'test_mo' && e.entity === 'person')).toBe(true);
    expect(moEntries.every((e) => e.orgCode === '990001')).toBe(true);
    expect(moEntries.find((e) => e.username === 'test_mo')?.fullName).toBe('Кузнецов Игорь Петрович');
    expect(otherMo.status).toBe(404);
    expect(otherMo.body.title).toBe('Не найдено');
    expect(missing.status).toBe(404);
  });

  it('is itself audited with the person, so the fund sees who looked at the log', async () => {
    // Act
    await callApi(base, `/api/v1/persons/${sharedPerson}/access-log`, { token: tokens.test_mo });
    const res = await search(`personId=${sharedPerson}&entity=person.access-log&username=test_mo`);

    // Assess
    expect(res.body.items.length).toBeGreaterThanOrEqual(1);
    expect(res.body.items[0]).toMatchObject({ action: 'read', personIds: [sharedPerson], orgCode: '990001' });
  });
});

describe('audit.entry is append-only', () => {
  const analyst = { username: 'test_admin', role: 'fund_admin', orgCode: '99' } as const;

  it.each([
    ['update', 'update audit.entry set username = $$x$$'],
    ['delete', 'delete from audit.entry'],
    [
      'insert',
      "insert into audit.entry (username, channel, action, entity, record_count) values ('x', 'web', 'read', 'x', 0)",
    ],
    ['truncate', 'truncate audit.entry'],
  ])('the application role may not %s it', async (_name, statement) => {
    // Act
    const attempt = rt.db.as(analyst, (tx) => tx.unsafe(statement));

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: '42501',
      message: expect.stringContaining('permission denied'),
    });
  });

  it('the owner may not change or delete entries either: the trigger refuses', async () => {
    // Act
    const update = rt.db
      .sql`update audit.entry set username = 'x' where id = (select min(id) from audit.entry)`;
    const remove = rt.db.sql`delete from audit.entry where id = (select min(id) from audit.entry)`;

    // Assess
    await expect(update).rejects.toMatchObject({ message: 'audit log is append-only' });
    await expect(remove).rejects.toMatchObject({ message: 'audit log is append-only' });
  });
});
