import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');

describe('the audit log (ТФОМС)', () => {
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, 'test_tfoms', 'test_tfoms');
    await page.waitForURL(new URL('/', baseUrl).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('test_tfoms filters the log by user and finds their own sign-in', async () => {
    // Act
    await sectionNavigation(page).getByRole('link', { name: 'Журнал аудита' }).click();
    await page.getByRole('heading', { level: 1, name: 'Журнал аудита' }).waitFor();
    await page.getByLabel('Пользователь').fill('test_tfoms');
    await page.getByLabel('Действие').selectOption({ label: 'Вход в систему' });
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/username=test_tfoms/);

    // Assess: every row is test_tfoms signing in through the web, the newest first
    const table = page.getByTestId('audit-log');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => table.locator('tbody tr td:nth-child(2)').allTextContents())
      .toSatisfy((users: string[]) => users.every((u) => u === 'Смирнова Анна Викторовна'));
    expect(await table.locator('tbody tr td:nth-child(2) span').first().getAttribute('title')).toBe(
      'Имя входа: test_tfoms',
    );
    const firstRow = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(firstRow).toEqual(
      expect.arrayContaining([
        'Смирнова Анна Викторовна',
        'Аналитик ТФОМС',
        'Веб-интерфейс',
        'Вход в систему',
        'Учётная запись',
      ]),
    );
    expect(await page.getByTestId('table-total').textContent()).toMatch(/^Найдено записей: \d+/);
    expect(pageErrors).toEqual([]);
  });

  it('downloads the filtered log as CSV with BOM, Russian headers and the sign-in rows', async () => {
    // Act
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить CSV' }).click();
    const download = await downloading;
    const bytes = await readFile((await download.path())!);

    // Assess
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`audit-all-${today}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^Номер записи;Время \(UTC, ISO 8601\);Пользователь;Код организации;Организация;Роль/,
    );
    const rows = lines.slice(1).map((line) => line.split(';'));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(row[2]).toBe('test_tfoms');
      expect(row[7]).toBe('Вход в систему');
      expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const shown = await page.getByTestId('audit-log').locator('tbody tr').count();
    expect(rows.length).toBe(shown);
    expect(pageErrors).toEqual([]);
  });
});
