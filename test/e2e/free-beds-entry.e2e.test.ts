import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

interface FreeBedsItem {
  departmentCode: string;
  bedProfile: number;
  freeTotal: number;
  freeAdult: number;
  receivedAt: string;
}

describe('free-beds entry that is hard to get wrong (issue 11, item 6)', () => {
  let browser: TestBrowser;
  let page: Page;
  let token: string;
  let hospitalCode: string;
  const pageErrors: string[] = [];

  /** The hospital's latest free-beds reports as the server holds them. */
  async function reported(): Promise<FreeBedsItem[]> {
    const answer = await callApi(baseUrl, `/api/v1/free-beds?moCode=${hospitalCode}`, { token });
    expect(answer.status).toBe(200);
    return answer.body.items as FreeBedsItem[];
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    token = await signInToken(baseUrl, 'test_hosp');
    hospitalCode = (await callApi(baseUrl, '/api/v1/me', { token })).body.organisation.code;
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, 'test_hosp', 'test_hosp');
    await page.waitForURL(new URL('/', baseUrl).href);
  });

  afterAll(async () => {
    await browser?.close();
    expect(pageErrors).toEqual([]);
  });

  const sum = async (label: RegExp) => {
    let total = 0;
    for (const input of await page.getByTestId('free-beds-row').getByLabel(label).all()) {
      total += Number(await input.inputValue());
    }
    return total;
  };
  const shownTotal = (count: string) =>
    page.getByTestId('free-beds-totals').locator(`[data-count="${count}"]`).textContent();

  it('states the rule, computes sub-totals, marks an inconsistent row and sends nothing until it is fixed or confirmed', async () => {
    // Prepare
    await sectionNavigation(page).getByRole('link', { name: 'План госпитализации', exact: true }).click();
    await page.getByRole('link', { name: 'Ввод свободных мест' }).click();
    const row = page.getByTestId('free-beds-row').first();
    await row.waitFor();
    expect(await page.getByTestId('free-beds-rule').textContent()).toContain(
      'не больше, чем «Свободно» всего',
    );
    const before = await reported();
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/free-beds')) posts++;
    });

    // Act: free total 5, but 7 free for adults
    await row.getByLabel(/^Свободно:/).fill('5');
    await row.getByLabel(/^Муж\.:/).fill('2');
    await row.getByLabel(/^Жен\.:/).fill('3');
    await row.getByLabel(/^Взр\.:/).fill('7');
    await row.getByLabel(/^Дет\.:/).fill('0');

    // Assess: the row is marked in place, the adults' cell named; the sub-totals follow the typing
    await expect.poll(() => row.getAttribute('data-invalid')).toBe('true');
    expect(await row.getByLabel(/^Взр\.:/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('free-beds-row-problems').first().textContent()).toContain(
      '«свободно для взрослых» (7) больше, чем свободно всего (5).',
    );
    for (const [count, label] of [
      ['freeTotal', /^Свободно:/],
      ['freeMale', /^Муж\.:/],
      ['freeFemale', /^Жен\.:/],
      ['freeAdult', /^Взр\.:/],
      ['freeChild', /^Дет\.:/],
    ] as const) {
      expect(Number(await shownTotal(count)), count).toBe(await sum(label));
    }
    // The grid scrolled back to its start (typing scrolled it to the focused cell) for the screenshot
    await page.locator('.table-scroll', { has: row }).evaluate((el) => {
      el.scrollLeft = 0;
    });
    await saveScreenshots(page, 'hosp-free-beds-entry');

    // Act: try to send
    await page.getByRole('button', { name: 'Отправить сведения' }).click();

    // Assess: a confirmation listing what would be rejected; nothing was sent, the server has no new report
    const confirm = page.getByTestId('free-beds-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('«свободно для взрослых» (7) больше');
    expect(posts).toBe(0);
    expect(await reported()).toEqual(before);

    // Act: back to correcting; the adults fixed
    await confirm.getByRole('button', { name: 'Вернуться к исправлению' }).click();
    await row.getByLabel(/^Взр\.:/).fill('5');

    // Assess: the row agrees, the sub-total of adults follows
    await expect.poll(() => row.getAttribute('data-invalid')).toBeNull();
    expect(Number(await shownTotal('freeAdult'))).toBe(await sum(/^Взр\.:/));

    // Act: send
    await page.getByRole('button', { name: 'Отправить сведения' }).click();

    // Assess: one package, every row accepted, the server holds the corrected row
    await expect
      .poll(() => page.getByTestId('package-protocol').textContent())
      .toMatch(/^Сведения приняты: принято (\d+) из \1, отклонено 0\.$/);
    expect(posts).toBe(1);
    const department = await row.getByTestId('free-beds-department').textContent();
    const after = await reported();
    expect(after).not.toEqual(before);
    expect(after.some((r) => r.freeTotal === 5 && r.freeAdult === 5)).toBe(true);
    expect(department).toBeTruthy();
  });

  it('sends an inconsistent row only after the confirmation, and shows the server’s word on that row', async () => {
    // Prepare
    await page.reload();
    const row = page.getByTestId('free-beds-row').first();
    await row.waitFor();
    // Only the children's count breaks the rule (the server names the first count that does)
    await row.getByLabel(/^Свободно:/).fill('2');
    await row.getByLabel(/^Муж\.:/).fill('1');
    await row.getByLabel(/^Жен\.:/).fill('1');
    await row.getByLabel(/^Взр\.:/).fill('2');
    await row.getByLabel(/^Дет\.:/).fill('4');

    // Act: send, confirm
    await page.getByRole('button', { name: 'Отправить сведения' }).click();
    await page
      .getByTestId('free-beds-confirm')
      .getByRole('button', { name: /Отправить, эти строки/ })
      .click();

    // Assess: that row rejected by the server, the others accepted; the server's message is on the row, in words
    await expect.poll(() => page.getByTestId('package-protocol').textContent()).toContain('отклонено 1.');
    const protocol = (await page.getByTestId('package-protocol').textContent()) ?? '';
    expect(protocol).not.toMatch(/код \d|freeChild|поле [a-z]/);
    expect(await page.getByTestId('free-beds-row-problems').first().textContent()).toContain(
      '«свободно для детей»: Количества коечного фонда противоречат друг другу.',
    );
  });

  it('explains a future date in words and sends nothing for it', async () => {
    // Prepare
    await page.reload();
    await page.getByTestId('free-beds-row').first().waitFor();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

    // Act
    await page.getByLabel('Дата сведений').fill(tomorrow);

    // Assess
    const error = page.locator('.field', { has: page.getByLabel('Дата сведений') }).locator('.field-error');
    await expect.poll(() => error.textContent()).toMatch(/^Сведения о свободных местах подаются за сегодня/);
    expect(await page.getByRole('button', { name: 'Отправить сведения' }).isDisabled()).toBe(true);
  });

  it('keeps the department column pinned and every count column reachable at 1024 px', async () => {
    // Prepare
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.reload();
    const row = page.getByTestId('free-beds-row').first();
    await row.waitFor();
    const scroller = page.locator('.table-scroll', { has: page.getByTestId('free-beds-row') });

    // Act: scroll the grid to its right end
    await scroller.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });

    // Assess: the department cell is still in view at the left, the last forecast column is in view too
    const box = await scroller.boundingBox();
    const header = await row.getByRole('rowheader').boundingBox();
    const lastInput = await row.getByRole('textbox').last().boundingBox();
    expect(box && header && lastInput).toBeTruthy();
    expect(header!.x).toBeGreaterThanOrEqual(box!.x - 1);
    expect(header!.x).toBeLessThan(box!.x + 10);
    expect(lastInput!.x + lastInput!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
  });
});
