import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');

describe('reference directories (НСИ)', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The data row whose first cell is exactly `code`. */
  function recordRow(code: string) {
    return page
      .getByTestId('nsi-records')
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: code, exact: true }) });
  }

  it('finds МКБ-10 code C50.4 by search, and the view survives a reload', async () => {
    // Prepare
    await signInThroughForm(page, baseUrl, 'test_tfoms', 'test_tfoms');
    await page.waitForURL(new URL('/', baseUrl).href);

    // Act: open the directories and МКБ-10
    await sectionNavigation(page).getByRole('link', { name: 'Справочники', exact: true }).click();
    await page.waitForURL(new URL('/nsi', baseUrl).href);
    await page.getByTestId('nsi-directories').getByRole('link', { name: 'MKB10', exact: true }).click();
    await page.waitForURL(new URL('/nsi/MKB10', baseUrl).href);

    // Assess: the records table and the versions panel are there
    await page.getByTestId('table-total').waitFor();
    // (The versions panel loads on its own request: wait for its first row below the header.)
    await page.getByTestId('nsi-versions').getByRole('row').nth(1).waitFor();
    expect(await page.getByTestId('nsi-versions').getByRole('row').count()).toBeGreaterThan(1);
    expect(
      await page.getByRole('columnheader', { name: 'Код' }).getAttribute('aria-sort'),
      'records are sorted by code by default',
    ).toBe('ascending');

    // Act: search
    await page.getByPlaceholder('Код или наименование').fill('C50.4');
    await page.getByRole('button', { name: 'Найти' }).click();

    // Assess: C50.4 is found, with its name, and the search is in the address
    await recordRow('C50.4').waitFor();
    expect(await recordRow('C50.4').count()).toBe(1);
    expect(await recordRow('C50.4').getByRole('cell').nth(1).textContent()).toContain('молочной железы');
    expect(new URL(page.url()).searchParams.get('q')).toBe('C50.4');

    // Act: reload the linked view
    await page.reload();

    // Assess: same search, same row, still signed in
    await recordRow('C50.4').waitFor();
    expect(await page.getByPlaceholder('Код или наименование').inputValue()).toBe('C50.4');
    expect(await page.getByTestId('user-name').isVisible()).toBe(true);
  });

  it('sorts by a column header click and sends sort=-code to the API', async () => {
    // Prepare
    await page.goto(new URL('/nsi/MKB10', baseUrl).href);
    await page.getByTestId('table-total').waitFor();
    const recordsAnswer = page.waitForResponse((response) => response.url().includes('/records?'));

    // Act
    await page.getByRole('button', { name: 'Код', exact: true }).click();

    // Assess
    const answer = await recordsAnswer;
    expect(new URL(answer.url()).searchParams.get('sort')).toBe('-code');
    expect(answer.status()).toBe(200);
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Код' }).getAttribute('aria-sort'))
      .toBe('descending');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-code');
    const codes = await page.getByTestId('nsi-records').locator('tbody tr td:first-child').allInnerTexts();
    expect(codes.length).toBeGreaterThan(1);
    expect(codes[0]! >= codes[codes.length - 1]!).toBe(true);
  });
});
