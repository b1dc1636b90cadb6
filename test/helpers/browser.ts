import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local runtime started by test/e2e/global-setup.ts, e.g. `http://127.0.0.1:3000`. */
    baseUrl: string;
  }
}

const candidatePaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags that keep Debian Chromium quiet and working as root in a container without a GPU. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive: `CHROMIUM_PATH`, else the Debian package's binary. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = candidatePaths.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'Chromium not found. Install it with `apt-get update && apt-get install -y chromium`, ' +
        'or set CHROMIUM_PATH to the browser executable.',
    );
  }
  return found;
}

export interface TestBrowser {
  context: BrowserContext;
  /** A fresh tab; close it at the end of the test (or let `close()` do it). */
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
}

/** Starts headless Chromium with a throw-away profile directory that `close()` removes. */
export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = findChromium();
  const profileDir = await mkdtemp(join(tmpdir(), 'omslink-e2e-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: chromiumArgs,
      locale: 'ru-RU',
      viewport: { width: 1366, height: 900 },
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      try {
        await context.close();
      } finally {
        await rm(profileDir, { recursive: true, force: true });
      }
    },
  };
}

/** Signs in through the sign-in page (the page is left wherever the app goes next). */
export async function signInThroughForm(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(new URL('/login', baseUrl).href);
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** The left navigation of a signed-in page. */
export function sectionNavigation(page: Page) {
  return page.getByRole('navigation', { name: 'Разделы' });
}
