import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

/** ISO date `days` from today, and the first Saturday at least `days` away. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const saturdayAfter = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
};
const shown = (iso: string) => iso.split('-').reverse().join('.');

describe('exam schedules in the browser (issue 13)', () => {
  let mo: TestBrowser;
  let smo: TestBrowser;
  let page: Page;
  let moCode: string;
  const pageErrors: string[] = [];
  const address = `с. Заречное, ул. Школьная, 3 — ФАП (${Date.now() % 100_000})`;
  const evening = inDays(12);
  const saturday = saturdayAfter(14);

  beforeAll(async () => {
    const token = await signInToken(baseUrl, 'test_mo');
    moCode = (await callApi(baseUrl, '/api/v1/me', { token })).body.organisation.code;
    mo = await launchBrowser();
    smo = await launchBrowser();
    page = await mo.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, 'test_mo', 'test_mo');
    await page.waitForURL(new URL('/', baseUrl).href);
  });

  afterAll(async () => {
    await mo?.close();
    await smo?.close();
    expect(pageErrors).toEqual([]);
  });

  async function publish(fields: {
    date: string;
    from: string;
    to: string;
    method?: string;
    address?: string;
  }) {
    const form = page.getByRole('form', { name: 'Время приёма' });
    await form.getByLabel('Дата').fill(fields.date);
    await form.getByLabel('Начало').fill(fields.from);
    await form.getByLabel('Окончание').fill(fields.to);
    await form.getByLabel('Способ').selectOption(fields.method ?? '1');
    if (fields.address !== undefined) await form.getByLabel('Адрес').fill(fields.address);
    await form.getByRole('button', { name: 'Опубликовать' }).click();
  }

  it('an МО publishes evening, Saturday and mobile-team hours; a stop without its address is refused in place', async () => {
    // Prepare
    await sectionNavigation(page).getByRole('link', { name: 'Графики медосмотров', exact: true }).click();
    await page.getByRole('link', { name: 'Опубликовать время приёма' }).click();

    // Act: a mobile team without an address first
    await publish({ date: inDays(20), from: '10:00', to: '15:00', method: '2', address: '' });

    // Assess: the server's message stands next to the address; nothing published
    const addressField = page.getByRole('form', { name: 'Время приёма' }).getByLabel('Адрес');
    await expect.poll(() => addressField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('укажите адрес (место стоянки или сбора)').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('slot-published').count()).toBe(0);

    // Act: the three slots
    await addressField.fill(address);
    await page
      .getByRole('form', { name: 'Время приёма' })
      .getByRole('button', { name: 'Опубликовать' })
      .click();
    await expect.poll(() => page.getByTestId('slot-published').textContent()).toContain('10:00–15:00');
    await publish({ date: evening, from: '16:00', to: '20:00' });
    await expect.poll(() => page.getByTestId('slot-published').textContent()).toContain('16:00–20:00');
    await publish({ date: saturday, from: '09:00', to: '13:00' });
    await expect.poll(() => page.getByTestId('slot-published').textContent()).toContain('09:00–13:00');
    await saveScreenshots(page, 'schedule-form');

    // Assess: the МО's schedule marks each kind of hours at a glance
    await page.getByRole('link', { name: 'Открыть график' }).click();
    const rows = page.getByTestId('schedule-slot');
    await rows.first().waitFor();
    const eveningRow = rows.filter({ hasText: shown(evening) }).filter({ hasText: '16:00–20:00' });
    expect(await eveningRow.getByText('вечер', { exact: true }).count()).toBe(1);
    const saturdayRow = rows.filter({ hasText: shown(saturday) }).filter({ hasText: '09:00–13:00' });
    expect(await saturdayRow.getByText('суббота', { exact: true }).count()).toBe(1);
    const mobileRow = rows.filter({ hasText: address });
    expect(await mobileRow.getByText('Выезд мобильной бригады').count()).toBe(1);
    await saveScreenshots(page, 'schedule-list');
  });

  it('an СМО sees the МО’s schedule with the mobile-team address, and can show only evening hours', async () => {
    // Prepare
    const smoPage = await smo.newPage();
    smoPage.setDefaultTimeout(15_000);
    smoPage.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(smoPage, baseUrl, 'test_smo', 'test_smo');
    await smoPage.waitForURL(new URL('/', baseUrl).href);

    // Act
    await sectionNavigation(smoPage).getByRole('link', { name: 'Графики медосмотров', exact: true }).click();
    await smoPage.getByLabel('Код МО').fill(moCode);
    const rows = smoPage.getByTestId('schedule-slot');
    await rows.filter({ hasText: address }).waitFor();

    // Assess
    expect(await smoPage.getByRole('link', { name: 'Опубликовать время приёма' }).count()).toBe(0);
    await smoPage.getByLabel('вечерние часы').check();
    // The list loads again: wait for the evening rows, then the mobile-team stop (daytime) is gone
    await expect
      .poll(async () => ({
        evening: (await rows.filter({ hasText: '16:00–20:00' }).count()) > 0,
        mobileStop: await rows.filter({ hasText: address }).count(),
      }))
      .toEqual({ evening: true, mobileStop: 0 });
    for (const text of await rows.allTextContents()) expect(text).toContain('вечер');
  });
});
