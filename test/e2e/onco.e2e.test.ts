import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registryDemoCodes } from '../../shared/registry/demo/package-generator';
import type { Zap } from '../../shared/registry/domain/registry-tags';
import { type RawCase, writeRegistryPackage } from '../../shared/registry/formats/registry-package-writer';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { demoPackage, sendPackage, waitForImport } from '../helpers/registry-packages';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');
const C = registryDemoCodes;

/**
 * The generator's paths give each person one plan (surgery then drugs, drugs, or radiation) and a refusal now and
 * then; so that one person's history holds every onco field group, each surgery episode also records a refusal
 * of radiation and a radiation course with its dose, and the last drug cycle is at a progression with distant
 * metastases (DS1_T 2, MTSTZ 1: the FLK allows metastases only at a relapse or progression).
 */
function withEveryGroup(record: Zap | RawCase): Zap | RawCase {
  if ('xml' in record) return record;
  for (const sl of record.Z_SL.SL) {
    const onk = sl.ONK_SL;
    if (!onk) continue;
    const types = onk.ONK_USL.map((u) => u.USL_TIP);
    if (types.includes(C.services.surgery)) {
      if (onk.B_PROT.length === 0) onk.B_PROT = [{ PROT: C.refusal.radiation, D_PROT: sl.DATE_1 }];
      onk.ONK_USL = [
        ...onk.ONK_USL,
        { USL_TIP: C.services.radiation, LUCH_TIP: C.radiationType.primaryTumour, LEK_PR: [] },
      ];
      onk.SOD = '40.00';
      onk.K_FR = '20';
    }
    if (onk.ONK_USL.some((u) => u.USL_TIP === C.services.drug && u.LEK_TIP_V === C.drugCycle.lastCompleted)) {
      onk.DS1_T = '2';
      onk.MTSTZ = '1';
    }
  }
  return record;
}

interface FoundPerson {
  id: string;
  name: string;
}

/** The criteria of a person whose history has every field group (the REST API is asked, as the sender). */
const everyGroup = {
  kind: 'group',
  op: 'and',
  conditions: [
    { kind: 'referral' },
    { kind: 'consilium' },
    { kind: 'refusal' },
    { kind: 'metastases' },
    { kind: 'histology', type: 2 },
    { kind: 'serviceType', types: [1] },
    { kind: 'serviceType', types: [2] },
    { kind: 'serviceType', types: [3] },
  ],
};

/**
 * The cases are sent by the hospital's registrar (test_hosp), who then reads a person's path; the list is built
 * and shared by the fund (test_tfoms, test_admin), which sees the whole region. An import links the sending МО to
 * the persons it treated, so the polyclinic's person list (persons.e2e.test.ts) is left as the register made it.
 */
describe('«Онкорегистр»: a person’s whole path, the list builder, saved and exported lists', () => {
  let browser: TestBrowser;
  let page: Page;
  let person: FoundPerson;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const token = await signInToken(baseUrl, 'test_hosp');
    const me = (await callApi(baseUrl, '/api/v1/me', { token })).body as { organisation: { code: string } };
    const moCode = me.organisation.code;
    // Ten months of the МО's C-files: the cohort's paths from suspicion through diagnosis to treatment.
    for (let month = 1; month <= 10; month++) {
      const pkg = demoPackage({
        seed: 'e2e-onco',
        moCode,
        year: 2026,
        month,
        pathYear: 2026,
        cohortShare: 0.03,
        count: 120,
      });
      const { fileName, bytes } = writeRegistryPackage({
        ...pkg.input,
        cases: [...pkg.cases].map(withEveryGroup),
      });
      const sent = await sendPackage(baseUrl, token, fileName, bytes);
      const done = await waitForImport(baseUrl, token, sent.id);
      expect(done.status, `${fileName}: ${done.error ?? ''}`).toBe('done');
      expect(done.counts?.rejected, fileName).toBe(0);
    }
    const found = await callApi(baseUrl, '/api/v1/onco/persons/search', {
      method: 'POST',
      token,
      json: { criteria: everyGroup, page: 1, pageSize: 5 },
    });
    expect(found.status, found.text).toBe(200);
    const first = found.body.items[0];
    expect(first, 'a person whose history has every onco field group').toBeDefined();
    person = {
      id: first.person.id,
      name: [first.person.fam, first.person.im, first.person.ot].filter(Boolean).join(' '),
    };
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  it('a person’s timeline shows every case with every onco field group, names with codes on hover', async () => {
    // Prepare
    await signedIn('test_hosp');

    // Act: the link the person card gives (`/onco?personId=`) opens the person's page
    await page.goto(new URL(`/onco?personId=${person.id}`, baseUrl).href);
    await page.getByRole('heading', { level: 1, name: person.name }).waitFor();
    const timeline = page.getByTestId('onco-timeline');
    await timeline.waitFor();

    // Assess: the register's summary and the timeliness of each step
    const summary = page.getByTestId('onco-register');
    expect(await summary.textContent()).toMatch(/Диагноз ЗНО.*Стадия/s);
    const diagnosis = summary.locator('[data-code^="C"]').first();
    expect(await diagnosis.getAttribute('title')).toMatch(/^МКБ-10: код C\d\d/);
    const steps = page.getByTestId('onco-person-timeliness');
    expect(await steps.locator('tbody tr').count()).toBe(3);
    expect(await steps.getByTestId('onco-timeliness').count()).toBeGreaterThan(0);

    // Every field group somewhere in the person's path
    for (const group of [
      'suspicion',
      'referrals',
      'character',
      'reason',
      'stage',
      'tnm',
      'metastases',
      'diagnostics',
      'refusals',
      'dose',
      'body',
      'consilium',
      'treatment',
      'drugs',
      'services',
    ]) {
      expect(await timeline.getByTestId(`onco-group-${group}`).count(), group).toBeGreaterThan(0);
    }
    // Names from НСИ, codes on hover: the reason (N018), the stage and TNM (N002–N005), the drugs (N020, V024)
    const reason = timeline.getByTestId('onco-group-reason').first().locator('[data-code]');
    expect(await reason.getAttribute('title')).toMatch(/^N018: код \d+$/);
    expect(
      await timeline.getByTestId('onco-group-metastases').filter({ hasText: 'есть' }).count(),
    ).toBeGreaterThan(0);
    expect(
      await timeline.getByTestId('onco-group-stage').locator('[title^="N002: код"]').count(),
    ).toBeGreaterThan(0);
    for (const directory of ['N003', 'N004', 'N005']) {
      const tnm = timeline.getByTestId('onco-group-tnm').locator(`[title^="${directory}: код"]`);
      expect(await tnm.count(), directory).toBeGreaterThan(0);
    }
    const drugs = timeline.getByTestId('onco-group-drugs').first();
    expect(await drugs.locator('[title^="N020: код"]').count()).toBeGreaterThan(0);
    expect(await drugs.locator('[title^="V024: код"]').count()).toBeGreaterThan(0);
    expect(await drugs.textContent()).toMatch(/\d\d\.\d\d\.2026/);
    const treatment = timeline.getByTestId('onco-group-treatment');
    for (const directory of ['N013', 'N014', 'N015', 'N016', 'N017']) {
      expect(await treatment.locator(`[title^="${directory}: код"]`).count(), directory).toBeGreaterThan(0);
    }
    const refusal = timeline.getByTestId('onco-group-refusals').first();
    expect(await refusal.textContent()).toMatch(/Отказ от проведения лучевой терапии, \d\d\.\d\d\.2026/);
    expect(await timeline.getByTestId('onco-group-dose').first().textContent()).toContain(
      '40 Гр, 20 фракций',
    );
    const diagnostics = timeline.getByTestId('onco-group-diagnostics');
    expect(await diagnostics.locator('[title^="N007: код"]').count()).toBeGreaterThan(0);
    expect(await diagnostics.locator('[title^="N010: код"]').count()).toBeGreaterThan(0);
    const consilium = timeline.getByTestId('onco-group-consilium').first();
    expect(await consilium.locator('[title^="N019: код"]').count()).toBe(1);
    const referral = timeline.getByTestId('onco-group-referrals').first();
    expect(await referral.locator('[title^="V028: код"]').count()).toBeGreaterThan(0);
    expect(await referral.getByTestId('onco-timeliness').count()).toBeGreaterThan(0);
    await saveScreenshots(page, 'hosp-onco-person');

    // Act: the «Онкология» profile's cases, then every service
    await page.getByRole('link', { name: 'Профиль «Онкология»' }).click();
    await page.waitForURL(/view=oncologyProfile/);
    await expect
      .poll(async () => {
        const cases = await timeline.getByTestId('onco-case').allTextContents();
        return cases.length > 0 && cases.every((text) => text.includes('профиль «Онкология»'));
      })
      .toBe(true);
    await page.getByRole('link', { name: 'Все услуги' }).click();
    const services = page.getByTestId('onco-services');
    await services.locator('tbody tr').first().waitFor();

    // Assess
    expect(await services.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('a list is built from AND/OR conditions, saved for the organisation, opened by a colleague and exported', async () => {
    // Prepare
    await signedIn('test_tfoms');
    await sectionNavigation(page).getByRole('link', { name: 'Онкорегистр', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Онкорегистр' }).waitFor();
    await page.getByTestId('onco-persons').locator('tbody tr').first().waitFor();

    // Act: ЗНО C00–C97 and surgery, and (a refusal or a consilium on treatment tactics)
    const root = page.getByTestId('onco-group').first();
    await root.getByLabel('Добавить условие').last().selectOption('diagnosis');
    const diagnosis = root.locator('[data-kind="diagnosis"]');
    await diagnosis.getByLabel('МКБ-10: с кода').fill('C00');
    await diagnosis.getByLabel('по код (включительно)').fill('C97');
    await root.getByLabel('Добавить условие').last().selectOption('serviceType');
    await root
      .locator('[data-kind="serviceType"]')
      .getByLabel('Хирургическое лечение', { exact: true })
      .check();
    await root.getByRole('button', { name: 'Добавить группу' }).last().click();
    const nested = root.getByTestId('onco-group').last();
    expect(await nested.getByLabel('Связка условий').inputValue()).toBe('or');
    await nested.getByLabel('Добавить условие').selectOption('refusal');
    await nested.getByLabel('Добавить условие').selectOption('consilium');
    await nested.locator('[data-kind="consilium"]').getByLabel('Определена тактика лечения').check();
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/[?&]c=/);
    const table = page.getByTestId('onco-persons');
    await table.locator('tbody tr').first().waitFor();

    // Assess: the rows are the API's for the same criteria, with their timeliness flags
    const criteria = JSON.parse(new URL(page.url()).searchParams.get('c')!);
    expect(criteria.conditions).toHaveLength(3);
    expect(criteria.conditions[2]).toMatchObject({ kind: 'group', op: 'or' });
    const token = await signInToken(baseUrl, 'test_tfoms');
    const api = await callApi(baseUrl, '/api/v1/onco/persons/search', {
      method: 'POST',
      token,
      json: { criteria, page: 1, pageSize: 25 },
    });
    expect(api.status, api.text).toBe(200);
    const names: string[] = api.body.items.map(
      (r: { person: { fam: string; im: string; ot: string | null } }) =>
        [r.person.fam, r.person.im, r.person.ot].filter(Boolean).join(' '),
    );
    expect(names.length).toBeGreaterThan(0);
    await expect.poll(() => table.locator('tbody tr td:first-child a').allTextContents()).toEqual(names);
    expect(await table.getByTestId('onco-timeliness').count()).toBeGreaterThan(0);
    await saveScreenshots(page, 'tfoms-onco-list');

    // Act: saved for the whole organisation
    const listName = `ЗНО после операции ${Date.now()}`;
    await page.getByLabel('Название списка').fill(listName);
    await page.getByLabel('доступен всем сотрудникам организации').check();
    await page.getByRole('button', { name: 'Сохранить условия' }).click();
    await page.getByText(`Список «${listName}» сохранён.`).waitFor();
    await page.getByTestId('onco-lists').locator('tr', { hasText: listName }).waitFor();

    // Act: exported as CSV and XLSX
    let download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить CSV', exact: true }).click();
    const csv = await download;
    download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить XLSX', exact: true }).click();
    const xlsx = await download;

    // Assess: the CSV lists the same persons (UTF-8 with BOM, Russian header), the XLSX is a workbook
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = (await readFile((await csv.path())!)).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/ФИО|Фамилия/);
    expect(lines.length - 1).toBeGreaterThanOrEqual(names.length);
    expect(text).toContain(person.name.split(' ')[0]!);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = await readFile((await xlsx.path())!);
    expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

    // Act: a colleague of the fund opens the shared list
    await signedIn('test_admin');
    await page.goto(new URL('/onco', baseUrl).href);
    const shared = page.getByTestId('onco-lists').locator('tr', { hasText: listName });
    await shared.waitFor();
    expect(await shared.getByRole('button', { name: 'Удалить' }).count()).toBe(0);
    await shared.getByRole('button', { name: 'Открыть' }).click();
    await page.waitForURL(/[?&]c=/);
    const opened = page.getByTestId('onco-persons');

    // Assess: the same criteria, the same rows
    expect(JSON.parse(new URL(page.url()).searchParams.get('c')!)).toEqual(criteria);
    await expect.poll(() => opened.locator('tbody tr td:first-child a').allTextContents()).toEqual(names);
    expect(pageErrors).toEqual([]);
  });
});
