import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

/** The table each list of a count shows its rows in, by the list's path. */
const tableOf: Record<string, string> = {
  '/referrals': 'referrals',
  '/hospitalisations': 'admissions',
  '/hospital-plan': 'free-beds',
  '/exchange-journal': 'exchange-journal',
  '/prevention/due': 'prevention-due',
  '/informing-requests': 'informing-requests',
};

const pageSize = 100;

const dayOffset = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

interface Department {
  code: string;
  kind: string;
  profileV002: number;
  conditionsV006: number;
  dateEnd: string | null;
  beds: { bedProfileV020: number; beds: number }[];
}

/**
 * Today's work for every role, made as the people would make it: the polyclinic refers five patients of the
 * СМО to the hospital (two overdue, one of them expiring, one for today, two ahead), the hospital admits one and
 * reported free beds yesterday only, the СМО cancels one; and a package of the polyclinic is rejected today.
 */
async function seedTodaysWork(): Promise<void> {
  const [mo, hosp, smo] = await Promise.all(
    ['test_mo', 'test_hosp', 'test_smo'].map((u) => signInToken(baseUrl, u)),
  );
  const orgOf = async (token: string) =>
    ((await callApi(baseUrl, '/api/v1/me', { token })).body as { organisation: { code: string } })
      .organisation.code;
  const [moCode, hospCode, smoCode] = await Promise.all([orgOf(mo!), orgOf(hosp!), orgOf(smo!)]);
  const persons = (
    await callApi(baseUrl, `/api/v1/persons?moCode=${moCode}&smoCode=${smoCode}&pageSize=10`, { token: mo })
  ).body.items as { enp: string }[];
  const hospital = (await callApi(baseUrl, `/api/v1/organisations/${hospCode}`, { token: mo })).body as {
    departments: Department[];
  };
  const department = hospital.departments.find(
    (d) => d.kind === 'inpatient' && !d.dateEnd && d.beds.length > 0,
  );
  const doctor = (
    (await callApi(baseUrl, `/api/v1/organisations/${moCode}`, { token: mo })).body as {
      doctors: { snils: string }[];
    }
  ).doctors[0];
  if (persons.length < 5 || !department || !doctor)
    throw new Error('the demo region lacks persons or a department');
  const bedProfile = department.beds[0]!.bedProfileV020;
  const run = Date.now().toString().slice(-6);
  const refer = async (n: number, date: number, planned: number) => {
    const answer = await callApi(baseUrl, '/api/v1/referrals', {
      method: 'POST',
      token: mo,
      json: {
        number: `${moCode.slice(-4)}${run}${n}`,
        date: dayOffset(date),
        form: 3,
        fromMoCode: moCode,
        toMoCode: hospCode,
        toDepartmentCode: department.code,
        conditions: department.conditionsV006,
        profile: department.profileV002,
        bedProfile,
        diagnosis: 'K80.2',
        doctorSnils: doctor.snils,
        plannedDate: dayOffset(planned),
        kind: 'plain',
        patient: { enp: persons[n]!.enp },
      },
    });
    expect(answer.status, answer.text).toBe(201);
    return answer.body.id as string;
  };
  await refer(0, -10, -2);
  await refer(1, -28, -1);
  await refer(2, 0, 0);
  const toAdmit = await refer(3, -3, 5);
  const toCancel = await refer(4, -2, 7);
  const admitted = await callApi(baseUrl, `/api/v1/referrals/${toAdmit}/admit`, {
    method: 'POST',
    token: hosp,
    json: { departmentCode: department.code, date: dayOffset(0), caseNumber: `E2E-HOME-${run}` },
  });
  expect(admitted.status, admitted.text).toBeLessThan(300);
  const cancelled = await callApi(baseUrl, `/api/v1/referrals/${toCancel}/cancel`, {
    method: 'POST',
    token: smo,
    json: { reason: 7, comment: 'Пациент отказался' },
  });
  expect(cancelled.status, cancelled.text).toBeLessThan(300);
  const beds = await callApi(baseUrl, '/api/v1/free-beds', {
    method: 'POST',
    token: hosp,
    json: {
      records: [
        {
          date: dayOffset(-1),
          moCode: hospCode,
          departmentCode: department.code,
          conditions: department.conditionsV006,
          bedProfile,
          profile: department.profileV002,
          occupiedAtStart: 10,
          admitted: 1,
          discharged: 1,
          plannedToday: 0,
          freeTotal: 4,
          freeMale: 2,
          freeFemale: 2,
          freeAdult: 4,
          freeChild: 0,
        },
      ],
    },
  });
  expect(beds.body.status, beds.text).toBe('accepted');
  const rejected = await callApi(baseUrl, '/api/v1/hospitalisation/packages/cancellation', {
    method: 'POST',
    token: mo,
    json: {
      header: { packageId: `e2e-home-${run}`, senderCode: moCode, createdAt: new Date().toISOString() },
      records: [
        {
          sourceId: `H${run}`,
          referralNumber: `NXH${run}`,
          referralDate: dayOffset(0),
          reason: 7,
          date: dayOffset(0),
        },
      ],
    },
  });
  expect(rejected.body.status).toBe('rejected');
}

describe('«Главная» per role: each count is a link to a list of exactly that many rows', () => {
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    await seedTodaysWork();
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

  /** The rows of a server-paged list, page after page (100 a page) until a page is not full. */
  async function rowsOfList(href: string): Promise<number> {
    const url = new URL(href, baseUrl);
    if (url.pathname === '/exchange-journal/silent') {
      await page.goto(url.href);
      await page
        .locator('[data-testid="silent-organisations"], [data-testid="status-empty"]')
        .first()
        .waitFor();
      return page.getByTestId('silent-organisations').locator('tbody tr').count();
    }
    const table = page.getByTestId(tableOf[url.pathname] ?? 'unknown-list');
    let rows = 0;
    for (let n = 1; ; n++) {
      url.searchParams.set('pageSize', String(pageSize));
      url.searchParams.set('page', String(n));
      await page.goto(url.href);
      await table.getByTestId('table-total').waitFor();
      const onPage = await table.locator('tbody tr').count();
      rows += onPage;
      if (onPage < pageSize) return rows;
    }
  }

  /** Every count on the home page with the list it links to. */
  async function countsOnHome(): Promise<{ label: string; href: string; count: number }[]> {
    await page.goto(new URL('/', baseUrl).href);
    await page.getByRole('heading', { level: 1, name: 'Главная' }).waitFor();
    const links = page.locator('main a[data-count]');
    await links.first().waitFor();
    return links.evaluateAll((as) =>
      as.map((a) => ({
        label: a.getAttribute('data-testid') ?? '',
        href: a.getAttribute('href') ?? '',
        count: Number(a.getAttribute('data-count')),
      })),
    );
  }

  it.each([
    ['test_mo', 'mo', ['worklist-sent-overdue', 'worklist-sent-expiring', 'worklist-admitted-week']],
    ['test_hosp', 'hosp', ['worklist-to-admit-today', 'worklist-not-reported-today', 'worklist-in-hospital']],
    ['test_smo', 'smo', ['worklist-overdue', 'worklist-cancelled-recent', 'worklist-discharged-recent']],
    ['test_tfoms', 'tfoms', ['worklist-silent']],
  ])(
    '%s: the home page shows the role’s counts, each equal to the rows of the list it opens',
    async (username, role, expected) => {
      // Prepare
      await signedIn(username);

      // Act
      const counts = await countsOnHome();
      await page.locator('[data-testid^="chart-"]').first().waitFor();
      await saveScreenshots(page, `${role}-home`);

      // Assess: the role's worklists are there, and each count is the number of rows its list shows
      expect(counts.map((c) => c.label)).toEqual(expect.arrayContaining(expected));
      expect(counts.some((c) => c.count > 0)).toBe(true);
      for (const c of counts) {
        expect({ label: c.label, rows: await rowsOfList(c.href) }).toEqual({ label: c.label, rows: c.count });
      }

      // Assess: a count opens its list by a click, with the list saying it is a worklist
      const first = counts.find((c) => !c.href.startsWith('/exchange-journal'));
      if (first) {
        await page.goto(new URL('/', baseUrl).href);
        await page.getByTestId(first.label).click();
        await page.waitForURL((url) => `${url.pathname}${url.search}` === first.href);
        await page.getByTestId('worklist-filter').waitFor();
      }
      expect(pageErrors).toEqual([]);
    },
  );

  it('test_tfoms: the packages rejected today are counted by sender and each opens the sender’s rejected packages', async () => {
    // Prepare
    await signedIn('test_tfoms');

    // Act
    const counts = (await countsOnHome()).filter((c) => c.label.startsWith('rejected-'));

    // Assess
    expect(counts.length).toBeGreaterThan(0);
    const total = Number((await page.getByTestId('rejected-today-total').textContent())?.replace(/\s/g, ''));
    expect(total).toBe(counts.reduce((sum, c) => sum + c.count, 0));
    for (const c of counts) {
      expect({ label: c.label, rows: await rowsOfList(c.href) }).toEqual({ label: c.label, rows: c.count });
    }
  });

  it('charts say «no data» rather than draw invented zeros, and draw bars where there is data', async () => {
    // Prepare
    await signedIn('test_tfoms');
    const token = await signInToken(baseUrl, 'test_tfoms');
    const figures = (await callApi(baseUrl, '/api/v1/hospitalisation/home', { token })).body as {
      freeBedsByProfile: unknown[];
      waitingDays: { bins: unknown[] };
    };

    // Act
    await page.getByTestId('chart-free-beds').waitFor();

    // Assess: a chart with data draws one bar per profile shown; one without says so
    const freeBeds = page.getByTestId('chart-free-beds');
    if (figures.freeBedsByProfile.length > 0) {
      await freeBeds.locator('.recharts-bar-rectangle').first().waitFor();
      expect(await freeBeds.locator('.recharts-bar-rectangle').count()).toBe(
        Math.min(12, figures.freeBedsByProfile.length),
      );
    } else {
      expect(await freeBeds.textContent()).toContain('ещё не подали');
    }
    const waiting = page.getByTestId('chart-waiting');
    if (figures.waitingDays.bins.length === 0) {
      expect(await waiting.textContent()).toContain('нет');
    } else {
      await waiting.locator('.recharts-bar').first().waitFor();
    }
    await page.getByTestId('chart-exchange').locator('.recharts-line').first().waitFor();
  });
});
