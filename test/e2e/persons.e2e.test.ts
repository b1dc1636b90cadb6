import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');

describe('insured persons: search, card, affiliation query, who looked', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(username: string) {
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  it('an МО registrar finds an attached person by surname, opens the card; the fund sees that in the card', async () => {
    // Prepare
    await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'Застрахованные лица', exact: true }).click();
    await page.waitForURL(new URL('/persons', baseUrl).href);
    const rows = page.getByTestId('persons').getByRole('row');
    await page.getByTestId('table-total').waitFor();

    // Act: search by the first listed person's surname, open the card
    const firstName = (await rows.nth(1).getByRole('link').textContent()) ?? '';
    const surname = firstName.split(' ')[0]!;
    await page.getByPlaceholder('ЕНП, СНИЛС или фамилия и имя').fill(surname);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === surname);
    await rows.nth(1).getByRole('link').click();

    // Assess: the card shows the person, the policy history and the attachment to this МО
    await page.getByTestId('person-demographics').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(firstName);
    const enp = await page.getByTestId('person-demographics').locator('dd').first().textContent();
    expect(enp).toMatch(/^\d{16}$/);
    expect(await page.getByTestId('person-policies').getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('person-attachments').locator('[title="Код 990001"]').count()).toBe(1);
    const cardUrl = page.url();
    await page.close();

    // Act: the fund's analyst opens the same card
    await signedIn('test_tfoms');
    await page.goto(cardUrl);
    await page.getByTestId('person-access-log').waitFor();

    // Assess: «who looked» lists the МО registrar's reads
    await expect
      .poll(() => page.getByTestId('person-access-log').textContent())
      .toContain('Кузнецов Игорь Петрович');
    expect(
      await page.getByTestId('person-access-log').locator('[title="Имя входа: test_mo"]').count(),
    ).toBeGreaterThan(0);
    await page.close();
  });

  it('pages through the list without a total: «Показаны 1–20, есть ещё», then the next page', async () => {
    await signedIn('test_smo');
    await sectionNavigation(page).getByRole('link', { name: 'Застрахованные лица', exact: true }).click();
    const summary = page.getByTestId('table-total');
    await expect.poll(() => summary.textContent()).toBe('Показаны 1–20, есть ещё');
    expect(await page.getByTestId('pagination-position').textContent()).toBe('Страница 1');
    const first = await page.getByTestId('persons').getByRole('row').nth(1).textContent();

    await page.getByRole('button', { name: 'Следующая ›' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(() => summary.textContent()).toBe('Показаны 21–40, есть ещё');
    expect(await page.getByTestId('persons').getByRole('row').nth(1).textContent()).not.toBe(first);
    expect(await page.getByRole('button', { name: 'Последняя »' }).count()).toBe(0);
    await page.close();
  });

  it('answers the insurance-affiliation query by ЕНП, and refuses a wrong check digit in Russian', async () => {
    await signedIn('test_smo');
    await sectionNavigation(page).getByRole('link', { name: 'Застрахованные лица', exact: true }).click();
    await page.getByTestId('table-total').waitFor();
    const enp = (await page
      .getByTestId('persons')
      .getByRole('row')
      .nth(1)
      .getByRole('cell')
      .nth(2)
      .textContent())!;

    await page.getByText('Проверка страховой принадлежности').click();
    await page.getByLabel('ЕНП').fill(enp);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await expect
      .poll(() => page.getByTestId('affiliation-answer').textContent())
      .toContain('Застрахован в регионе');

    const wrong = enp.slice(0, 15) + String((Number(enp[15]) + 1) % 10);
    await page.getByLabel('ЕНП').fill(wrong);
    await page.getByRole('button', { name: 'Проверить' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('контрольная цифра ЕНП');
    await page.close();
  });
});
