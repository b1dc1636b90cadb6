import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

/**
 * Latin-letter words people may read: the channels' own names and the download format. Codes are not words: an
 * МКБ-10 diagnosis in brackets after its name («Стенокардия (I20.8)»), a request id (UUID), a birth certificate
 * series in Roman numerals («IV-АБ»). Anything else Latin — an English word, an internal key, a bare code like
 * «S08» — is a finding.
 */
const allowedWords = new Set(['SOAP', 'REST', 'API', 'CSV']);
const allowedCodes = [
  /^\([A-Z]\d{2}(\.\d{1,2})?\)$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[IVXLC]+-[А-ЯЁ]{2}$/,
];

function latinWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.replace(/^[«"[]+|[»".,:;!?\]]+$/g, ''))
    .filter((token) => /[A-Za-z]/.test(token))
    .filter((token) => !allowedWords.has(token) && !allowedCodes.some((pattern) => pattern.test(token)));
}

/** The words a person sees on the page (innerText: hidden text and tooltips are not read). */
async function visibleLatin(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: the scan is of the rendered, visible text.
  return latinWords(await page.locator('main').innerText());
}

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Department {
  code: string;
  name: string;
  kind: string;
  profileV002: number;
  conditionsV006: number;
  dateEnd: string | null;
  beds: { bedProfileV020: number; beds: number }[];
}

/**
 * A referral's whole story through REST as the people who act: the polyclinic refers, the hospital admits, moves
 * the patient to another department and discharges with outcome 1.
 */
async function referralStory() {
  const moToken = await signInToken(baseUrl, 'test_mo');
  const hospToken = await signInToken(baseUrl, 'test_hosp');
  const smoToken = await signInToken(baseUrl, 'test_smo');
  const me = async (token: string) =>
    (await callApi(baseUrl, '/api/v1/me', { token })).body as {
      fullName: string;
      organisation: { code: string; shortName: string };
    };
  const [hospital, smo] = [await me(hospToken), await me(smoToken)];
  const card = await callApi(baseUrl, `/api/v1/organisations/${hospital.organisation.code}`, {
    token: moToken,
  });
  const departments = (card.body as { departments: Department[] }).departments.filter(
    (d) => d.kind === 'inpatient' && !d.dateEnd && d.beds.some((b) => b.beds > 0),
  );
  const [first, second] = departments;
  const persons = await callApi(
    baseUrl,
    `/api/v1/persons?moCode=990001&smoCode=${smo.organisation.code}&pageSize=5`,
    { token: moToken },
  );
  const [, , person, otherPerson] = (persons.body as { items: { id: string; enp: string; fam: string }[] })
    .items;
  const polyclinic = await callApi(baseUrl, '/api/v1/organisations/990001', { token: moToken });
  const doctor = (polyclinic.body as { doctors: { snils: string }[] }).doctors[0];
  if (!first || !second || !person || !otherPerson || !doctor)
    throw new Error('the demo region lacks departments or persons');
  const bed = (d: Department) => d.beds.find((b) => b.beds > 0)!.bedProfileV020;

  const referAndAdmit = async (enp: string, time: string) => {
    const referral = await callApi(baseUrl, '/api/v1/referrals', {
      token: moToken,
      method: 'POST',
      json: {
        number: `7${String(Date.now()).slice(-11)}${time.replace(':', '')}`,
        date: isoDay(-2),
        form: 3,
        toMoCode: hospital.organisation.code,
        toDepartmentCode: first.code,
        conditions: first.conditionsV006,
        profile: first.profileV002,
        bedProfile: bed(first),
        diagnosis: 'I20.8',
        doctorSnils: doctor.snils,
        plannedDate: isoDay(1),
        kind: 'plain',
        patient: { enp },
      },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const referralId = (referral.body as { id: string }).id;
    const admitted = await callApi(baseUrl, `/api/v1/referrals/${referralId}/admit`, {
      token: hospToken,
      method: 'POST',
      json: {
        departmentCode: first.code,
        date: isoDay(0),
        time,
        caseNumber: `${String(Date.now()).slice(-6)}${time.replace(':', '')}`,
      },
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(201);
    return { referralId, stayId: (admitted.body as { id: string }).id };
  };
  // Two admissions today, recorded in the other order than their times: the list puts 15:45 above 09:30 by
  // time, not by which was recorded last.
  await referAndAdmit(otherPerson.enp, '15:45');
  const { referralId, stayId } = await referAndAdmit(person.enp, '09:30');
  const moved = await callApi(baseUrl, `/api/v1/admissions/${stayId}/movements`, {
    token: hospToken,
    method: 'POST',
    json: {
      departmentCode: second.code,
      profile: second.profileV002,
      bedProfile: bed(second),
      date: isoDay(0),
    },
  });
  expect(moved.status, JSON.stringify(moved.body)).toBeLessThan(300);
  const discharged = await callApi(baseUrl, `/api/v1/admissions/${stayId}/discharge`, {
    token: hospToken,
    method: 'POST',
    json: { date: isoDay(0), outcome: 1 },
  });
  expect(discharged.status, JSON.stringify(discharged.body)).toBeLessThan(300);
  return { referralId, stayId, person, hospital, second };
}

describe('human text: history, stay card, audit log and person card in Russian, names instead of codes', () => {
  let browser: TestBrowser;
  let page: Page;
  let story: Awaited<ReturnType<typeof referralStory>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    story = await referralStory();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    page.setDefaultTimeout(15_000);
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  it('the СМО reads the referral history: each event once, in words, with names of departments, outcome and people', async () => {
    // Prepare
    await signedIn('test_smo');

    // Act
    await page.goto(new URL(`/referrals/${story.referralId}`, baseUrl).href);
    const history = page.getByTestId('referral-history');
    await history.waitFor();

    // Assess: one admission and one discharge (the referral's mirror events are not repeated)
    const events = await history.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(events.filter((e) => e === 'Пациент госпитализирован')).toHaveLength(1);
    expect(events.filter((e) => e === 'Пациент выписан')).toHaveLength(1);
    expect(events).toContain('Перевод в другое отделение');
    const text = await history.textContent();
    expect(text).toContain(`Переведён в отделение: ${story.second.name}`);
    expect(text).toContain('Исход: Выздоровление, улучшение');
    expect(text).toContain(story.hospital.fullName);
    expect(text).toContain(story.hospital.organisation.shortName);
    await expect
      .poll(() => history.locator(`[title="Код ${story.hospital.organisation.code}"]`).count())
      .toBeGreaterThan(0);
    expect(await visibleLatin(page)).toEqual([]);
    await saveScreenshots(page, 'smo-referral');
  });

  it('the stay card shows departments, profiles and the referring МО by name', async () => {
    // Prepare
    await signedIn('test_hosp');

    // Act
    await page.goto(new URL(`/hospitalisations/${story.stayId}`, baseUrl).href);
    await page.getByTestId('admission-movements').waitFor();

    // Assess
    expect(await page.getByTestId('admission-movements').textContent()).toContain(story.second.name);
    await saveScreenshots(page, 'hosp-stay');
    expect(await page.getByTestId('admission-details').textContent()).toContain(
      'исход: Выздоровление, улучшение',
    );
    expect(await visibleLatin(page)).toEqual([]);
  });

  it('the stay list is in time order within a day, newest first, and sorts the other way by «Поступил»', async () => {
    // Prepare
    await signedIn('test_hosp');
    const today = isoDay(0).split('-').reverse().join('.');
    const admittedToday = async () =>
      (await page.getByTestId('admissions').locator('tbody tr td:nth-child(2)').allTextContents())
        .map((cell) => cell.trim())
        .filter((cell) => cell.startsWith(today))
        .map((cell) => cell.slice(today.length).trim())
        .filter((time) => time !== '');

    // Act
    await page.goto(new URL('/hospitalisations?list=all', baseUrl).href);
    await page.getByTestId('admissions').locator('tbody tr').first().waitFor();
    const newestFirst = await admittedToday();
    await page.getByTestId('admissions').getByRole('button', { name: 'Поступил' }).click();
    await expect.poll(() => page.url()).toContain('sort=date');
    await expect.poll(async () => (await admittedToday())[0]).not.toBe(newestFirst[0]);
    const oldestFirst = await admittedToday();

    // Assess
    expect(newestFirst).toEqual(expect.arrayContaining(['15:45', '09:30']));
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());
    expect(oldestFirst).toEqual([...newestFirst].reverse());
  });

  it('the audit log shows objects and people in words; its object filter offers named objects', async () => {
    // Prepare
    await signedIn('test_tfoms');

    // Act
    await page.goto(new URL('/audit', baseUrl).href);
    await page.getByTestId('audit-log').locator('tbody tr').first().waitFor();
    const all = await visibleLatin(page);
    await page.getByLabel('Объект').selectOption({ label: 'Направление на госпитализацию' });
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => page.url()).toContain('entity=hosp.referral');
    await expect
      .poll(() => page.getByTestId('audit-log').locator('tbody').textContent())
      .toContain('Направление на госпитализацию');

    // Assess
    expect(all).toEqual([]);
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('hosp.referral');
    expect(text).not.toContain('Например, person');
    expect(await visibleLatin(page)).toEqual([]);
    await saveScreenshots(page, 'tfoms-audit');
  });

  it('the person card: policies and attachments are tables (a header and its value in different cells), text in words', async () => {
    // Prepare
    await signedIn('test_mo');

    // Act
    await page.goto(new URL(`/persons/${story.person.id}`, baseUrl).href);
    const policies = page.getByTestId('person-policies');
    await policies.locator('tbody tr').first().waitFor();

    // Assess
    for (const id of ['person-policies', 'person-attachments']) {
      const table = page.getByTestId(id);
      expect(await table.evaluate((t) => getComputedStyle(t).display)).toBe('table');
      const headers = await table.locator('thead th').count();
      expect(await table.locator('tbody tr').first().locator('td').count()).toBe(headers);
      const header = await table.locator('thead th').first().boundingBox();
      const value = await table.locator('tbody tr').first().locator('td').first().boundingBox();
      expect(value!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
      expect(Math.abs(value!.x - header!.x)).toBeLessThan(2);
    }
    expect(await policies.locator('thead th').first().textContent()).toBe('Вид полиса');
    expect(await visibleLatin(page)).toEqual([]);
    await saveScreenshots(page, 'mo-person');
  });
});

/** The hospital reports today's free beds in one department, with a three-day forecast. */
async function reportFreeBeds() {
  const token = await signInToken(baseUrl, 'test_hosp');
  const hospital = (await callApi(baseUrl, '/api/v1/me', { token })).body as {
    organisation: { code: string };
  };
  const card = await callApi(baseUrl, `/api/v1/organisations/${hospital.organisation.code}`, { token });
  const department = (card.body as { departments: Department[] }).departments.find(
    (d) => d.kind === 'inpatient' && !d.dateEnd && d.beds.some((b) => b.beds >= 10),
  );
  if (!department) throw new Error('the hospital has no department with ten beds');
  const answer = await callApi(baseUrl, '/api/v1/free-beds', {
    token,
    method: 'POST',
    json: {
      records: [
        {
          date: isoDay(0),
          departmentCode: department.code,
          conditions: department.conditionsV006,
          bedProfile: department.beds.find((b) => b.beds >= 10)!.bedProfileV020,
          occupiedAtStart: 4,
          admitted: 1,
          discharged: 1,
          plannedToday: 1,
          freeTotal: 6,
          freeMale: 3,
          freeFemale: 3,
          freeAdult: 6,
          freeChild: 0,
          forecast: [1, 2, 3].map((day) => ({ date: isoDay(day), free: 6 - day })),
        },
      ],
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const smoToken = await signInToken(baseUrl, 'test_smo');
  const smo = (await callApi(baseUrl, '/api/v1/me', { token: smoToken })).body as {
    organisation: { code: string };
  };
  const now = new Date();
  const plan = await callApi(baseUrl, '/api/v1/hospital-plans', {
    token,
    method: 'POST',
    json: {
      records: [
        {
          year: now.getFullYear(),
          month: now.getMonth() + 1,
          profile: department.profileV002,
          conditions: department.conditionsV006,
          smoCode: smo.organisation.code,
          planned: 40,
        },
      ],
    },
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(200);
}

describe('roles see what they can do; the side menu collapses; lists for every role', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    await reportFreeBeds();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    page.setDefaultTimeout(15_000);
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  const hospitalOnly = async () => {
    await page.goto(new URL('/referrals', baseUrl).href);
    await page.getByRole('navigation', { name: 'Рабочие списки направлений' }).waitFor();
    const tabs = await page.getByRole('navigation', { name: 'Рабочие списки направлений' }).textContent();
    await page.goto(new URL('/hospitalisations', baseUrl).href);
    await page.getByRole('heading', { level: 1, name: 'Госпитализация' }).waitFor();
    await page.getByTestId('admissions').waitFor();
    const emergency = await page.getByRole('link', { name: 'Экстренная госпитализация' }).count();
    await page.goto(new URL('/hospital-plan', baseUrl).href);
    await page.getByRole('navigation', { name: 'Разделы плана госпитализации' }).waitFor();
    const entry = await page.getByRole('link', { name: 'Ввод свободных мест' }).count();
    return { tabs, emergency, entry };
  };

  it('a polyclinic without beds (test_mo) sees no admission, incoming lists or free-beds entry; the hospital does', async () => {
    // Prepare
    await signedIn('test_mo');

    // Act
    const polyclinic = await hospitalOnly();
    await page.goto(new URL('/hospital-plan/entry', baseUrl).href);
    const entryPage = await page.locator('main').textContent();
    const refused = await callApi(baseUrl, '/api/v1/admissions', {
      token: await signInToken(baseUrl, 'test_mo'),
      method: 'POST',
      json: {
        kind: 'emergency',
        form: 1,
        departmentCode: 'S01',
        conditions: 1,
        profile: 97,
        bedProfile: 30,
        date: isoDay(0),
        caseNumber: '1',
        diagnosis: 'I20.8',
        patient: { enp: '0000000000000000' },
      },
    });
    await signedIn('test_hosp');
    const hospital = await hospitalOnly();

    // Assess
    expect(polyclinic.tabs).not.toContain('Входящие');
    expect(polyclinic.tabs).not.toContain('К госпитализации');
    expect(polyclinic.tabs).toContain('Отправленные');
    expect(polyclinic.emergency).toBe(0);
    expect(polyclinic.entry).toBe(0);
    expect(entryPage).toContain('нет коечного фонда');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(hospital.tabs).toContain('Входящие');
    expect(hospital.tabs).toContain('К госпитализации');
    expect(hospital.emergency).toBe(1);
    expect(hospital.entry).toBe(1);
  });

  it('«План и факт» opens on the current month with a totals row', async () => {
    // Prepare
    await signedIn('test_tfoms');
    const month = new Date().getMonth() + 1;

    // Act
    await page.goto(new URL('/hospital-plan/plan-fact', baseUrl).href);
    const totals = page.getByTestId('plan-fact').getByTestId('table-totals');
    await totals.waitFor();
    const periods = await page.getByTestId('plan-fact').locator('tbody tr td:first-child').allTextContents();
    const answer = await callApi(
      baseUrl,
      `/api/v1/hospital-plans?year=${new Date().getFullYear()}&month=${month}`,
      {
        token: await signInToken(baseUrl, 'test_tfoms'),
      },
    );
    const planned = (answer.body as { items: { planned: number }[] }).items.reduce(
      (n, r) => n + r.planned,
      0,
    );

    // Assess
    expect(await page.getByLabel('Месяц').locator('option:checked').textContent()).toContain('(текущий)');
    expect(new Set(periods).size).toBe(1);
    expect(periods[0]).toContain(String(new Date().getFullYear()));
    expect((await totals.locator('td').allTextContents()).map((c) => c.replace(/\s/g, ''))).toContain(
      String(planned),
    );
  });

  it('the side menu collapses and stays collapsed after a reload', async () => {
    // Prepare
    await signedIn('test_smo');
    const nav = sectionNavigation(page);
    await nav.getByRole('link', { name: 'Направления', exact: true }).waitFor();
    const contentBefore = (await page.locator('main').boundingBox())!.width;

    // Act
    await page.getByTestId('sidenav-toggle').click();
    await page.reload();
    await page.getByTestId('sidenav-toggle').waitFor();

    // Assess
    expect(await nav.getByRole('link', { name: 'Направления', exact: true }).isVisible()).toBe(false);
    expect(await page.getByTestId('sidenav-toggle').getAttribute('aria-expanded')).toBe('false');
    expect((await page.locator('main').boundingBox())!.width).toBeGreaterThan(contentBefore + 100);
    await page.getByTestId('sidenav-toggle').click();
    expect(await nav.getByRole('link', { name: 'Направления', exact: true }).isVisible()).toBe(true);
  });

  it.each(['test_mo', 'test_hosp', 'test_smo', 'test_tfoms'])(
    '%s: the referral list shows its key columns at 1440 px without scrolling; free beds with totals',
    async (role) => {
      // Prepare
      await signedIn(role);

      // Act
      await page.goto(new URL('/referrals', baseUrl).href);
      const referrals = page.getByTestId('referrals');
      await referrals.getByTestId('table-total').waitFor();
      const keyHeaders = ['Статус', 'Диагноз', 'СМО'];
      const scroll = referrals.locator('.table-scroll');
      const scrollBox = (await scroll.boundingBox())!;
      const headerRights = await Promise.all(
        keyHeaders.map(async (name) => {
          const box = (await referrals.locator('thead th', { hasText: name }).first().boundingBox())!;
          return box.x + box.width;
        }),
      );
      await saveScreenshots(page, `${role.replace(/^test_/, '')}-referrals`);
      await page.goto(new URL('/hospitalisations?list=all', baseUrl).href);
      const stays = page.getByTestId('admissions');
      await stays.getByTestId('table-total').waitFor();
      const staysBox = (await stays.locator('.table-scroll').boundingBox())!;
      const stayHeaderRights = await Promise.all(
        ['Состояние', 'Диагноз'].map(async (name) => {
          const box = (await stays.locator('thead th', { hasText: name }).first().boundingBox())!;
          return box.x + box.width;
        }),
      );
      await page.goto(new URL('/hospital-plan', baseUrl).href);
      await page.getByTestId('free-beds').getByTestId('table-total').waitFor();
      await saveScreenshots(page, `${role.replace(/^test_/, '')}-free-beds`);

      // Assess
      for (const right of headerRights) expect(right).toBeLessThanOrEqual(scrollBox.x + scrollBox.width + 1);
      for (const right of stayHeaderRights)
        expect(right).toBeLessThanOrEqual(staysBox.x + staysBox.width + 1);
    },
  );
});
