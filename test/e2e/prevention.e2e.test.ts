import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import type { PlanEntryRecord } from '../../shared/prevention/domain/records';
import { parsePlanListName } from '../../shared/prevention/formats/plan-list/plan-list-name';
import { writePlanList } from '../../shared/prevention/formats/plan-list/plan-list-writer';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));

interface Person {
  enp: string;
  fam: string;
  im: string;
  birthDate: string;
  districtCode: string | null;
}
interface Planned {
  person: Person;
  kind: 'DVN' | 'PMO';
}
type FunnelCounts = Record<string, number>;
/** A person of the МО's draft plan list (`GET /api/v1/prevention/plans/draft`). */
interface DraftRow {
  sourceId: string;
  patient: { enp: string };
  fio: string;
  months: number[];
  districtCode: string | null;
  doctorSnils: string | null;
}

const kindOf = (p: Person): 'DVN' | 'PMO' =>
  dispensarisationYear(year - Number(p.birthDate.slice(0, 4))) ? 'DVN' : 'PMO';
const started = { DVN: 102, PMO: 202 } as const;
const finished = { DVN: 103, PMO: 203 } as const;

/**
 * «Медосмотры» through the browser (issue 13): an МО draws its draft plan list, adjusts and sends it; the fund
 * reads the funnel of one district; the СМО and the МО find this month's persons due on their home pages and in
 * the due list; an МО uploads its plan list as a file and reads the result, and sends its ДН to ГИС ОМС as files
 * and back. The demo plans nobody, so the test plans persons of test_mo insured by test_smo for this month
 * over REST, in one district, and reports steps for two of them.
 */
describe('«Медосмотры» in the browser', () => {
  const browsers: TestBrowser[] = [];
  const pageErrors: string[] = [];
  const tokens: Record<string, string> = {};
  let moCode: string;
  let district: string;
  let planned: Planned[];
  /** The two planned persons who started (the first also finished stage 1), of one kind. */
  let stepped: Planned[];

  const api = (user: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
    callApi(baseUrl, path, { ...init, token: tokens[user] });

  async function signedIn(user: string): Promise<Page> {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughForm(page, baseUrl, user, user);
    await page.waitForURL(new URL('/', baseUrl).href);
    return page;
  }

  /** Every row of the caller's due list of a month, page after page (the count the home page must show). */
  async function dueRows(user: string, period: string): Promise<{ enp: string }[]> {
    const rows: { enp: string }[] = [];
    for (let page = 1; ; page++) {
      const answer = await api(user, `/api/v1/prevention/due?month=${period}&pageSize=500&page=${page}`);
      expect(answer.status).toBe(200);
      rows.push(...answer.body.items);
      if (!answer.body.hasMore) return rows;
    }
  }

  /** The region code of the МО's plan-list files, from the name of its own export. */
  async function exportRegion(): Promise<string> {
    const res = await fetch(`${baseUrl}/api/v1/prevention/files/plan-list?year=${year}`, {
      headers: { authorization: `Bearer ${tokens.test_mo}` },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
    const parsed = parsePlanListName(name);
    if (!parsed) throw new Error(`the plan-list export is named ${name}`);
    return parsed.region;
  }

  beforeAll(async () => {
    for (const user of ['test_mo', 'test_smo', 'test_tfoms']) tokens[user] = await signInToken(baseUrl, user);
    moCode = (await api('test_mo', '/api/v1/me')).body.organisation.code;
    const smoCode = (await api('test_smo', '/api/v1/me')).body.organisation.code;
    const persons = (
      (await api('test_mo', `/api/v1/persons?moCode=${moCode}&smoCode=${smoCode}&pageSize=100`)).body
        .items as Person[]
    ).filter((p) => p.districtCode && year - Number(p.birthDate.slice(0, 4)) >= 19);
    const byDistrict = new Map<string, Person[]>();
    for (const p of persons) byDistrict.set(p.districtCode!, [...(byDistrict.get(p.districtCode!) ?? []), p]);
    const [busiest] = [...byDistrict.entries()].sort((a, b) => b[1].length - a[1].length);
    if (!busiest || busiest[1].length < 5)
      throw new Error('the demo region lacks adults of test_mo and test_smo');
    district = busiest[0];
    planned = busiest[1].slice(0, 8).map((person) => ({ person, kind: kindOf(person) }));

    const sent = await api('test_mo', '/api/v1/prevention/plans', {
      method: 'POST',
      json: {
        packageId: `e2e-plan-${Date.now()}`,
        records: planned.map(({ person, kind }) => ({
          sourceId: `e2e-${year}-${kind}-${person.enp}`,
          patient: { enp: person.enp },
          year,
          kind,
          months: [month],
          districtCode: district,
        })),
      },
    });
    expect(sent.body).toMatchObject({ status: 'accepted', accepted: planned.length });

    // Two persons of the kind most of them are planned for: one starts, the other starts and finishes stage 1.
    const kind = planned.filter((p) => p.kind === 'DVN').length >= 2 ? 'DVN' : 'PMO';
    stepped = planned.filter((p) => p.kind === kind).slice(0, 2);
    if (stepped.length < 2) throw new Error('the demo region lacks two adults planned for one examination');
    const step = (p: Planned, code: number) => ({
      sourceId: `e2e-step-${code}-${p.person.enp}`,
      patient: { enp: p.person.enp },
      kind: p.kind,
      step: code,
      date: today,
    });
    const steps = await api('test_mo', '/api/v1/prevention/steps', {
      method: 'POST',
      json: {
        packageId: `e2e-steps-${Date.now()}`,
        records: [
          ...stepped.map((p) => step(p, started[p.kind])),
          step(stepped[0]!, finished[stepped[0]!.kind]),
        ],
      },
    });
    expect(steps.body).toMatchObject({ accepted: stepped.length + 1 });
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    expect(pageErrors).toEqual([]);
  });

  it('an МО draws its draft plan list, takes one person off, moves one to December and sends it; the plan lists them', async () => {
    // Prepare
    const page = await signedIn('test_mo');
    const nextYear = String(year + 1);
    await sectionNavigation(page).getByRole('link', { name: 'Медосмотры', exact: true }).click();
    await page.getByRole('link', { name: 'Сформировать проект списка' }).click();
    const form = page.getByRole('form', { name: 'Проект списка' });
    await form.getByLabel('Год').selectOption(nextYear);
    await form.getByLabel('Мероприятие').selectOption('DVN');

    // Act: draw the draft
    await form.getByRole('button', { name: 'Сформировать проект списка' }).click();
    const rows = page.getByTestId('draft-row');
    await rows.first().waitFor();
    const drawn = Number((await page.getByTestId('draft-count').textContent())?.replace(/\s/g, ''));
    const draft = await api(
      'test_mo',
      `/api/v1/prevention/plans/draft?year=${nextYear}&kind=DVN&pageSize=500`,
    );
    const [removed, moved] = draft.body.items as { fio: string; patient: { enp: string } }[];

    // Assess: the table is the server's draft
    expect(drawn).toBe(draft.body.items.length);
    expect(removed && moved).toBeTruthy();

    // Act: adjust and send
    await page.getByRole('button', { name: `Убрать из проекта: ${removed!.fio}` }).click();
    await page.getByLabel(`Месяц: ${moved!.fio}`).selectOption('12');
    await expect.poll(() => page.getByTestId('draft-count').textContent()).toBe(String(drawn - 1));
    await saveScreenshots(page, 'prevention-draft');
    await page.getByRole('button', { name: 'Отправить план' }).click();

    // Assess: the protocol accepts every entry sent, and the plan lists them as adjusted
    const protocol = page.getByTestId('plan-protocol');
    await protocol.waitFor();
    expect({
      accepted: Number(await protocol.getAttribute('data-accepted')),
      rejected: Number(await protocol.getAttribute('data-rejected')),
    }).toEqual({ accepted: drawn - 1, rejected: 0 });
    expect(await protocol.textContent()).toContain('План принят');
    const plan = await api('test_mo', `/api/v1/prevention/plans?year=${nextYear}&kind=DVN&pageSize=500`);
    const enps = (plan.body.items as { enp: string }[]).map((e) => e.enp);
    expect(enps).toHaveLength(drawn - 1);
    expect(enps).not.toContain(removed!.patient.enp);
    expect(plan.body.items.find((e: { enp: string }) => e.enp === moved!.patient.enp).months).toEqual([12]);

    await protocol.getByRole('link', { name: 'Открыть план' }).click();
    const table = page.getByTestId('prevention-plan');
    await table.getByLabel('Месяц').selectOption('12');
    await table.getByRole('button', { name: 'Найти' }).click();
    const movedRow = table.locator('tbody tr').filter({ hasText: moved!.patient.enp });
    await movedRow.waitFor();
    expect(await movedRow.textContent()).toContain('декабрь');
    expect(await movedRow.getByTestId('plan-progress').textContent()).toBe('не начал');
    await saveScreenshots(page, 'prevention-plan');
  });

  it('the fund reads the funnel of one district of an МО: each bar carries the count the API gives', async () => {
    // Prepare
    const page = await signedIn('test_tfoms');
    const kind = stepped[0]!.kind;
    const api$ = async (d?: string) =>
      (
        await api(
          'test_tfoms',
          `/api/v1/prevention/funnel?year=${year}&kind=${kind}&moCode=${moCode}${d ? `&districtCode=${d}` : ''}`,
        )
      ).body.funnel as FunnelCounts;
    const expected = await api$(district);
    await sectionNavigation(page).getByRole('link', { name: 'Медосмотры', exact: true }).click();
    await page.getByRole('link', { name: 'Воронка', exact: true }).click();
    const form = page.getByRole('form', { name: 'Воронка' });

    // Act: the МО first, with its districts' progress
    await form.getByLabel('Год').selectOption(String(year));
    await form.getByLabel('Мероприятие').selectOption(kind);
    await form.getByLabel('Код МО').fill(moCode);
    await form.getByRole('button', { name: 'Показать' }).click();
    const districtRow = page.locator(`[data-testid="district-row"][data-district="${district}"]`);
    await districtRow.waitFor();

    // Assess: the district's row has the district's funnel
    expect(
      Number((await districtRow.locator('[data-stage="planned"]').textContent())?.replace(/\s/g, '')),
    ).toBe(expected.planned);

    // Act: the district
    await form.getByLabel('Участок').selectOption(district);
    await form.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL((url) => url.searchParams.get('district') === district);
    const chart = page.getByTestId('funnel-chart');
    await expect.poll(() => chart.textContent()).toContain(`участок ${district}`);

    // Assess: every stage drawn shows the API's count; the steps reported made a difference
    const bars = await chart
      .locator('[data-count]')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-testid'), Number(e.getAttribute('data-count'))]),
      );
    expect(bars.length).toBeGreaterThanOrEqual(4);
    for (const [testId, count] of bars) {
      expect({ testId, count }).toEqual({ testId, count: expected[String(testId).replace('funnel-', '')] });
    }
    expect(expected.planned).toBeGreaterThanOrEqual(stepped.length);
    expect(expected.started).toBe(2);
    expect(expected.finishedStage1).toBe(1);
    await saveScreenshots(page, 'prevention-funnel');
  });

  it('the СМО sees its insured persons due this month on its home page and in the due list, not those who started', async () => {
    // Prepare
    const page = await signedIn('test_smo');
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const due = await dueRows('test_smo', period);

    // Act
    const count = page.getByTestId('worklist-prevention-due-this-month');
    await count.waitFor();

    // Assess: the count is the API's due list, and opens it
    expect(Number(await count.getAttribute('data-count'))).toBe(due.length);
    await count.click();
    await page.waitForURL(
      (url) => url.pathname === '/prevention/due' && url.searchParams.get('month') === period,
    );
    const table = page.getByTestId('prevention-due');
    await table.getByTestId('table-total').waitFor();
    const shown = await table.locator('tbody tr').allTextContents();
    const notStarted = planned.filter((p) => !stepped.includes(p));
    for (const p of notStarted) expect(shown.some((row) => row.includes(p.person.enp))).toBe(true);
    for (const p of stepped) expect(shown.some((row) => row.includes(p.person.enp))).toBe(false);
    await saveScreenshots(page, 'prevention-due-smo');
  });

  it('the МО’s home page counts its persons due this month, and the plan shows each person’s progress', async () => {
    // Prepare
    const page = await signedIn('test_mo');
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const due = await dueRows('test_mo', period);

    // Act
    const count = page.getByTestId('worklist-prevention-due-this-month');
    await count.waitFor();

    // Assess: the count equals the due list, which holds the persons planned and not started
    expect(Number(await count.getAttribute('data-count'))).toBe(due.length);
    expect(due.length).toBeGreaterThanOrEqual(planned.length - stepped.length);
    await saveScreenshots(page, 'prevention-home-mo');

    // Act: the plan of the district this month
    await page.goto(
      new URL(`/prevention?month=${month}&districtCode=${encodeURIComponent(district)}`, baseUrl).href,
    );
    const table = page.getByTestId('prevention-plan');
    await table.getByTestId('table-total').waitFor();

    // Assess: each person's furthest step in words
    const progressOf = async (p: Planned) =>
      table.locator('tbody tr').filter({ hasText: p.person.enp }).getByTestId('plan-progress').textContent();
    const firstKind = stepped[0]!.kind;
    expect(await progressOf(stepped[0]!)).toContain(
      firstKind === 'DVN' ? 'Завершил 1 этап' : 'Завершил осмотр',
    );
    expect(await progressOf(stepped[1]!)).toContain(
      firstKind === 'DVN' ? 'Начал диспансеризацию' : 'Начал осмотр',
    );
    const idle = planned.find((p) => !stepped.includes(p))!;
    expect(await progressOf(idle)).toBe('не начал');
  });

  it('an МО writes its draft as a plan-list file, uploads it and reads the result: the bad record’s error, the answer file, the accepted persons in the plan', async () => {
    // Prepare: next year's ПМО draft through the API, written as the МО's system would, one record in a district
    // the МО does not have
    const nextYear = year + 1;
    const draft = await api(
      'test_mo',
      `/api/v1/prevention/plans/draft?year=${nextYear}&kind=PMO&page=1&pageSize=20`,
    );
    const drawn = draft.body.items as DraftRow[];
    if (drawn.length < 6) throw new Error('the demo region lacks persons of test_mo due a ПМО next year');
    const toRecord = (row: DraftRow): PlanEntryRecord => ({
      sourceId: `e2e-file-${row.patient.enp}`,
      patient: row.patient,
      year: nextYear,
      kind: 'PMO',
      months: row.months,
      ...(row.districtCode ? { districtCode: row.districtCode } : {}),
      ...(row.doctorSnils ? { doctorSnils: row.doctorSnils } : {}),
      category: 0,
      withdrawn: false,
    });
    const good = drawn.slice(0, 5).map(toRecord);
    const bad = { ...toRecord(drawn[5]!), districtCode: 'НЕТ-7' };
    const region = await exportRegion();
    const file = writePlanList(
      {
        date: today,
        year: nextYear,
        name: { moCode, region, smoCode: null, year, month, number: String(1 + (Date.now() % 9999)) },
      },
      [...good.slice(0, 2), bad, ...good.slice(2)],
    );
    const page = await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'Медосмотры', exact: true }).click();
    await page.getByRole('link', { name: 'Загрузка файла плана', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Загрузка файла плана' }).waitFor();

    // Act: upload through the page's file input
    await page.getByLabel('Файл плана (XML или ZIP, до 10 МБ)').setInputFiles({
      name: file.fileName,
      mimeType: 'application/xml',
      buffer: Buffer.from(file.bytes),
    });
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    const result = page.getByTestId('prevention-file-result');
    await result.waitFor();

    // Assess: the counts; the rejected record with its Russian FLK message; the accepted ones not listed
    expect({
      status: await result.getAttribute('data-status'),
      accepted: Number(await result.getAttribute('data-accepted')),
      rejected: Number(await result.getAttribute('data-rejected')),
    }).toEqual({ status: 'partially_accepted', accepted: good.length, rejected: 1 });
    expect(await result.getByRole('heading', { level: 2 }).textContent()).toBe('Файл принят частично');
    const rows = result.getByTestId('prevention-file-record');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-source-id')).toBe(bad.sourceId);
    const rowText = (await rows.first().textContent()) ?? '';
    expect(rowText).toContain('отклонена');
    expect(rowText).toContain('Участок не найден среди участков медицинской организации');
    expect(rowText).toContain('«НЕТ-7»');
    await saveScreenshots(page, 'prevention-plan-file');

    // Act: the error answer OSHIB_PR the page offers
    const answerLink = result.getByTestId('prevention-file-answer');
    const errName = `ERR_${file.fileName}`;
    expect(await answerLink.getAttribute('download')).toBe(errName);
    const answering = page.waitForEvent('download');
    await answerLink.click();
    const answer = await answering;
    const answerText = new TextDecoder('windows-1251')
      .decode(await readFile((await answer.path())!))
      .replace(/\s+</g, '<');

    // Assess: it names the bad record's district and nothing of the good ones
    expect(answer.suggestedFilename()).toBe(errName);
    expect(answerText).toContain(`<FNAME_I>${file.fileName.replace(/\.xml$/, '')}</FNAME_I>`);
    expect(answerText).toContain(
      `<ZAP_OSHIB><OSHIB>904</OSHIB><NOMER_Z>3</NOMER_Z><ID_ZAP>${bad.sourceId}</ID_ZAP><IM_POL>LPUREGION_NAME</IM_POL><ZN_POL>НЕТ-7</ZN_POL>`,
    );
    expect(answerText.match(/<ZAP_OSHIB>/g)).toHaveLength(1);

    // Act: the plan of next year's ПМО
    await page.getByRole('link', { name: 'План', exact: true }).click();
    const table = page.getByTestId('prevention-plan');
    await table.getByLabel('Год').selectOption(String(nextYear));
    await table.getByLabel('Мероприятие').selectOption('PMO');
    await table.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL((url) => url.searchParams.get('year') === String(nextYear));
    await expect
      .poll(async () => (await table.locator('tbody tr').allTextContents()).join('\n'))
      .toContain(good[0]!.patient.enp);

    // Assess: the accepted persons are planned, the rejected one is not
    const shown = (await table.locator('tbody tr').allTextContents()).join('\n');
    for (const record of good) expect(shown).toContain(record.patient.enp);
    expect(shown).not.toContain(bad.patient.enp);

    // Act: the plan shown, saved as a plan-list file
    const exporting = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить план (PROF)' }).click();
    const exported = await exporting;
    const exportedText = new TextDecoder('windows-1251').decode(await readFile((await exported.path())!));

    // Assess: the МО's plan-list file of next year's ПМО, the persons accepted and no other
    expect(parsePlanListName(exported.suggestedFilename())).toMatchObject({ moCode, region });
    expect(exportedText).toContain(`<YEAR>${nextYear}</YEAR>`);
    const enps = [...exportedText.matchAll(/<ENP>(\d+)<\/ENP>/g)].map((m) => m[1]).sort();
    expect(enps).toEqual(good.map((r) => r.patient.enp).sort());
    await saveScreenshots(page, 'prevention-plan-after-file');
  });

  it('an МО exports its ДН from the ДН page as GST and GPT files and uploads them back: every record is accepted', async () => {
    // Prepare: an observation of a planned person with a visit window ahead, sent over REST
    const codes = async (directory: string, q: string) =>
      (
        (
          await api(
            'test_mo',
            `/api/v1/nsi/directories/${directory}/records?validOn=${today}&q=${encodeURIComponent(q)}&pageSize=200`,
          )
        ).body.items as { code: string; dateEnd: string | null }[]
      )
        .filter((r) => r.dateEnd === null)
        .map((r) => r.code);
    const diagnosis = (await codes('MKB10', 'I1')).find((c) => /^I1[0-5]/.test(c));
    const specialty = (await codes('V021', 'терапия'))[0];
    if (!diagnosis || !specialty)
      throw new Error('НСИ lacks a hypertension diagnosis or a therapy specialty');
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const person = planned[0]!.person;
    const sent = await api('test_mo', '/api/v1/prevention/dispensary', {
      method: 'POST',
      json: {
        packageId: `e2e-dn-${Date.now()}`,
        records: [
          {
            sourceId: `e2e-dn-${person.enp}`,
            patient: { enp: person.enp },
            diagnosis,
            dateIn: today,
            statusIn: 2,
            specialty: Number(specialty),
            visits: [{ from: inDays(30), to: inDays(60) }],
          },
        ],
      },
    });
    expect(sent.body).toMatchObject({ accepted: 1 });
    const observations: { visits: unknown[] }[] = [];
    for (let n = 1; ; n++) {
      const answer = await api('test_mo', `/api/v1/prevention/dispensary?page=${n}&pageSize=500`);
      observations.push(...answer.body.items);
      if (!answer.body.hasMore) break;
    }
    const expected = {
      GST: observations.length,
      GPT: observations.reduce((sum, o) => sum + o.visits.length, 0),
    };
    const page = await signedIn('test_mo');
    await sectionNavigation(page).getByRole('link', { name: 'Диспансерное наблюдение', exact: true }).click();
    const files = page.getByTestId('dn-files');
    await files.getByText('Файлы ГИС ОМС: выгрузка и загрузка').click();

    for (const type of ['GST', 'GPT'] as const) {
      // Act: the file ГИС ОМС gets, then the same file uploaded
      const downloading = page.waitForEvent('download');
      await files.getByRole('button', { name: `Выгрузить в ГИС ОМС (${type})` }).click();
      const download = await downloading;
      const fileName = download.suggestedFilename();
      await files.getByLabel('Файл ДН ГИС ОМС (ZIP или XML, до 10 МБ)').setInputFiles({
        name: fileName,
        mimeType: 'application/zip',
        buffer: await readFile((await download.path())!),
      });
      await files.getByRole('button', { name: 'Загрузить', exact: true }).click();
      const result = files.getByTestId('prevention-file-result');
      await expect.poll(() => result.textContent()).toContain(fileName);

      // Assess: a ZIP named for the МО, each of its records accepted, no error answer (only a plan list has one)
      expect(fileName).toMatch(new RegExp(`^${type}${moCode}_\\d{8}_1\\.zip$`));
      expect({
        status: await result.getAttribute('data-status'),
        accepted: Number(await result.getAttribute('data-accepted')),
        rejected: Number(await result.getAttribute('data-rejected')),
      }).toEqual({ status: 'accepted', accepted: expected[type], rejected: 0 });
      expect(await result.getByTestId('prevention-file-record').count()).toBe(0);
      expect(await result.getByTestId('prevention-file-answer').count()).toBe(0);
    }
    await saveScreenshots(page, 'prevention-dn-files');
  });
});
