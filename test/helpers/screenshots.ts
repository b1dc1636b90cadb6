import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the e2e run keeps its screenshots (a test artefact, not committed): `test-results/screenshots`. */
export const screenshotDir = path.join(root, 'test-results', 'screenshots');

/** The widths every screen is checked at: a common office monitor and the smallest laptop we support. */
export const screenshotWidths = [1440, 1024] as const;

/**
 * Saves the whole page at each width as `<name>-<width>.png` (name: `<role>-<screen>`, e.g. `mo-home`), restoring
 * the viewport afterwards. Returns the files written.
 */
export async function saveScreenshots(page: Page, name: string): Promise<string[]> {
  await mkdir(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  const files: string[] = [];
  try {
    for (const width of screenshotWidths) {
      await page.setViewportSize({ width, height: 900 });
      const file = path.join(screenshotDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return files;
}
