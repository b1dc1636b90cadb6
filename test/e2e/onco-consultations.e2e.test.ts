import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Zap } from '../../shared/registry/domain/registry-tags';
import { launchBrowser, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { demoPackage, sendPackage, waitForImport } from '../helpers/registry-packages';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');
const dayMs = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const shift = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

const conclusion = 'Данные за рак молочной железы, показана трепанобиопсия под УЗИ-контролем';
const recommendations = 'Консультация онколога ЦАОП в течение 3 рабочих дней';
const cardiologyQuestion = 'Коррекция антиангинальной терапии';

/**
 * Telemedicine consultations in the onco timeline (issue 14, point 5). The hospital (test_hosp) sends a month's
 * C-file; the polyclinic (test_mo) asks the hospital for two consultations about one of its patients — one about
 * breast cancer a day before the person's first case, concluded by the hospital, and one about angina today;
 * the fund's analyst (test_tfoms), who reads both the register and the consultations, opens the person's onco page.
 */
describe('«Онкорегистр»: telemedicine consultations in a person’s timeline', () => {
  const tokens: Record<string, string> = {};
  const pageErrors: string[] = [];
  let browser: TestBrowser;
  let page: Page;
  let personId: string;
  let firstCase: string;
  let breastDiagnosis: { code: string; name: string };
  let moName: string;
  let hospName: string;

  const api = (user: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
    callApi(baseUrl, path, { ...init, token: tokens[user] });

  async function mkb(prefix: string): Promise<{ code: string; name: string }> {
    const found = await api('test_mo', `/api/v1/nsi/directories/MKB10/records?q=${prefix}&pageSize=50`);
    expect(found.status, found.text).toBe(200);
    const record = found.body.items.find(
      (r: { code: string; dateEnd: string | null }) => r.dateEnd === null && r.code.startsWith(`${prefix}.`),
    );
    expect(record, `an МКБ-10 code ${prefix}.x valid today`).toBeDefined();
    return record;
  }

  async function askConsultation(
    record: Record<string, unknown> & { sourceId: string },
    codes: { mo: string; hosp: string },
    enp: string,
  ) {
    const asked = await api('test_mo', '/api/v1/consultations', {
      method: 'POST',
      json: {
        packageId: randomUUID(),
        records: [
          { patient: { enp }, requestingMoCode: codes.mo, consultingMoCode: codes.hosp, type: 1, ...record },
        ],
      },
    });
    expect(asked.body, asked.text).toMatchObject({ accepted: 1 });
  }

  beforeAll(async () => {
    for (const user of ['test_mo', 'test_hosp', 'test_tfoms'])
      tokens[user] = await signInToken(baseUrl, user);
    const mo = (await api('test_mo', '/api/v1/me')).body.organisation;
    const hosp = (await api('test_hosp', '/api/v1/me')).body.organisation;
    const codes = { mo: mo.code as string, hosp: hosp.code as string };
    moName = mo.shortName;
    hospName = hosp.shortName;

    // The hospital's C-file of the month before last: onco paths of the demo register's persons
    const month = new Date(Date.parse(`${today().slice(0, 7)}-01T00:00:00Z`) - 32 * dayMs);
    const pkg = demoPackage({
      seed: 'e2e-onco-consultations',
      moCode: codes.hosp,
      year: month.getUTCFullYear(),
      month: month.getUTCMonth() + 1,
      packet: 95,
      count: 20,
    });
    const sent = await sendPackage(baseUrl, tokens.test_hosp!, pkg.fileName, pkg.bytes());
    const done = await waitForImport(baseUrl, tokens.test_hosp!, sent.id);
    expect(done.status, `${pkg.fileName}: ${done.error ?? ''}`).toBe('done');
    // A single policy (VPOLIS 3) carries the ЕНП as its number
    const zap = [...pkg.cases].find(
      (c): c is Zap => !('xml' in c) && c.PACIENT.VPOLIS === '3' && /^\d{16}$/.test(c.PACIENT.NPOLIS),
    );
    expect(zap, 'a case with the person’s ЕНП').toBeDefined();
    const enp = zap!.PACIENT.NPOLIS;
    const persons = await api('test_tfoms', `/api/v1/persons?enp=${enp}`);
    expect(persons.status, persons.text).toBe(200);
    personId = persons.body.items[0].id;
    const timeline = await api('test_tfoms', `/api/v1/onco/persons/${personId}?cases=all`);
    expect(timeline.status, timeline.text).toBe(200);
    const starts: string[] = timeline.body.cases.map((c: { dateFrom: string }) => c.dateFrom).sort();
    expect(starts.length).toBeGreaterThan(0);
    firstCase = starts[0]!;

    // The polyclinic asks; the hospital concludes the oncological one
    breastDiagnosis = await mkb('C50');
    const breastRequest = randomUUID();
    await askConsultation(
      { sourceId: breastRequest, requestDate: shift(firstCase, -1), diagnosis: breastDiagnosis.code },
      codes,
      enp,
    );
    await askConsultation(
      {
        sourceId: randomUUID(),
        requestDate: today(),
        diagnosis: (await mkb('I20')).code,
        question: cardiologyQuestion,
      },
      codes,
      enp,
    );
    const concluded = await api('test_hosp', '/api/v1/consultations/conclusions', {
      method: 'POST',
      json: {
        packageId: randomUUID(),
        records: [
          {
            sourceId: randomUUID(),
            request: { requestingMoCode: codes.mo, sourceId: breastRequest },
            consultDate: firstCase,
            diagnosis: breastDiagnosis.code,
            conclusion,
            recommendations,
          },
        ],
      },
    });
    expect(concluded.body, concluded.text).toMatchObject({ accepted: 1 });

    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, 'test_tfoms', 'test_tfoms');
    await page.waitForURL(new URL('/', baseUrl).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the timeline shows the consultations among the cases by date; the onco view keeps the oncological one', async () => {
    // Arrange: what the consultations' API lists for the person in the analyst's scope
    const listed = await api('test_tfoms', `/api/v1/consultations?personId=${personId}&pageSize=200`);
    expect(listed.status, listed.text).toBe(200);

    // Act
    await page.goto(new URL(`/onco/persons/${personId}`, baseUrl).href);
    const timeline = page.getByTestId('onco-timeline');
    const breast = timeline.getByTestId('onco-consultation').filter({ hasText: conclusion });
    await breast.waitFor();

    // Assess: every consultation is there, the breast one before the first case, the angina one after the last
    const entries = timeline.locator(':scope > li');
    await expect.poll(() => timeline.getByTestId('onco-consultation').count()).toBe(listed.body.items.length);
    const kinds = await entries.evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')));
    expect(kinds.filter((k) => k === 'onco-case').length).toBeGreaterThan(0);
    const breastAt = await entries.evaluateAll(
      (items, text) => items.findIndex((li) => li.textContent?.includes(text)),
      conclusion,
    );
    const anginaAt = await entries.evaluateAll(
      (items, text) => items.findIndex((li) => li.textContent?.includes(text)),
      cardiologyQuestion,
    );
    expect(kinds.indexOf('onco-case')).toBeGreaterThan(breastAt);
    expect(kinds.lastIndexOf('onco-case')).toBeLessThan(anginaAt);

    // The entry: type, who asked whom, the dates, the diagnosis by name with its code, the status and conclusion
    const text = (await breast.textContent()) ?? '';
    for (const part of [
      `${ruDate(shift(firstCase, -1))} · Телемедицинская консультация`,
      'врач — врач',
      'проведена',
      'онкология',
      moName,
      hospName,
      `Дата заключения${ruDate(firstCase)}`,
      breastDiagnosis.code,
      recommendations,
    ]) {
      expect(text, part).toContain(part);
    }
    const diagnosis = breast.getByTestId('onco-group-consultation-diagnosis').locator('[data-code]');
    expect(await diagnosis.getAttribute('title')).toBe(`МКБ-10: код ${breastDiagnosis.code}`);
    expect(await diagnosis.textContent()).toBe(breastDiagnosis.name.replace(/[\s;]+$/, ''));
    expect(await breast.getByTestId('onco-group-consultation-conclusion').textContent()).toContain(
      conclusion,
    );
    await saveScreenshots(page, 'tfoms-onco-person-consultations');

    // Act: the onco cases only
    await page.getByRole('link', { name: 'Онкологические случаи' }).click();
    await page.waitForURL(/view=onco\b/);

    // Assess: the breast consultation stays, the angina one is gone
    await expect
      .poll(async () => ({
        breast: await breast.count(),
        angina: await timeline
          .getByTestId('onco-consultation')
          .filter({ hasText: cardiologyQuestion })
          .count(),
        cases: await timeline.getByTestId('onco-case').count(),
      }))
      .toEqual({ breast: 1, angina: 0, cases: expect.any(Number) });
    expect(await timeline.getByTestId('onco-case').count()).toBeGreaterThan(0);

    // Act: the «Онкология» profile's cases have no consultations (a consultation has no profile)
    await page.getByRole('link', { name: 'Профиль «Онкология»' }).click();
    await page.waitForURL(/view=oncologyProfile/);

    // Assess
    await expect.poll(() => page.getByTestId('onco-consultation').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
