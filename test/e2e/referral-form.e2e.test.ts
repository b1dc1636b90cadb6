import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

interface Person {
  id: string;
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
}

/** The persons, hospital, department and doctor the story needs, read through the API as test_mo reads them. */
async function demoFacts() {
  const moToken = await signInToken(baseUrl, 'test_mo');
  const hospToken = await signInToken(baseUrl, 'test_hosp');
  const persons = await callApi(baseUrl, '/api/v1/persons?moCode=990001&smoCode=99001&pageSize=6&sort=-fam', {
    token: moToken,
  });
  const hospital = (await callApi(baseUrl, '/api/v1/me', { token: hospToken })).body as {
    organisation: { code: string };
  };
  const card = await callApi(baseUrl, `/api/v1/organisations/${hospital.organisation.code}`, {
    token: moToken,
  });
  const polyclinic = await callApi(baseUrl, '/api/v1/organisations/990001', { token: moToken });
  const department = (
    card.body as { departments: { code: string; kind: string; dateEnd: string | null; beds: unknown[] }[] }
  ).departments.find((d) => d.kind === 'inpatient' && !d.dateEnd && d.beds.length > 0);
  const [first, second] = (persons.body as { items: Person[] }).items;
  const doctor = (polyclinic.body as { doctors: { snils: string }[] }).doctors[0];
  if (!first || !second || !department || !doctor) {
    throw new Error('the demo region lacks persons, a department or a doctor');
  }
  return { moToken, persons: [first, second], hospitalCode: hospital.organisation.code, department, doctor };
}

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The error shown under a form field (Field and SelectField render it in the same `.field` box). */
const fieldError = (page: Page, label: string) =>
  page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

describe('patient-first referral and a form that says everything at once (issue 11, items 4 and 5)', () => {
  let browser: TestBrowser;
  let page: Page;
  let facts: Awaited<ReturnType<typeof demoFacts>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    facts = await demoFacts();
  });

  afterAll(async () => {
    await browser?.close();
    expect(pageErrors).toEqual([]);
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  /** Hospital, department, doctor and diagnosis: what every referral of these tests says besides the patient. */
  async function fillReferral() {
    // The suggested number is the МО code and the minute: two referrals of one minute need their own numbers.
    await page.getByLabel('Номер направления').fill(`RF${Date.now().toString().slice(-12)}`);
    await page.getByLabel('Стационар', { exact: true }).selectOption(facts.hospitalCode);
    const departmentSelect = page.getByLabel('Отделение стационара');
    await departmentSelect.locator(`option[value="${facts.department.code}"]`).waitFor({ state: 'attached' });
    await departmentSelect.selectOption(facts.department.code);
    await page.getByLabel('СНИЛС направившего врача').fill(facts.doctor.snils);
    await page.getByLabel('Диагноз (МКБ-10)').fill('K80.2');
    await expect.poll(() => page.getByTestId('diagnosis-name').textContent()).toContain('Камни');
  }

  async function sendAndOpenCard(): Promise<string> {
    await page.getByRole('button', { name: 'Выдать направление' }).click();
    await page.waitForURL(/\/referrals\/\d+$/);
    await page.getByTestId('referral-details').waitFor();
    return page.url().split('/').pop()!;
  }

  it('test_mo finds a person by surname, starts a referral from the person card without typing the ЕНП, and sends it', async () => {
    // Prepare
    const person = facts.persons[0]!;
    await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'Застрахованные лица', exact: true }).click();

    // Act: find the person by surname in the register, open the card, «Направить на госпитализацию»
    await page.getByRole('searchbox').first().fill(`${person.fam} ${person.im}`);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page
      .getByTestId('persons')
      .getByRole('link', { name: new RegExp(`^${escapeRegExp(person.fam)} `) })
      .first()
      .click();
    await page.getByRole('link', { name: 'Направить на госпитализацию' }).click();

    // Assess: the referral form opens with the patient found and identified — no ЕНП typed
    await page.waitForURL((url) => url.pathname === '/referrals/new' && url.searchParams.has('personId'));
    await expect.poll(() => page.getByTestId('person-found').textContent()).toContain(person.enp);
    expect(await page.getByLabel('Поиск пациента').inputValue()).toContain(person.fam);

    // Act: the rest of the referral, sent
    await fillReferral();
    const id = await sendAndOpenCard();

    // Assess: the stored referral is this person's
    const stored = await callApi(baseUrl, `/api/v1/referrals/${id}`, { token: facts.moToken });
    expect(stored.status).toBe(200);
    expect(stored.body.person.enp).toBe(person.enp);
    expect(stored.body.status).toBe('issued');
  });

  it('test_mo picks the patient from the suggestions as the surname is typed, and the lists filter by patient', async () => {
    // Prepare
    const person = facts.persons[1]!;
    await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'Направления', exact: true }).click();
    await page.getByRole('link', { name: 'Создать направление' }).click();

    // Act: type the beginning of the surname and of the name; the register suggests; pick the person
    await page.getByLabel('Поиск пациента').pressSequentially(`${person.fam} ${person.im.slice(0, 2)}`);
    const option = page.getByRole('option', {
      name: new RegExp(
        `${escapeRegExp(person.fam)} ${escapeRegExp(person.im)}.*${escapeRegExp(ruDate(person.birthDate))}`,
      ),
    });
    await option.first().click();

    // Assess: identified, with the policy
    await expect.poll(() => page.getByTestId('person-found').textContent()).toContain(person.enp);
    await fillReferral();
    await saveScreenshots(page, 'mo-referral-form');
    const id = await sendAndOpenCard();
    const number = (await page.getByRole('heading', { level: 1 }).textContent())?.replace(
      'Направление № ',
      '',
    );

    // Act: the referral list filtered by the patient's surname
    await sectionNavigation(page).getByRole('link', { name: 'Направления', exact: true }).click();
    await page.getByLabel('Пациент', { exact: true }).fill(person.fam);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL((url) => url.searchParams.get('patient') === person.fam);

    // Assess: the new referral is listed, and every listed referral is of a person with that surname
    const table = page.getByTestId('referrals');
    await table.getByRole('link', { name: number!, exact: true }).waitFor();
    const listed = await callApi(
      baseUrl,
      `/api/v1/referrals?direction=sent&patient=${encodeURIComponent(person.fam)}&pageSize=50`,
      { token: facts.moToken },
    );
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(
      listed.body.items.every((r: { person: { fam: string } }) => r.person.fam.startsWith(person.fam)),
    ).toBe(true);
    const byEnp = await callApi(baseUrl, `/api/v1/referrals?direction=sent&patient=${person.enp}`, {
      token: facts.moToken,
    });
    expect(byEnp.body.items.length).toBeGreaterThan(0);
    expect(byEnp.body.items.every((r: { person: { enp: string } }) => r.person.enp === person.enp)).toBe(
      true,
    );
  });

  it('one submit with several mistakes shows every one of them next to its field, in plain words', async () => {
    // Prepare: no patient, text in a code field, no diagnosis, a wrong СНИЛС, a planned date after the validity
    await signedIn('test_mo');
    await page.goto(new URL('/referrals/new', baseUrl).href);
    await page.getByLabel('Стационар', { exact: true }).selectOption(facts.hospitalCode);
    const departmentSelect = page.getByLabel('Отделение стационара');
    await departmentSelect.locator(`option[value="${facts.department.code}"]`).waitFor({ state: 'attached' });
    await departmentSelect.selectOption(facts.department.code);
    await page.getByLabel('Профиль медицинской помощи (V002)').fill('хирургия');
    await page.getByLabel('СНИЛС направившего врача').fill('112-233-445 94');
    const late = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Плановая дата госпитализации').fill(late);
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/referrals')) posts++;
    });

    // Act: one submit
    await page.getByRole('button', { name: 'Выдать направление' }).click();

    // Assess: every mistake on its field at once, after one request
    await expect.poll(() => fieldError(page, 'Поиск пациента').textContent()).toContain('Выберите пациента');
    expect(await fieldError(page, 'Профиль медицинской помощи (V002)').textContent()).toBe(
      'Введите код цифрами или выберите его из подсказки.',
    );
    expect(await fieldError(page, 'Диагноз (МКБ-10)').textContent()).toBe('Заполните это поле.');
    expect(await fieldError(page, 'СНИЛС направившего врача').textContent()).toBe('Неверный СНИЛС врача.');
    expect(await fieldError(page, 'Плановая дата госпитализации').textContent()).toMatch(
      /^Плановая дата госпитализации позже окончания срока действия направления \(\d{2}\.\d{2}\.\d{4}\)\.$/,
    );
    expect(posts).toBe(1);
    const summary = (await page.locator('form .form-error').first().textContent()) ?? '';
    expect(summary).toBe('Направление не выдано: исправьте отмеченные поля (5).');
    // No field ids, no bare codes, no English in what the registrar reads
    const shown = (
      await page.getByRole('form', { name: 'Новое направление' }).locator('.field-error').allTextContents()
    ).join(' ');
    expect(shown).not.toMatch(/[A-Za-z]{3,}|код \d|\(\d{3}\)/);
    expect(await page.getByTestId('form-issues').textContent()).toContain('«Диагноз»: Заполните это поле.');
  });
});
