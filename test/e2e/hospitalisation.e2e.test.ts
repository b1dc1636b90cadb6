import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';

const baseUrl = inject('baseUrl');

interface Department {
  code: string;
  name: string;
  kind: string;
  dateEnd: string | null;
  beds: { bedProfileV020: number; beds: number }[];
}

/** What the story needs from the demo region, read through the API as the people who will act. */
async function demoFacts() {
  const moToken = await signInToken(baseUrl, 'test_mo');
  const hospToken = await signInToken(baseUrl, 'test_hosp');
  const persons = await callApi(baseUrl, '/api/v1/persons?moCode=990001&smoCode=99001&pageSize=5', {
    token: moToken,
  });
  const hospital = (await callApi(baseUrl, '/api/v1/me', { token: hospToken })).body as {
    organisation: { code: string; shortName: string };
  };
  const hospitalCard = await callApi(baseUrl, `/api/v1/organisations/${hospital.organisation.code}`, {
    token: moToken,
  });
  const polyclinic = await callApi(baseUrl, '/api/v1/organisations/990001', { token: moToken });
  const departments = (hospitalCard.body as { departments: Department[] }).departments;
  const department = departments.find((d) => d.kind === 'inpatient' && !d.dateEnd && d.beds.length > 0);
  const [person, otherPerson] = (persons.body as { items: { enp: string; fam: string }[] }).items;
  const doctor = (polyclinic.body as { doctors: { snils: string }[] }).doctors[0];
  if (!person || !otherPerson || !department || !doctor) {
    throw new Error('the demo region lacks persons, a department or a doctor');
  }
  return { person, otherPerson, hospital: hospital.organisation, department, doctor };
}

describe('hospitalisation in the UI: the МО refers, the hospital admits, the СМО sees it; free beds; emergencies', () => {
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
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  it('test_mo refers an attached person, test_hosp admits from «Входящие», test_smo sees «Госпитализирован»', async () => {
    // Prepare
    await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'Направления', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Направления' }).waitFor();

    // Act: the polyclinic issues the referral
    await page.getByRole('link', { name: 'Создать направление' }).click();
    await page.getByLabel('Поиск пациента').fill(facts.person.enp);
    await page.getByRole('button', { name: 'Найти по ЕНП' }).click();
    await expect.poll(() => page.getByTestId('person-found').textContent()).toContain(facts.person.fam);
    const number = await page.getByLabel('Номер направления').inputValue();
    await page.getByLabel('Стационар', { exact: true }).selectOption(facts.hospital.code);
    const departmentSelect = page.getByLabel('Отделение стационара');
    await departmentSelect.locator(`option[value="${facts.department.code}"]`).waitFor({ state: 'attached' });
    await departmentSelect.selectOption(facts.department.code);
    await page.getByLabel('СНИЛС направившего врача').fill(facts.doctor.snils);
    await page.getByLabel('Диагноз (МКБ-10)').fill('K80.2');
    await expect
      .poll(() => page.getByTestId('diagnosis-name').textContent())
      .toContain('Камни желчного пузыря');
    await page.getByRole('button', { name: 'Выдать направление' }).click();

    // Assess: the card of the new referral, issued, addressed to the hospital
    await page.waitForURL(/\/referrals\/[^/]+$/);
    const details = page.getByTestId('referral-details');
    await details.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Направление № ${number}`);
    expect(await details.getByTestId('referral-status').textContent()).toBe('Выдано');
    expect(await details.textContent()).toContain(facts.hospital.shortName);
    expect(await details.locator(`[title="Код ${facts.hospital.code}"]`).count()).toBeGreaterThan(0);
    const referralUrl = page.url();

    // Act: the hospital finds it among the incoming referrals and admits the patient
    await signedIn('test_hosp');
    await sectionNavigation(page).getByRole('link', { name: 'Направления', exact: true }).click();
    await page.getByRole('link', { name: 'Входящие', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('list') === 'incoming');
    await page.getByTestId('referrals').getByRole('link', { name: number, exact: true }).click();
    await page.getByRole('button', { name: 'Госпитализировать' }).click();
    await page.getByLabel('Номер медицинской карты').fill(`E2E-${number}`);
    await page.getByRole('button', { name: 'Подтвердить госпитализацию' }).click();

    // Assess: the stay exists and the patient is in hospital
    await page.waitForURL(/\/hospitalisations\/[^/]+$/);
    await expect.poll(() => page.getByTestId('admission-details').textContent()).toContain('В стационаре');
    expect(await page.getByTestId('admission-details').textContent()).toContain(`№ ${number}`);

    // Act: the person's СМО looks for the referral
    await signedIn('test_smo');
    await sectionNavigation(page).getByRole('link', { name: 'Направления', exact: true }).click();
    await page.getByLabel('Номер направления').fill(number);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === number);

    // Assess: one referral, admitted; its card shows the admission
    const row = page.getByTestId('referrals').getByRole('row', { name: new RegExp(number) });
    await expect.poll(() => row.getByTestId('referral-status').textContent()).toBe('Госпитализирован');
    await page.goto(referralUrl);
    await expect.poll(() => page.getByTestId('referral-admission').textContent()).toContain(`E2E-${number}`);
    expect(pageErrors).toEqual([]);
  });

  it('test_hosp enters free beds and the referring МО sees them in «План госпитализации»', async () => {
    // Prepare
    await signedIn('test_hosp');
    await sectionNavigation(page).getByRole('link', { name: 'План госпитализации', exact: true }).click();
    await page.getByRole('link', { name: 'Ввод свободных мест' }).click();
    const firstRow = page.getByTestId('free-beds-row').first();
    await firstRow.waitFor();
    const department = ((await firstRow.getByTestId('free-beds-department').textContent()) ?? '').trim();

    // Act: report 7 free beds (3 male, 4 female, all adult) in the first department
    await firstRow.getByLabel(/^Свободно:/).fill('7');
    await firstRow.getByLabel(/^Муж\.:/).fill('3');
    await firstRow.getByLabel(/^Жен\.:/).fill('4');
    await firstRow.getByLabel(/^Взр\.:/).fill('7');
    await firstRow.getByLabel(/^Дет\.:/).fill('0');
    await page.getByRole('button', { name: 'Отправить сведения' }).click();

    // Assess: every row of the report accepted
    await expect
      .poll(() => page.getByTestId('package-protocol').textContent())
      .toMatch(/^Сведения приняты: принято (\d+) из \1, отклонено 0\.$/);

    // Act: the polyclinic looks at the region's free beds of that hospital
    await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'План госпитализации', exact: true }).click();
    await page.getByLabel('Стационар (код)').fill(facts.hospital.code);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL((url) => url.searchParams.get('moCode') === facts.hospital.code);

    // Assess: the department's row shows 7 free, 3 male, 4 female
    const rows = page.getByTestId('free-beds').getByRole('row').filter({ hasText: department });
    await rows.first().waitFor();
    const counts = await Promise.all(
      (await rows.all()).map(async (row) => (await row.getByRole('cell').allTextContents()).slice(4, 7)),
    );
    expect(counts).toContainEqual(['7', '3', '4']);
    expect(pageErrors).toEqual([]);
  });

  it('test_hosp registers an emergency admission and discharges the patient', async () => {
    // Prepare
    await signedIn('test_hosp');
    await sectionNavigation(page).getByRole('link', { name: 'Госпитализация', exact: true }).click();
    await page.getByRole('link', { name: 'Экстренная госпитализация' }).click();

    // Act: the emergency admission without a referral
    await page.getByLabel('Поиск пациента').fill(facts.otherPerson.enp);
    await page.getByRole('button', { name: 'Найти по ЕНП' }).click();
    await expect.poll(() => page.getByTestId('person-found').textContent()).toContain(facts.otherPerson.fam);
    const departmentSelect = page.getByLabel('Отделение', { exact: true });
    await departmentSelect.locator(`option[value="${facts.department.code}"]`).waitFor({ state: 'attached' });
    await departmentSelect.selectOption(facts.department.code);
    await page.getByLabel('Номер медицинской карты').fill('E2E-EMERGENCY-1');
    await page.getByLabel('Диагноз (МКБ-10)').fill('I25.1');
    await page.getByRole('button', { name: 'Зарегистрировать госпитализацию' }).click();

    // Assess: an emergency stay, in hospital, without a referral
    await page.waitForURL(/\/hospitalisations\/[^/]+$/);
    const details = page.getByTestId('admission-details');
    await expect.poll(() => details.textContent()).toContain('В стационаре');
    expect(await details.textContent()).toContain('Экстренная');
    expect(await details.textContent()).toContain('без направления');

    // Act: discharge
    await page.getByRole('button', { name: 'Выписать' }).click();
    await page.getByLabel('Исход').selectOption('1');
    await page.getByRole('button', { name: 'Выписать' }).click();

    // Assess: discharged with the outcome; the stay is listed among the discharged
    await expect.poll(() => details.textContent()).toContain('Выздоровление, улучшение');
    await page.goto(new URL('/hospitalisations?list=discharged', baseUrl).href);
    await page.getByTestId('admissions').getByRole('link', { name: 'E2E-EMERGENCY-1' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
