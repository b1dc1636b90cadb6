import type { Page } from 'playwright-core';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');

async function soapDirectories(username: string, password: string): Promise<number> {
  const client = await soap.createClientAsync(`${baseUrl}/soap/NsiService?wsdl`);
  client.setEndpoint(`${baseUrl}/soap/NsiService`);
  client.setSecurity(
    new soap.WSSecurity(username, password, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  const [answer] = await client.GetDirectoriesAsync({});
  return answer.Directory.length;
}

describe('the «Пользователи» section of an МО administrator', () => {
  let browser: TestBrowser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function freshPage(): Promise<Page> {
    await page?.close();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  it('creates a registrar, signs out, and the new registrar signs in', async () => {
    // Prepare
    const page = await freshPage();
    await signInThroughForm(page, baseUrl, 'test_mo_admin', 'test_mo_admin');
    await page.waitForURL(new URL('/', baseUrl).href);

    // Act: open the section, see the organisation's accounts, create a registrar
    await sectionNavigation(page).getByRole('link', { name: 'Пользователи', exact: true }).click();
    await page.waitForURL(new URL('/accounts', baseUrl).href);
    const table = page.getByTestId('accounts');
    await table.getByRole('link', { name: 'soap_mo', exact: true }).waitFor();
    expect(await table.getByRole('link', { name: 'test_mo2', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Создать учётную запись' }).click();
    await page.getByLabel('Имя входа').fill('e2e_registrar');
    await page.getByLabel('ФИО').fill('Новикова Дарья Сергеевна');
    await page.getByLabel('Роль', { exact: true }).selectOption({ label: 'Регистратор МО' });
    await page.getByLabel('Начальный пароль (необязательно)').fill('Регистратор-2025');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Создать', exact: true }).click();

    // Assess: created in the administrator's own organisation
    const answer = await created;
    expect(answer.status()).toBe(201);
    await page.getByRole('heading', { name: 'Учётная запись создана' }).waitFor();
    const body = (await answer.json()) as { account: { orgCode: string; role: string } };
    expect(body.account.role).toBe('mo_registrar');

    // Act: sign out, sign in as the new registrar
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(new URL('/login', baseUrl).href);
    await signInThroughForm(page, baseUrl, 'e2e_registrar', 'Регистратор-2025');
    await page.waitForURL(new URL('/', baseUrl).href);

    // Assess: the registrar is in, in the same organisation, without the «Пользователи» section
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Новикова Дарья Сергеевна');
    expect(await page.getByTestId('user-role').textContent()).toBe('Регистратор МО');
    expect(await page.getByTestId('user-organisation').textContent()).toContain(`(${body.account.orgCode})`);
    const titles = await sectionNavigation(page).getByRole('link').allInnerTexts();
    expect(titles).not.toContain('Пользователи');
    expect(pageErrors).toEqual([]);
  });

  it('issues a new secret for the МО information system, shown once, and both secrets work during the overlap', async () => {
    // Prepare
    const page = await freshPage();
    await signInThroughForm(page, baseUrl, 'test_mo_admin', 'test_mo_admin');
    await page.waitForURL(new URL('/', baseUrl).href);
    await page.goto(new URL('/accounts/soap_mo', baseUrl).href);
    const secrets = page.getByTestId('secrets');
    await secrets.getByTestId('secrets-table').waitFor();
    const rowsBefore = await secrets.getByRole('row').count();

    // Act
    await secrets.getByLabel('Метка (необязательно)').fill('ротация e2e');
    await secrets.getByRole('button', { name: 'Выпустить новый секрет' }).click();

    // Assess: the secret is shown once with a copy button and the end of the overlap
    const value = await secrets.getByTestId('one-time-secret-value').textContent();
    expect(value?.length).toBeGreaterThanOrEqual(32);
    expect(await secrets.getByRole('button', { name: 'Копировать' }).isVisible()).toBe(true);
    expect(await secrets.getByTestId('overlap-end').textContent()).toMatch(
      /^Прежние секреты действуют до \d{2}\.\d{2}\.\d{4}/,
    );
    await expect.poll(() => secrets.getByRole('row').count()).toBe(rowsBefore + 1);
    expect(await secrets.getByRole('row', { name: /ротация e2e/ }).textContent()).toContain('Действует');
    expect(await soapDirectories('soap_mo', value!)).toBe(56);
    expect(await soapDirectories('soap_mo', 'soap_mo')).toBe(56);

    // Assess: after a reload the secret is not shown again
    await page.reload();
    await secrets.getByTestId('secrets-table').waitFor();
    expect(await page.getByTestId('one-time-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(value!);
    expect(pageErrors).toEqual([]);
  });

  it('sets the МО information system’s SOAP rate limit and returns it to the default', async () => {
    // Prepare
    const page = await freshPage();
    await signInThroughForm(page, baseUrl, 'test_mo_admin', 'test_mo_admin');
    await page.waitForURL(new URL('/', baseUrl).href);
    await page.goto(new URL('/accounts/soap_mo', baseUrl).href);
    const shown = page.getByTestId('soap-rate-limit');
    await expect.poll(() => shown.textContent()).toMatch(/^по умолчанию: 6\s000 в минуту$/);
    const field = page.getByLabel('Лимит вызовов SOAP в минуту');
    const save = page.getByRole('button', { name: 'Сохранить', exact: true });

    // Act + Assess: a value that is not a whole number is refused in Russian before anything is sent
    await field.fill('1,5');
    await save.click();
    await page.getByText(/^Лимит вызовов SOAP: целое число от 1 до 1\s000\s000 в минуту/).waitFor();

    // Act + Assess: set 1 200, the card shows it
    await field.fill('1 200');
    await save.click();
    await page.getByTestId('account-saved').waitFor();
    await expect.poll(() => shown.textContent()).toMatch(/^1\s200 в минуту$/);

    // Act + Assess: empty returns the account to the default
    await field.fill('');
    await save.click();
    await expect.poll(() => shown.textContent()).toMatch(/^по умолчанию: 6\s000 в минуту$/);
    expect(pageErrors).toEqual([]);
  });
});
