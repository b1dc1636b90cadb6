import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registered } from '../../shared/areas';
import { sectionsFor } from '../../shared/platform/access/sections';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');
const patientInforming = 'Информирование пациента';

interface LoginAnswer {
  user: { fullName: string; roleTitle: string; organisation: { code: string; kind: string; name: string } };
}

const demoUsers = [
  {
    username: 'test_tfoms',
    password: 'test_tfoms',
    kind: 'TFOMS',
    role: 'tfoms_analyst',
    codePattern: /^\d{2}$/,
  },
  { username: 'test_mo', password: 'test_mo', kind: 'MO', role: 'mo_registrar', codePattern: /^\d{6}$/ },
  {
    username: 'test_smo',
    password: 'test_smo',
    kind: 'SMO',
    role: 'smo_representative',
    codePattern: /^\d{5}$/,
  },
] as const;

describe('signing in and out', () => {
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

  it.each(demoUsers)(
    '$username sees the navigation of an $kind user, their organisation, and signs out',
    async (user) => {
      // Prepare
      const page = await freshPage();
      const loginAnswer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));

      // Act
      await signInThroughForm(page, baseUrl, user.username, user.password);
      const answer = await loginAnswer;
      await page.waitForURL(new URL('/', baseUrl).href);

      // Assess: the server said who this is, and the top bar shows it
      expect(answer.status()).toBe(200);
      const { user: me } = (await answer.json()) as LoginAnswer;
      expect(me.organisation.kind).toBe(user.kind);
      expect(me.organisation.code).toMatch(user.codePattern);
      await expect
        .poll(() => page.getByTestId('user-organisation').textContent())
        .toBe(`${me.organisation.name} (${me.organisation.code})`);
      expect(await page.getByTestId('user-name').textContent()).toBe(me.fullName);
      expect(await page.getByTestId('user-role').textContent()).toBe(me.roleTitle);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Главная');

      // Assess: the navigation is the start page and exactly the role's sections, in order
      const expectedTitles = [
        'Главная',
        ...sectionsFor(user.role, registered.sections).map((section) => section.title),
      ];
      const titles = await sectionNavigation(page).getByRole('link').allInnerTexts();
      expect(titles).toEqual(expectedTitles);
      if (user.kind === 'MO') expect(titles).not.toContain(patientInforming);
      else expect(titles).toContain(patientInforming);

      // Assess: the start page is the role's: the fund sees the region's figures, an МО or СМО its worklists
      if (user.kind === 'TFOMS') {
        await page.getByTestId('region-summary').waitFor();
        expect(await page.getByTestId('region-summary').getByRole('listitem').count()).toBe(9);
      } else {
        await page.getByTestId('worklists').waitFor();
        expect(await page.getByTestId('worklists').getByRole('listitem').count()).toBeGreaterThan(0);
      }

      // Act: sign out
      const logoutAnswer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/logout'));
      await page.getByRole('button', { name: 'Выйти' }).click();

      // Assess: the server was told, the token is gone, the sign-in page is back and the app stays closed
      expect((await logoutAnswer).status()).toBe(204);
      await page.waitForURL(new URL('/login', baseUrl).href);
      await page.getByRole('heading', { name: 'Вход в систему' }).waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      await page.goto(new URL('/nsi', baseUrl).href);
      await page.waitForURL(new URL('/login', baseUrl).href);
      expect(pageErrors).toEqual([]);
    },
  );

  it('a wrong password shows the Russian error and stays on the sign-in page', async () => {
    // Prepare
    const page = await freshPage();

    // Act
    await signInThroughForm(page, baseUrl, 'test_mo', 'not-the-password');

    // Assess
    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toBe('Неверное имя пользователя или пароль');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Имя пользователя').inputValue()).toBe('test_mo');
    expect(await page.getByLabel('Пароль', { exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Войти' }).isEnabled()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
