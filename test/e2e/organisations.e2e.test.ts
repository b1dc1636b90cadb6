import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
/** The demo region's first hospital (after 12 + 4 polyclinics and 8 district hospitals). */
const hospital = '990025';

describe('organisations section', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets the НСИ operator add a department with beds and shows it in the card', async () => {
    // Prepare
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInThroughForm(page, baseUrl, 'test_nsi', 'test_nsi');
    await page.waitForURL(new URL('/', baseUrl).href);
    await sectionNavigation(page).getByRole('link', { name: 'Организации', exact: true }).click();
    await page.getByPlaceholder('Код или наименование').fill(hospital);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByTestId('organisations').getByRole('link', { name: hospital, exact: true }).click();
    await page.waitForURL(new URL(`/organisations/${hospital}`, baseUrl).href);
    const departments = page.getByTestId('org-departments');

    // Act
    await departments.getByRole('button', { name: 'Добавить отделение' }).click();
    const form = page.getByRole('form', { name: 'Новое отделение' });
    await form.getByLabel('Код отделения').fill('E2E1');
    await form.getByLabel('Наименование отделения').fill('Отделение e2e');
    await form.getByLabel('Профиль помощи (V002)').fill('97');
    await form.getByLabel('Условия оказания (V006)').fill('1');
    await form.getByRole('button', { name: 'Добавить профиль коек' }).click();
    await form.getByLabel('Профиль койки (V020)').fill('71');
    await form.getByLabel('Коек', { exact: true }).fill('12');
    await form.getByLabel('Мужских').fill('5');
    await form.getByLabel('Женских').fill('7');
    await form.getByRole('button', { name: 'Сохранить отделение' }).click();

    // Assess: the form closes and the department is in the card with its beds
    const row = departments
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'E2E1', exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Отделение e2e');
    expect(await row.textContent()).toMatch(/71.*12/);
    expect(await page.getByRole('form', { name: 'Новое отделение' }).count()).toBe(0);

    // Act: a wrong V020 code is refused at its field
    await departments.getByRole('button', { name: 'Изменить отделение E2E1' }).click();
    const edit = page.getByRole('form', { name: 'Отделение E2E1' });
    await edit.getByLabel('Профиль койки (V020)').fill('9999');
    await edit.getByRole('button', { name: 'Сохранить отделение' }).click();

    // Assess
    await expect
      .poll(() => edit.getByLabel('Профиль койки (V020)').getAttribute('aria-invalid'))
      .toBe('true');
    expect(await edit.getByTestId('form-error').textContent()).toContain('форматно-логический контроль');
    await page.close();
  });

  it('shows an МО registrar the card without edit controls', async () => {
    // Prepare
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInThroughForm(page, baseUrl, 'test_mo', 'test_mo');
    await page.waitForURL(new URL('/', baseUrl).href);

    // Act
    await sectionNavigation(page).getByRole('link', { name: 'Организации', exact: true }).click();
    await page.getByTestId('table-total').waitFor();
    const listActions = await page.getByRole('link', { name: 'Добавить организацию' }).count();
    await page.goto(new URL(`/organisations/${hospital}`, baseUrl).href);
    await page.getByTestId('org-departments').getByRole('row').nth(1).waitFor();

    // Assess: the card is there, its structure too, and no edit buttons
    expect(listActions).toBe(0);
    expect(await page.getByRole('heading', { name: 'Отделения и коечный фонд' }).isVisible()).toBe(true);
    expect(await page.getByTestId('org-beds').getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByRole('button', { name: /Изменить|Добавить/ }).count()).toBe(0);
    await page.close();
  });
});
