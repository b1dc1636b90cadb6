import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import { soapEnvelope, soapNs } from '../helpers/bad-input';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';
import { xmlOf } from '../helpers/soap-xml';

const baseUrl = inject('baseUrl');

/** The cancellation of a referral nobody issued: a package the FLK rejects, so its protocol has entries. */
function cancellationOfNobody(sourceId: string, day: string) {
  return { sourceId, referralNumber: `NX${sourceId.slice(-10)}`, referralDate: day, reason: 7, date: day };
}

/** How the journal's table shows a package id: a long one (a file's content hash) cut to its first 20 characters. */
const shownId = (id: string) => (id.length > 24 ? id.slice(0, 20) : id);

interface Sent {
  channel: 'soap' | 'rest' | 'file';
  packageId: string;
}

/** Uploads a T-file through the upload path and follows it until the queue consumer has finished it. */
async function uploadTFile(token: string, fileName: string, bytes: Uint8Array, until: string): Promise<void> {
  const upload = await callApi(baseUrl, '/api/v1/hospitalisation/files', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(bytes),
  });
  expect([200, 202]).toContain(upload.status);
  let status = '';
  for (let tries = 0; tries < 100 && !['done', 'rejected', 'failed'].includes(status); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    status = (await callApi(baseUrl, `/api/v1/hospitalisation/files/${upload.body.id}`, { token })).body?.file
      ?.status;
  }
  expect(status).toBe(until);
}

/**
 * Sends one rejected cancellation package of the МО 990001 (test_mo, soap_mo) over SOAP, REST and a T4 file, and
 * a file refused whole.
 */
async function sendOverEveryChannel(): Promise<{ sent: Sent[]; senderCode: string }> {
  const token = await signInToken(baseUrl, 'test_mo');
  const me = (await callApi(baseUrl, '/api/v1/me', { token })).body as { organisation: { code: string } };
  const senderCode = me.organisation.code;
  const today = new Date().toISOString().slice(0, 10);
  const run = randomUUID().replace(/-/g, '').slice(0, 12);

  // SOAP: an envelope of SendCancellations as the МО's system account
  const soapPackage = `e2e-soap-${run}`;
  const envelope = soapEnvelope({
    ns: soapNs.hospitalisation,
    element: 'SendCancellationsRequest',
    auth: { username: 'soap_mo' },
    inner:
      xmlOf('Header', {
        PackageId: soapPackage,
        SenderCode: senderCode,
        CreatedAt: new Date().toISOString(),
      }) +
      xmlOf('Cancellation', {
        SourceId: `S${run}`,
        ReferralNumber: `NXS${run}`,
        ReferralDate: today,
        Reason: 7,
        Date: today,
      }),
  });
  const soap = await fetch(`${baseUrl}/soap/HospitalizationService`, {
    method: 'POST',
    body: envelope,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  });
  expect(soap.status).toBe(200);
  expect(await soap.text()).toContain('rejected');

  // REST: the package route as the registrar's integrator would call it
  const restPackage = `e2e-rest-${run}`;
  const rest = await callApi(baseUrl, '/api/v1/hospitalisation/packages/cancellation', {
    method: 'POST',
    token,
    json: {
      header: { packageId: restPackage, senderCode, createdAt: new Date().toISOString() },
      records: [cancellationOfNobody(`R${run}`, today)],
    },
  });
  expect(rest.status).toBe(200);
  expect(rest.body.status).toBe('rejected');

  // A T4 file through the upload path, followed until the queue consumer has read it
  const file = writeTFile(
    {
      type: 'T4',
      senderKind: 'M',
      senderCode,
      date: today,
      sequence: (Number.parseInt(run.slice(0, 4), 16) % 999) + 1,
    },
    [{ record: cancellationOfNobody(`F${run}`, today) }],
  );
  await uploadTFile(token, file.fileName, file.bytes, 'done');
  // The file's package is the newest file package of the МО: its id is the journal's.
  const files = await callApi(
    baseUrl,
    `/api/v1/exchange-journal?channel=file&sender=${senderCode}&kind=cancellation&pageSize=1`,
    { token },
  );
  expect(files.status).toBe(200);
  const filePackage = files.body.items[0]?.packageId as string;
  expect(filePackage).toBeTruthy();
  // A file whose header names another sender: refused whole, it makes no package — the journal lists the file.
  const broken = `T4-M-${senderCode}-${today}-${(file.fileName.length % 9) + 990}.xml`;
  const foreign = writeTFile(
    { type: 'T4', senderKind: 'M', senderCode: '999999', date: today, sequence: 1 },
    [{ record: cancellationOfNobody(`B${run}`, today) }],
    { zip: false },
  );
  await uploadTFile(token, broken, foreign.bytes, 'rejected');
  return {
    senderCode,
    sent: [
      { channel: 'soap', packageId: soapPackage },
      { channel: 'rest', packageId: restPackage },
      { channel: 'file', packageId: filePackage },
      { channel: 'file', packageId: broken },
    ],
  };
}

describe('«Журнал обмена»: packages of every channel with their protocols, scoped by organisation', () => {
  let browser: TestBrowser;
  let page: Page;
  let sent: Sent[];
  let senderCode: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ sent, senderCode } = await sendOverEveryChannel());
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(username: string) {
    await page?.close();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, username, username);
    await page.waitForURL(new URL('/', baseUrl).href);
  }

  const journalTable = () => page.getByTestId('exchange-journal');

  /** Opens the journal through the side menu, then narrows it to the МО 990001's packages of today. */
  async function openJournalOfSender() {
    await sectionNavigation(page).getByRole('link', { name: 'Журнал обмена', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Журнал обмена' }).waitFor();
    await journalTable().waitFor();
    await page.getByLabel('Отправитель (код)').fill(senderCode);
    await page.getByLabel('Статус').selectOption('rejected');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/sender=/);
  }

  /** Opens a package's protocol from its row, checks its FLK groups and the CSV download, and goes back. */
  async function openProtocol(packageId: string, channel: string, screenshot?: string) {
    const row = journalTable().locator('tbody tr', { hasText: shownId(packageId) });
    await row.waitFor();
    expect(await row.textContent()).toContain(channel);
    expect(await row.textContent()).toContain('Отклонён');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: `Пакет ${packageId}` }).waitFor();
    const groups = page.getByTestId('protocol-groups');
    await groups.waitFor();
    expect(await groups.locator('tbody tr').count()).toBeGreaterThan(0);
    if (screenshot) await saveScreenshots(page, screenshot);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать протокол (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^protocol-(hosp|tfile)-\d+\.csv$/);
    await page.goBack();
    await journalTable().waitFor();
  }

  const channelTitles = { soap: 'SOAP', rest: 'REST', file: 'Файл' } as const;

  it('test_tfoms sees the packages sent over SOAP, REST and a file, and opens each protocol', async () => {
    // Prepare
    await signedIn('test_tfoms');

    // Act
    await openJournalOfSender();

    // Assess
    for (const [i, s] of sent.entries()) {
      await openProtocol(
        s.packageId,
        channelTitles[s.channel],
        i === 0 ? 'tfoms-exchange-protocol' : undefined,
      );
    }
    await page.getByLabel('Отправитель (код)').fill('');
    await page.getByRole('button', { name: 'Найти' }).click();
    await journalTable().locator('tbody tr').first().waitFor();
    await saveScreenshots(page, 'tfoms-exchange-journal');
    expect(pageErrors).toEqual([]);
  });

  it('test_mo, the sender, sees its own packages of every channel and opens each protocol', async () => {
    // Prepare
    await signedIn('test_mo');

    // Act
    await openJournalOfSender();

    // Assess
    for (const s of sent) await openProtocol(s.packageId, channelTitles[s.channel]);
    const senders = await journalTable().locator('tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(senders).size).toBe(1);
    await saveScreenshots(page, 'mo-exchange-journal');
    expect(pageErrors).toEqual([]);
  });

  it('another МО (test_mo2) does not see them, not even by the package’s address', async () => {
    // Prepare
    await signedIn('test_mo2');
    const token = await signInToken(baseUrl, 'test_tfoms');
    const all = await callApi(baseUrl, `/api/v1/exchange-journal?sender=${senderCode}&pageSize=200`, {
      token,
    });
    const entry = (all.body.items as { id: string; packageId: string }[]).find(
      (e) => e.packageId === sent[0]?.packageId,
    );
    expect(entry).toBeDefined();
    const csv = await callApi(baseUrl, `/api/v1/exchange-journal/${entry?.id}/protocol`, { token });
    expect(csv.type).toContain('text/csv');
    // (fetch's text() drops the byte-order mark the file starts with)
    expect(csv.text.split('\r\n')[0]).toBe(
      'Запись;Идентификатор записи;Код ФЛК;Поле;Значение;Важность;Сообщение',
    );
    expect(csv.text).toMatch(/\r\n1;S[0-9a-f]+;904;referralNumber;/);
    const mo2 = await signInToken(baseUrl, 'test_mo2');
    expect(
      (await callApi(baseUrl, `/api/v1/exchange-journal/${entry?.id}/protocol`, { token: mo2 })).status,
    ).toBe(404);

    // Act
    await openJournalOfSender();

    // Assess
    await page.getByTestId('status-empty').waitFor();
    expect(await journalTable().locator('tbody tr').count()).toBe(0);
    await page.goto(new URL(`/exchange-journal/${entry?.id}`, baseUrl).href);
    await page.getByTestId('status-error').waitFor();
    expect(await page.getByTestId('status-error').textContent()).toContain('не найден');
  });

  it.each([
    ['test_hosp', 'hosp'],
    ['test_smo', 'smo'],
  ])('%s sees only its own packages and opens their protocols', async (username, role) => {
    // Prepare: an СМО cancels over REST too, so it has a package of its own
    const token = await signInToken(baseUrl, username);
    const me = (await callApi(baseUrl, '/api/v1/me', { token })).body as { organisation: { code: string } };
    const today = new Date().toISOString().slice(0, 10);
    const packageId = `e2e-${role}-${randomUUID().slice(0, 8)}`;
    const rest = await callApi(baseUrl, '/api/v1/hospitalisation/packages/cancellation', {
      method: 'POST',
      token,
      json: {
        header: { packageId, senderCode: me.organisation.code, createdAt: new Date().toISOString() },
        records: [cancellationOfNobody(`${role}${randomUUID().slice(0, 8)}`, today)],
      },
    });
    expect(rest.status).toBe(200);
    await signedIn(username);

    // Act
    await sectionNavigation(page).getByRole('link', { name: 'Журнал обмена', exact: true }).click();
    await journalTable().locator('tbody tr').first().waitFor();

    // Assess: every row is the organisation's own; the new package opens with its protocol
    const senders = await journalTable()
      .locator('tbody tr td:nth-child(2)')
      .evaluateAll((cells) =>
        cells.map((c) => c.getAttribute('title') ?? c.querySelector('[title]')?.getAttribute('title')),
      );
    expect(new Set(senders)).toEqual(new Set([`Код ${me.organisation.code}`]));
    for (const s of sent) expect(await journalTable().textContent()).not.toContain(shownId(s.packageId));
    await saveScreenshots(page, `${role}-exchange-journal`);
    await openProtocol(packageId, 'REST');
    expect(pageErrors).toEqual([]);
  });
});
