import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');

describe('sections that are not built yet', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInThroughForm(page, baseUrl, 'test_mo', 'test_mo');
    await page.waitForURL(new URL('/', baseUrl).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('«Отчёты» says honestly that it is not available yet, and shows no table', async () => {
    // Act
    await sectionNavigation(page).getByRole('link', { name: 'Отчёты', exact: true }).click();

    // Assess
    await page.waitForURL(new URL('/reports', baseUrl).href);
    const notice = page.getByTestId('section-unavailable');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Раздел «Отчёты» ещё не доступен: он появится в следующих версиях omslink.',
    );
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Отчёты');
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('an unavailable section opened by its address after a reload says the same', async () => {
    // Act
    await page.goto(new URL('/reports', baseUrl).href);

    // Assess
    const notice = page.getByTestId('section-unavailable');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Раздел «Отчёты» ещё не доступен');
    expect(new URL(page.url()).pathname).toBe('/reports');
  });
});
