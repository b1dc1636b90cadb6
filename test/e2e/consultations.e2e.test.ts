import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';

const baseUrl = inject('baseUrl');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A telemedicine consultation in the browser (issue 14): a polyclinic asks a hospital, the hospital concludes (both
 * through REST, as their systems would); the person card of the polyclinic's user shows «Телемедицинские
 * консультации: N», and the link opens the person's consultations with the conclusion.
 */
describe('telemedicine consultations in the person card', () => {
  const browsers: TestBrowser[] = [];
  const pageErrors: string[] = [];
  const tokens: Record<string, string> = {};
  let person: { id: string; enp: string };
  let page: Page;

  const api = (user: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
    callApi(baseUrl, path, { ...init, token: tokens[user] });

  beforeAll(async () => {
    for (const user of ['test_mo', 'test_hosp']) tokens[user] = await signInToken(baseUrl, user);
    const moCode = (await api('test_mo', '/api/v1/me')).body.organisation.code as string;
    const hospCode = (await api('test_hosp', '/api/v1/me')).body.organisation.code as string;
    [person] = (await api('test_mo', `/api/v1/persons?moCode=${moCode}&pageSize=5`)).body.items;
    const diagnosis = (
      await api('test_mo', '/api/v1/nsi/directories/MKB10/records?q=I25&pageSize=20')
    ).body.items.find(
      (r: { code: string; dateEnd: string | null }) => r.dateEnd === null && r.code.startsWith('I25'),
    ).code;
    const sourceId = randomUUID();
    const asked = await api('test_mo', '/api/v1/consultations', {
      method: 'POST',
      json: {
        packageId: randomUUID(),
        records: [
          {
            sourceId,
            patient: { enp: person.enp },
            requestingMoCode: moCode,
            consultingMoCode: hospCode,
            type: 1,
            requestDate: day(-3),
            diagnosis,
          },
        ],
      },
    });
    expect(asked.body).toMatchObject({ accepted: 1 });
    const concluded = await api('test_hosp', '/api/v1/consultations/conclusions', {
      method: 'POST',
      json: {
        packageId: randomUUID(),
        records: [
          {
            sourceId: randomUUID(),
            request: { requestingMoCode: moCode, sourceId },
            consultDate: day(-1),
            conclusion: 'Показано плановое КАГ',
          },
        ],
      },
    });
    expect(concluded.body).toMatchObject({ accepted: 1 });
    const browser = await launchBrowser();
    browsers.push(browser);
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, 'test_mo', 'test_mo');
    await page.waitForURL(new URL('/', baseUrl).href);
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });

  it('the person card links to the person’s consultations, which show the conclusion', async () => {
    // Arrange: what the API lists for the person (the demo may hold others)
    const listed = (await api('test_mo', `/api/v1/consultations?personId=${person.id}&pageSize=100`)).body
      .items.length;

    // Act
    await page.goto(new URL(`/persons/${person.id}`, baseUrl).href);
    const sections = page.getByTestId('person-sections');
    await sections.waitFor();
    expect(await sections.textContent()).toContain(`Телемедицинские консультации: ${listed}`);
    const link = sections.getByRole('link', { name: /Телемедицинские консультации/ });
    await link.click();

    // Assess
    const table = page.getByTestId('consultation-list');
    await table.getByText('Показано плановое КАГ').waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Показано плановое КАГ' }).textContent()).toContain(
      'Проведена',
    );
    expect(pageErrors).toEqual([]);
  });
});
