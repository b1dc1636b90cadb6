import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GeneratedRegistryPackage } from '../../shared/registry/demo/package-generator';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { demoPackage } from '../helpers/registry-packages';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

/** The upload is throttled to this many bytes a second, so the progress bar is seen moving (CDP emulation). */
const uploadBytesPerSecond = 48 * 1024;

/**
 * The sender is the hospital's registrar (test_hosp): an import links the МО to the persons it treated, and the
 * polyclinic's person list (persons.e2e.test.ts) is left as the register made it.
 */
describe('«Загрузка реестров»: an МО uploads a package with progress, follows it and reads its protocol', () => {
  let browser: TestBrowser;
  let page: Page;
  let dir: string;
  let file: string;
  let pkg: GeneratedRegistryPackage;
  let moCode: string;
  let moName: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const token = await signInToken(baseUrl, 'test_hosp');
    const me = (await callApi(baseUrl, '/api/v1/me', { token })).body as {
      organisation: { code: string; shortName: string };
    };
    moCode = me.organisation.code;
    moName = me.organisation.shortName;
    // A month's C-file of the МО with four injected faults, each of another kind of finding.
    pkg = demoPackage({
      seed: `e2e-registry-${Date.now()}`,
      moCode,
      year: 2026,
      month: 11,
      packet: 1 + (Date.now() % 90),
      count: 1500,
      faults: { 'unknown-code': 1, 'broken-date': 1, 'missing-person': 1, 'duplicate-idcase': 1 },
    });
    dir = await mkdtemp(path.join(tmpdir(), 'omslink-e2e-registry-'));
    file = path.join(dir, pkg.fileName);
    await writeFile(file, pkg.bytes());
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  async function throttleUploads(cdp: CDPSession, bytesPerSecond: number) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    });
  }

  const journal = () => page.getByTestId('registry-journal');

  it('test_hosp uploads the ZIP with a progress bar, sees the import finish and opens the grouped protocol', async () => {
    // Prepare
    await signedIn('test_hosp');
    await sectionNavigation(page).getByRole('link', { name: 'Загрузка реестров', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Загрузка реестров' }).waitFor();
    await page.getByLabel('Пакет реестра счетов (ZIP)').setInputFiles(file);
    const cdp = await page.context().newCDPSession(page);
    await throttleUploads(cdp, uploadBytesPerSecond);

    // Act: the upload, watched while it runs
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Передача файла' });
    await bar.waitFor();
    await page.waitForFunction(() => {
      const p = document.querySelector<HTMLProgressElement>('progress[aria-label="Передача файла"]');
      return p !== null && p.value > 0 && p.value < 100;
    });
    const moving = await page.getByTestId('registry-upload-progress').textContent();
    await throttleUploads(cdp, -1);
    const outcome = page.getByTestId('registry-upload-outcome');
    await outcome.waitFor({ timeout: 90_000 });

    // Assess: the bar showed the bytes sent of the file's size; the import ended with its counts
    expect(moving).toMatch(/Передано [\d,\s]+ (КБ|байт) из [\d,\s]+ КБ \(\d+ %\)/);
    const result = page.getByTestId('registry-upload-result');
    expect(await result.textContent()).toContain(pkg.fileName);
    expect(await result.getByTestId('registry-status').textContent()).toBe('Загружен');
    const text = (await outcome.textContent()) ?? '';
    expect(text).toContain(`случаев ${(pkg.caseCount).toLocaleString('ru-RU')}`);
    expect(text).toMatch(/отклонено [1-9]/);

    // Act: the package's page from the outcome's link
    await outcome.getByRole('link', { name: 'Открыть протокол пакета' }).click();
    await page.getByRole('heading', { level: 1, name: /^Пакет реестра № \d+$/ }).waitFor();
    expect(Number(/\/registries\/(\d+)/.exec(page.url())?.[1])).toBeGreaterThan(0);

    // Assess: counts, then each injected fault in its group (code and field) with its case
    const counts = page.getByTestId('registry-counts');
    expect(
      (await counts.locator('[data-figure="cases"] .figure-value').textContent())?.replace(/\s/g, ''),
    ).toBe(String(pkg.caseCount));
    const groups = page.getByTestId('registry-protocol-groups');
    await groups.waitFor();
    for (const fault of pkg.faults) {
      const expected = fault.expected[0]!;
      const row = groups.locator(`tbody tr[data-code="${expected.code}"]`, {
        has: page.locator(`[data-tag="${expected.field}"]`),
      });
      await expect.poll(() => row.count(), { message: fault.description }).toBeGreaterThan(0);
      const rowText = (await row.first().textContent()) ?? '';
      expect(rowText, fault.description).toContain(`запись ${fault.nZap}`);
      expect(rowText, fault.description).toContain(`случай ${fault.idcase}`);
      // A field is shown by its Russian name, the tag on hover.
      expect(await row.first().locator(`[data-tag="${expected.field}"]`).getAttribute('title')).toBe(
        `Тег ${expected.field}`,
      );
    }
    expect(await page.getByTestId('registry-package').textContent()).toContain(moName);
    await saveScreenshots(page, 'hosp-registry-package');

    // Act: every finding of one group, in file order
    const fault = pkg.faults.find((f) => f.kind === 'unknown-code')!;
    const expected = fault.expected[0]!;
    await groups
      .locator(`tbody tr[data-code="${expected.code}"]`, {
        has: page.locator(`[data-tag="${expected.field}"]`),
      })
      .getByRole('button', { name: 'Все замечания группы' })
      .click();
    await page.waitForURL(
      new RegExp(
        `code=${expected.code}.*field=${expected.field}|field=${expected.field}.*code=${expected.code}`,
      ),
    );
    const findings = page.getByTestId('registry-findings');
    await findings.locator('tbody tr', { hasText: fault.idcase }).waitFor();

    // Assess: only that code and field are listed (once the filtered page has replaced the unfiltered one)
    await expect
      .poll(async () => [...new Set(await findings.locator('tbody tr td:nth-child(3)').allTextContents())])
      .toEqual([expected.code]);

    // Act: the V-file
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать протокол (V-файл)' }).click();
    const saved = await download;

    // Assess: named as the V-file of the package (recipient and sender swapped), FLK_P in windows-1251
    expect(saved.suggestedFilename()).toMatch(new RegExp(`^VT99M${moCode}_2611\\d+\\.xml$`, 'i'));
    const bytes = await readFile((await saved.path())!);
    const xml = new TextDecoder('windows-1251').decode(bytes);
    expect(xml).toContain('<FLK_P>');
    for (const f of pkg.faults) expect(xml).toContain(`<OSHIB>${f.expected[0]!.code}</OSHIB>`);
    expect(xml).toContain(`<IDCASE>${fault.idcase}</IDCASE>`);

    // The journal with the package at its top
    await page.getByRole('link', { name: 'Загрузка реестров' }).first().click();
    const row = journal().locator('tbody tr', { hasText: pkg.fileName }).first();
    await row.waitFor();
    expect(await row.getByTestId('registry-status').textContent()).toBe('Загружен');
    await saveScreenshots(page, 'hosp-registries');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('the same file again is a repeat, not imported twice', async () => {
    // Prepare
    const token = await signInToken(baseUrl, 'test_hosp');
    const entries = (await callApi(baseUrl, '/api/v1/registries?pageSize=200', { token })).body.items as {
      id: number;
      fileName: string;
      status: string;
    }[];
    const original = entries.find((e) => e.fileName === pkg.fileName && e.status !== 'duplicate');
    expect(original).toBeDefined();
    await signedIn('test_hosp');
    await page.goto(new URL('/registries', baseUrl).href);
    await page.getByLabel('Пакет реестра счетов (ZIP)').setInputFiles(file);

    // Act
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();

    // Assess
    const info = page.getByTestId('status-info');
    await info.waitFor({ timeout: 30_000 });
    expect(await info.textContent()).toContain('Этот файл уже загружался');
    expect(await info.getByRole('link').getAttribute('href')).toBe(`/registries/${original?.id}`);
  });

  it('the fund (test_tfoms) finds the package by the МО’s name and opens its protocol', async () => {
    // Prepare
    await signedIn('test_tfoms');

    // Act
    await sectionNavigation(page).getByRole('link', { name: 'Загрузка реестров', exact: true }).click();
    await journal().waitFor();
    await page.getByLabel('МО', { exact: true }).selectOption(moCode);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/mo=/);
    const row = journal()
      .locator('tbody tr', { hasText: pkg.fileName })
      .filter({ hasNot: page.locator('.registry-status-duplicate') });
    await row.waitFor();

    // Assess: the МО by name, its code on hover; no upload form for the fund
    const mo = row.locator(`[data-code="${moCode}"]`);
    expect(await mo.textContent()).toBe(moName);
    expect(await mo.getAttribute('title')).toBe(`Код ${moCode}`);
    expect(await page.getByLabel('Пакет реестра счетов (ZIP)').count()).toBe(0);
    await saveScreenshots(page, 'tfoms-registries');
    await row.getByRole('link').first().click();
    await page.getByTestId('registry-protocol-groups').waitFor();
    await saveScreenshots(page, 'tfoms-registry-package');
    expect(pageErrors).toEqual([]);
  });

  it('another МО (test_mo2) does not see it, not even by its address', async () => {
    // Prepare
    await signedIn('test_mo2');

    // Act
    await page.goto(new URL('/registries', baseUrl).href);
    await journal().waitFor();

    // Assess
    await page.getByTestId('table-total').waitFor();
    expect(await journal().textContent()).not.toContain(pkg.fileName);
    const fund = await signInToken(baseUrl, 'test_tfoms');
    const all = (await callApi(baseUrl, `/api/v1/registries?mo=${moCode}&pageSize=200`, { token: fund })).body
      .items as { id: number; fileName: string }[];
    const id = all.find((e) => e.fileName === pkg.fileName)?.id;
    expect(id).toBeDefined();
    const mo2 = await signInToken(baseUrl, 'test_mo2');
    expect((await callApi(baseUrl, `/api/v1/registries/${id}`, { token: mo2 })).status).toBe(404);
    await page.goto(new URL(`/registries/${id}`, baseUrl).href);
    await page.getByTestId('status-error').waitFor();
    expect(await page.getByTestId('status-error').textContent()).toContain('не найден');
  });
});
