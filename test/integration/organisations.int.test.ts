import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSnils } from '../../shared/person/domain/snils';
import { directoryFile } from '../helpers/organisation-directory';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
let url: string;
let nsi: string;
let registrar: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  url = rt.runtime.url;
  [nsi, registrar] = await Promise.all([signInToken(url, 'test_nsi'), signInToken(url, 'test_mo')]);
});
afterAll(async () => {
  await rt?.stop();
});

const moCode = '998801';
const doctorSnils = makeSnils('861234567');

function upload(token: string, bytes: Uint8Array, fileName = 'F003.xml') {
  return callApi(url, '/api/v1/organisations/import', {
    token,
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': fileName },
    body: Buffer.from(bytes),
  });
}

async function auditCount(entity: string, action: string, record: string): Promise<number> {
  const [row] = await rt.db.sql<{ n: number }[]>`
    select count(*)::int as n from audit.entry
    where entity = ${entity} and action = ${action} and ${record} = any(record_ids)`;
  return row!.n;
}

describe('organisations: the НСИ operator maintains an МО', () => {
  it('creates an МО with a doctor, a department with beds and a district, and the card shows them', async () => {
    // Act
    const created = await callApi(url, '/api/v1/organisations', {
      token: nsi,
      method: 'POST',
      json: {
        code: moCode,
        kind: 'MO',
        name: 'ГБУЗ «Новая больница»',
        shortName: 'Новая больница',
        moKind: 'combined',
        inn: '9900012345',
        dateBeg: '2025-01-01',
      },
    });
    const doctor = await callApi(url, `/api/v1/organisations/${moCode}/doctors`, {
      token: nsi,
      method: 'POST',
      json: {
        snils: doctorSnils.replace(/\D/g, ''),
        fam: 'Иванова',
        im: 'Анна',
        ot: 'Петровна',
        specialtyV021: 76,
      },
    });
    const department = await callApi(url, `/api/v1/organisations/${moCode}/departments`, {
      token: nsi,
      method: 'POST',
      json: {
        code: 'S01',
        name: 'Терапевтическое отделение',
        kind: 'inpatient',
        profileV002: 97,
        conditionsV006: 1,
        beds: [{ bedProfileV020: 71, beds: 30, bedsMale: 14, bedsFemale: 16, bedsChild: 0 }],
      },
    });
    const district = await callApi(url, `/api/v1/organisations/${moCode}/districts`, {
      token: nsi,
      method: 'POST',
      json: { code: '001', kind: 'therapeutic', doctorSnils },
    });
    const card = await callApi(url, `/api/v1/organisations/${moCode}`, { token: registrar });

    // Assess
    expect([created.status, doctor.status, department.status, district.status]).toEqual([201, 201, 201, 201]);
    expect(doctor.body.snils).toBe(doctorSnils);
    expect(card.status).toBe(200);
    expect(card.body.organisation).toMatchObject({
      code: moCode,
      kind: 'MO',
      moKind: 'combined',
      regionCode: '99',
    });
    expect(card.body.departments).toEqual([
      expect.objectContaining({
        code: 'S01',
        profileName: expect.stringMatching(/терапи/i),
        beds: [expect.objectContaining({ bedProfileV020: 71, beds: 30, bedProfileName: expect.any(String) })],
      }),
    ]);
    expect(card.body.bedsByProfile).toEqual([expect.objectContaining({ bedProfileV020: 71, beds: 30 })]);
    expect(card.body.districts).toEqual([
      expect.objectContaining({ code: '001', doctorSnils, doctorName: 'Иванова Анна Петровна' }),
    ]);
    expect(card.body.doctors).toEqual([
      expect.objectContaining({ snils: doctorSnils, specialtyName: expect.any(String) }),
    ]);
    expect(await auditCount('organisation', 'create', moCode)).toBe(1);
    expect(await auditCount('department', 'create', `${moCode}/S01`)).toBe(1);
    expect(await auditCount('doctor', 'create', `${moCode}/${doctorSnils}`)).toBe(1);
    expect(await auditCount('district', 'create', `${moCode}/001`)).toBe(1);
    const [read] = await rt.db.sql<{ username: string; org_code: string }[]>`
      select username, org_code from audit.entry
      where entity = 'doctor' and action = 'read' and ${`${moCode}/${doctorSnils}`} = any(record_ids)`;
    expect(read).toEqual({ username: 'test_mo', org_code: '990001' });
  });

  it('lists organisations by kind and text with their structure sizes', async () => {
    // Act
    const page = await callApi(url, `/api/v1/organisations?kind=MO&q=${encodeURIComponent('Новая')}`, {
      token: registrar,
    });
    const all = await callApi(url, '/api/v1/organisations?sort=-beds&pageSize=5', { token: registrar });

    // Assess
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect(page.body.items[0]).toMatchObject({
      code: moCode,
      departments: 1,
      districts: 1,
      doctors: 1,
      beds: 30,
    });
    expect(all.body.items).toHaveLength(5);
    expect(all.body.items[0].beds).toBeGreaterThanOrEqual(all.body.items[4].beds);
  });

  it('replaces a department bed list with PUT and updates the requisites', async () => {
    // Act
    const put = await callApi(url, `/api/v1/organisations/${moCode}/departments/S01`, {
      token: nsi,
      method: 'PUT',
      json: {
        name: 'Терапевтическое отделение № 1',
        kind: 'inpatient',
        profileV002: 97,
        conditionsV006: 1,
        beds: [{ bedProfileV020: 71, beds: 20, bedsMale: 10, bedsFemale: 10 }],
      },
    });
    const org = await callApi(url, `/api/v1/organisations/${moCode}`, {
      token: nsi,
      method: 'PUT',
      json: { name: 'ГБУЗ «Новая больница»', shortName: 'НБ', moKind: 'hospital', dateBeg: '2025-01-01' },
    });

    // Assess
    expect([put.status, org.status]).toEqual([200, 200]);
    const beds = await rt.db.sql<{ beds: number }[]>`
      select b.beds from org.department_bed b join org.department d on d.id = b.department_id
      where d.mo_code = ${moCode}`;
    expect(beds.map((b) => b.beds)).toEqual([20]);
    const [row] = await rt.db.sql`select short_name, mo_kind from org.organisation where code = ${moCode}`;
    expect(row).toEqual({ short_name: 'НБ', mo_kind: 'hospital' });
    expect(await auditCount('department', 'update', `${moCode}/S01`)).toBe(1);
  });
});

describe('organisations: FLK and access refusals store nothing', () => {
  it('answers 400 with the field for an unknown V020 bed profile, and stores nothing', async () => {
    // Act
    const answer = await callApi(url, `/api/v1/organisations/${moCode}/departments`, {
      token: nsi,
      method: 'POST',
      json: {
        code: 'S02',
        name: 'Хирургическое отделение',
        kind: 'inpatient',
        profileV002: 112,
        conditionsV006: 1,
        beds: [{ bedProfileV020: 9999, beds: 10 }],
      },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ code: '904', field: 'beds.0.bedProfileV020', value: '9999' }),
    ]);
    expect(answer.body.errors[0].message).toContain('V020');
    const rows = await rt.db.sql`select 1 from org.department where mo_code = ${moCode} and code = 'S02'`;
    expect(rows).toHaveLength(0);
  });

  it('answers 400 for beds_male + beds_female > beds, a bad СНИЛС and a doctor of another МО', async () => {
    // Act
    const beds = await callApi(url, `/api/v1/organisations/${moCode}/departments`, {
      token: nsi,
      method: 'POST',
      json: {
        code: 'S03',
        name: 'Отделение',
        kind: 'inpatient',
        profileV002: 97,
        conditionsV006: 1,
        beds: [{ bedProfileV020: 71, beds: 10, bedsMale: 6, bedsFemale: 6 }],
      },
    });
    const snils = await callApi(url, `/api/v1/organisations/${moCode}/doctors`, {
      token: nsi,
      method: 'POST',
      json: { snils: '123-456-789 00', fam: 'Петров', im: 'Пётр', specialtyV021: 76 },
    });
    const [foreign] = await rt.db.sql<
      { snils: string }[]
    >`select snils from org.doctor where mo_code = '990001' limit 1`;
    const district = await callApi(url, `/api/v1/organisations/${moCode}/districts`, {
      token: nsi,
      method: 'POST',
      json: { code: '002', kind: 'therapeutic', doctorSnils: foreign!.snils },
    });

    // Assess
    expect(beds.status).toBe(400);
    expect(beds.body.errors[0]).toMatchObject({ code: '904', field: 'beds.0.bedsMale' });
    expect(snils.status).toBe(400);
    expect(snils.body.errors[0]).toMatchObject({ code: '904', field: 'snils' });
    expect(district.status).toBe(400);
    expect(district.body.errors[0]).toMatchObject({ code: '904', field: 'doctorSnils' });
    const [n] = await rt.db.sql<{ n: number }[]>`
      select (select count(*) from org.department where mo_code = ${moCode} and code = 'S03')
           + (select count(*) from org.district where mo_code = ${moCode} and code = '002')::int as n`;
    expect(Number(n!.n)).toBe(0);
  });

  it('answers 409 (905) for a duplicate department code and 404 for an unknown organisation', async () => {
    // Act
    const again = await callApi(url, `/api/v1/organisations/${moCode}/departments`, {
      token: nsi,
      method: 'POST',
      json: { code: 'S01', name: 'Дубль', kind: 'day_hospital', profileV002: 97, conditionsV006: 2 },
    });
    const unknown = await callApi(url, '/api/v1/organisations/990999', { token: nsi });
    const unknownPut = await callApi(url, '/api/v1/organisations/990999/doctors', {
      token: nsi,
      method: 'POST',
      json: { snils: doctorSnils, fam: 'А', im: 'Б', specialtyV021: 76 },
    });

    // Assess
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ code: '905', field: 'code', value: 'S01' });
    expect(unknown.status).toBe(404);
    expect(unknownPut.status).toBe(404);
    expect(unknown.body.title).toBe('Не найдено');
  });

  it('answers 403 to a registrar and stores nothing', async () => {
    // Act
    const answer = await callApi(url, '/api/v1/organisations', {
      token: registrar,
      method: 'POST',
      json: {
        code: '998802',
        kind: 'MO',
        name: 'X',
        shortName: 'X',
        moKind: 'polyclinic',
        dateBeg: '2025-01-01',
      },
    });
    const department = await callApi(url, '/api/v1/organisations/990001/departments', {
      token: registrar,
      method: 'POST',
      json: { code: 'Z1', name: 'X', kind: 'day_hospital', profileV002: 97, conditionsV006: 2 },
    });

    // Assess
    expect([answer.status, department.status]).toEqual([403, 403]);
    const rows = await rt.db.sql`
      select 1 from org.organisation where code = '998802'
      union all select 1 from org.department where mo_code = '990001' and code = 'Z1'`;
    expect(rows).toHaveLength(0);
  });

  it('refuses at the database: an МО caller cannot change or add organisations as the app role (RLS)', async () => {
    // Prepare
    const who = { username: 'test_mo', role: 'mo_registrar' as const, orgCode: '990001' };

    // Act
    const updated = await rt.db.as(
      who,
      (tx) => tx`update org.organisation set name = 'Взлом' where code = '990001'`,
    );
    const inserted = rt.db.as(
      who,
      (tx) => tx`insert into org.department (mo_code, code, name, kind, profile_v002, conditions_v006)
                 values ('990001', 'RLS', 'X', 'polyclinic', 97, 3)`,
    );

    // Assess
    expect(updated.count).toBe(0);
    await expect(inserted).rejects.toThrow(/row-level security/);
    const [row] = await rt.db.sql`select name from org.organisation where code = '990001'`;
    expect(row!.name).not.toBe('Взлом');
  });
});

describe('organisations: F003/F002 directory import', () => {
  it('imports this region’s МО from an F003 file in windows-1251, reports other regions and errors', async () => {
    // Prepare
    const file = directoryFile('F003', [
      { code: '998811', name: 'ГБУЗ «Районная больница № 11»', inn: '9900000011', ogrn: '1029900000011' },
      { code: '998812', name: 'ООО «Клиника»', begin: '15.03.2024' },
      { code: '010203', okato: '79000' },
      { code: '99881', name: 'Ошибка кода' },
      { code: moCode, name: 'ГБУЗ «Новая больница» (F003)', shortName: 'Новая больница' },
    ]);

    // Act
    const first = await upload(nsi, file);
    const again = await upload(nsi, file);

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      directories: ['F003'],
      total: 5,
      created: 2,
      updated: 1,
      skipped: 1,
      rejected: 1,
    });
    expect(first.body.errors).toEqual([
      { ordinal: 4, code: '99881', errors: [expect.objectContaining({ code: '903', field: 'mcod' })] },
    ]);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, skipped: 1, rejected: 1 });
    const rows = await rt.db.sql<{ code: string; name: string; mo_kind: string; date_beg: string }[]>`
      select code, name, mo_kind, date_beg from org.organisation where code in ('998811', '998812', ${moCode})
      order by code`;
    expect(rows).toEqual([
      { code: moCode, name: 'ГБУЗ «Новая больница» (F003)', mo_kind: 'hospital', date_beg: '2020-01-01' },
      { code: '998811', name: 'ГБУЗ «Районная больница № 11»', mo_kind: 'combined', date_beg: '2020-01-01' },
      { code: '998812', name: 'ООО «Клиника»', mo_kind: 'combined', date_beg: '2024-03-15' },
    ]);
    const [entry] = await rt.db.sql<
      { record_ids: string[]; details: { fileName: string; created: number } }[]
    >`
      select record_ids, details from audit.entry where entity = 'organisation' and action = 'import'
      order by id limit 1`;
    expect(entry!.record_ids.sort()).toEqual([moCode, '998811', '998812']);
    expect(entry!.details).toMatchObject({ fileName: 'F003.xml', created: 2 });
  });

  it('imports the real F002 publication: the СМО with tf_okato 99000 are created, the rest skipped', async () => {
    // Prepare
    const file = await readFile('shared/nsi/data/ffoms/F002.xml');

    // Act
    const answer = await upload(nsi, file, 'F002.xml');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      directories: ['F002'],
      total: 204,
      created: 2,
      skipped: 202,
      rejected: 0,
    });
    const rows = await rt.db
      .sql`select code, kind from org.organisation where code in ('79003', '79006') order by code`;
    expect(rows).toEqual([
      { code: '79003', kind: 'SMO' },
      { code: '79006', kind: 'SMO' },
    ]);
  });

  it('refuses a DOCTYPE (400), an empty body (400) and a registrar (403)', async () => {
    // Act
    const doctype = await upload(
      nsi,
      new TextEncoder().encode(
        '<?xml version="1.0"?><!DOCTYPE packet SYSTEM "x"><packet><medCompany/></packet>',
      ),
    );
    const empty = await upload(nsi, new Uint8Array(0));
    const forbidden = await upload(registrar, directoryFile('F003', [{ code: '998813' }]));

    // Assess
    expect(doctype.status).toBe(400);
    expect(doctype.body.errors[0].message).toContain('DOCTYPE');
    expect(empty.status).toBe(400);
    expect(forbidden.status).toBe(403);
    const rows = await rt.db.sql`select 1 from org.organisation where code = '998813'`;
    expect(rows).toHaveLength(0);
  });
});
