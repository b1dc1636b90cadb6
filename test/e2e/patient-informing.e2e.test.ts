import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);
const ruDate = (iso: string) => iso.split('-').reverse().join('.');
const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

interface Person {
  id: string;
  enp: string;
  fam: string;
  im: string;
  birthDate: string;
}

interface SummaryRow {
  smoCode: string;
  method: number;
  outcome: number;
  results: number;
}

interface Questionnaires {
  conditions: { condition: number; name: string; questions: { code: string; text: string }[] }[];
}

const procedure = {
  procedure: 'Плановая колоноскопия под седацией',
  date: day(7),
  place: 'Эндоскопическое отделение, корпус 2',
};

/**
 * «Информирование пациента» through the browser (issue 14). The МО sends two requests over REST for persons it
 * serves who are insured by test_smo — an ordinary one and an upcoming procedure with its details — and the СМО
 * records one result over REST. Then the СМО records a survey through the form (and reads the FLK's refusal of a
 * survey dated tomorrow first), finds it in the list and in the summary, finds the result in the journal and the
 * procedure under «Предстоящие процедуры»; the fund reads the results summary per СМО; the person card counts the
 * person's results and surveys and its link narrows the journal to them.
 */
describe('«Информирование пациента» in the browser', () => {
  const browsers: TestBrowser[] = [];
  const pageErrors: string[] = [];
  const tokens: Record<string, string> = {};
  let moCode: string;
  let moName: string;
  let smoCode: string;
  /** The person informed (a result, and the named survey). */
  let informed: Person;
  /** The person of the upcoming procedure. */
  let operated: Person;
  let requestId: string;
  let procedureRequestId: string;
  let questions: { code: string; text: string }[];

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

  async function openSection(page: Page) {
    await sectionNavigation(page).getByRole('link', { name: 'Информирование пациента', exact: true }).click();
    await page.waitForURL(new URL('/patient-informing', baseUrl).href);
  }

  const tabs = (page: Page) => page.getByRole('navigation', { name: 'Разделы информирования пациента' });

  beforeAll(async () => {
    for (const user of ['test_mo', 'test_smo', 'test_tfoms']) tokens[user] = await signInToken(baseUrl, user);
    const mo = (await api('test_mo', '/api/v1/me')).body.organisation as { code: string; shortName: string };
    moCode = mo.code;
    moName = mo.shortName;
    smoCode = (await api('test_smo', '/api/v1/me')).body.organisation.code;
    const persons = (await api('test_mo', `/api/v1/persons?moCode=${moCode}&smoCode=${smoCode}&pageSize=100`))
      .body.items as Person[];
    const withEnp = persons.filter((p) => p.enp);
    // From the end of the list: the informing e2e takes the first persons.
    [informed, operated] = withEnp.slice(-2) as [Person, Person];
    if (!informed || !operated) throw new Error('the demo region lacks persons of test_mo and test_smo');

    const stamp = Date.now();
    const sent = await api('test_mo', '/api/v1/informing/requests', {
      method: 'POST',
      json: {
        packageId: `e2e-patient-informing-${stamp}`,
        records: [
          {
            sourceId: `e2e-pinf-${stamp}-other`,
            patient: { enp: informed.enp },
            reason: 'OTHER',
            deadline: day(5),
            comment: 'Напомнить о записи к кардиологу',
          },
          {
            sourceId: `e2e-pinf-${stamp}-procedure`,
            patient: { enp: operated.enp },
            reason: 'PROCEDURE',
            deadline: day(5),
            details: procedure,
          },
        ],
      },
    });
    expect(sent.body, JSON.stringify(sent.body).slice(0, 400)).toMatchObject({ accepted: 2 });
    [requestId, procedureRequestId] = (sent.body.records as { id: string }[]).map((r) => r.id) as [
      string,
      string,
    ];

    const result = await api('test_smo', '/api/v1/informing/results', {
      method: 'POST',
      json: {
        packageId: randomUUID(),
        records: [
          {
            sourceId: randomUUID(),
            requestId,
            date: today,
            method: 3,
            step: 1,
            outcome: 1,
            operator: 'Соколова Мария Андреевна',
          },
        ],
      },
    });
    expect(result.body, JSON.stringify(result.body).slice(0, 400)).toMatchObject({ accepted: 1 });

    const questionnaires = (await api('test_smo', '/api/v1/informing/surveys/questionnaires'))
      .body as Questionnaires;
    questions = questionnaires.conditions.find((c) => c.condition === 1)!.questions;
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    expect(pageErrors).toEqual([]);
  });

  it('the СМО records a survey through the form, reads the FLK’s refusal first, and finds it in the list and the summary', async () => {
    // Prepare
    const page = await signedIn('test_smo');
    await openSection(page);
    await tabs(page).getByRole('link', { name: 'Анкетирование' }).click();
    await page.getByTestId('informing-surveys').getByTestId('table-total').waitFor();

    // Act: open the form and send it without an МО or answers
    await page.getByRole('button', { name: 'Новая анкета' }).click();
    const form = page.getByRole('form', { name: 'Новая анкета' });
    await form.getByRole('button', { name: 'Отправить анкету' }).click();

    // Assess: the form names what is missing, nothing is sent
    await expect
      .poll(() => form.getByTestId('form-error').textContent())
      .toContain('заполните отмеченные поля');
    expect(await form.getByLabel('Медицинская организация').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel(questions[0]!.text).getAttribute('aria-invalid')).toBe('true');

    // Act: fill it in, dated tomorrow
    await form.locator(`select[name="moCode"] option[value="${moCode}"]`).waitFor({ state: 'attached' });
    await form.getByLabel('Медицинская организация').selectOption(moCode);
    await form.getByLabel('Условия оказания помощи').selectOption({ label: 'Поликлиника' });
    await form.getByLabel('Дата опроса').fill(day(1));
    await form.getByLabel('ЕНП респондента').fill(informed.enp);
    await form.getByLabel('Возраст').fill('47');
    await form.getByLabel('Пол', { exact: true }).selectOption({ label: 'женский' });
    for (const [i, q] of questions.entries()) {
      // All «Удовлетворён(а)» but the last, «Затрудняюсь ответить»
      await form.getByLabel(q.text, { exact: true }).selectOption(i === questions.length - 1 ? '5' : '1');
    }
    expect(await form.getByLabel('Медицинская организация').getAttribute('aria-invalid')).toBeNull();
    expect(await form.getByLabel(questions[0]!.text).getAttribute('aria-invalid')).toBeNull();
    await saveScreenshots(page, 'smo-survey-form');
    await form.getByRole('button', { name: 'Отправить анкету' }).click();

    // Assess: the server's FLK refuses the date, next to its field
    await expect.poll(() => form.getByLabel('Дата опроса').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').allTextContents()).toContain('Дата опроса ещё не наступила');
    expect(await form.getByTestId('form-error').textContent()).toContain('Анкета не принята');

    // Act: dated today
    await form.getByLabel('Дата опроса').fill(today);
    await form.getByRole('button', { name: 'Отправить анкету' }).click();

    // Assess: accepted, and first in the list with its МО, condition, respondent and answers
    await page.getByTestId('survey-accepted').waitFor();
    expect(await page.getByTestId('survey-accepted').textContent()).toContain(
      `Анкета от ${ruDate(today)} принята`,
    );
    const list = page.getByTestId('informing-surveys');
    const row = list.locator('tbody tr').filter({ hasText: informed.fam }).first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(ruDate(today));
    expect(cells[1]).toBe(moName);
    expect(cells[2]).toBe('Поликлиника');
    expect(cells[3]).toContain(`${informed.fam} ${informed.im}`);
    expect(cells[3]).toContain('женский, 47 лет');
    expect(cells[4]).toBe(`${questions.length} · средний балл 1,0`);
    const stored = (await api('test_smo', `/api/v1/informing/surveys?personId=${informed.id}`)).body
      .items as {
      moCode: string;
      answers: Record<string, number>;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ moCode, answers: { [questions[0]!.code]: 1 } });
    await saveScreenshots(page, 'smo-surveys');

    // Act: the summary
    await tabs(page).getByRole('link', { name: 'Сводка анкетирования' }).click();
    const summary = page.getByTestId('survey-summary-1').locator(`tr[data-mo="${moCode}"]`);
    await summary.waitFor();
    const expected = (
      await api('test_smo', `/api/v1/informing/surveys/summary?from=${day(-90)}&to=${today}&condition=1`)
    ).body.items.find((r: { moCode: string }) => r.moCode === moCode) as {
      surveys: number;
      questions: { code: string; answered: number; satisfiedShare: number | null }[];
    };

    // Assess: the МО's surveys and the share satisfied per question, as the API counts them
    expect(digits(await summary.getByTestId('survey-count').textContent())).toBe(expected.surveys);
    expect(expected.surveys).toBeGreaterThanOrEqual(1);
    for (const q of expected.questions) {
      const cell = await summary.locator(`td[data-question="${q.code}"]`).textContent();
      expect(cell).toContain(
        q.satisfiedShare === null ? '—' : `${String(q.satisfiedShare).replace('.', ',')}\u00a0%`,
      );
      expect(cell).toContain(`ответов: ${q.answered}`);
    }
    expect(await page.getByTestId('survey-summary-1').textContent()).toContain(questions[0]!.text);
    await saveScreenshots(page, 'smo-survey-summary');
  });

  it('the СМО finds the result in the journal, with a link to its request, and its own summary', async () => {
    // Prepare
    const page = await signedIn('test_smo');

    // Act
    await openSection(page);
    const journal = page.getByTestId('informing-results');
    const row = journal.locator('tbody tr').filter({ hasText: informed.enp });
    await row.waitFor();

    // Assess: the result in words, and no СМО column for the СМО
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(ruDate(today));
    expect(cells[1]).toContain(`${informed.fam} ${informed.im}`);
    expect(cells[2]).toContain('Иное');
    expect(cells.slice(3, 7)).toEqual([
      'Телефон',
      'Приглашение',
      'Проинформирован',
      'Соколова Мария Андреевна',
    ]);
    expect(await journal.locator('thead th').allTextContents()).not.toContain('СМО');
    const own = page.getByTestId('result-summary-outcomes').locator('tbody tr');
    expect(await own.count()).toBe(1);
    expect(await own.first().getAttribute('data-smo')).toBe(smoCode);
    await saveScreenshots(page, 'smo-informing-results');

    // Act: the request
    await row.getByRole('link', { name: /^Заявка/ }).click();

    // Assess
    await page.waitForURL(new URL(`/informing-requests/${requestId}`, baseUrl).href);
    await page.getByTestId('informing-results').waitFor();
    expect(await page.getByTestId('informing-request').textContent()).toContain(
      'Напомнить о записи к кардиологу',
    );
  });

  it('an upcoming procedure is listed with what, when and where, and opens its request', async () => {
    // Prepare
    const page = await signedIn('test_smo');
    await openSection(page);

    // Act
    await tabs(page).getByRole('link', { name: 'Предстоящие процедуры' }).click();
    const row = page.getByTestId('upcoming-procedures').locator('tbody tr').filter({ hasText: operated.enp });
    await row.waitFor();

    // Assess
    const details = await row.getByTestId('procedure-details').textContent();
    expect(details).toContain(procedure.procedure);
    expect(details).toContain(ruDate(procedure.date));
    expect(details).toContain(procedure.place);
    const text = await row.textContent();
    expect(text).toContain('Процедура или операция');
    expect(text).toContain(`до ${ruDate(day(5))}`);
    expect(text).toContain('Не исполнена');
    expect(await page.getByTestId('upcoming-procedures').textContent()).not.toContain(informed.enp);
    await saveScreenshots(page, 'smo-upcoming-procedures');

    // Act
    await row.getByRole('link', { name: /^Открыть заявку/ }).click();

    // Assess
    await page.waitForURL(new URL(`/informing-requests/${procedureRequestId}`, baseUrl).href);
    expect(await page.getByTestId('informing-request').textContent()).toContain(
      'Предстоящая медицинская процедура или операция',
    );

    // Act: the СМО records that it told the person, from the request itself
    await page.getByRole('button', { name: 'Отметить результат' }).click();
    const form = page.getByRole('form', { name: 'Отметить результат' });
    await form.getByLabel('Способ').selectOption({ label: 'Мессенджер' });
    await form.getByRole('button', { name: 'Отправить результаты' }).click();

    // Assess: accepted, shown among the request's results, and the request is closed
    const protocol = page.getByTestId('results-protocol');
    await protocol.waitFor();
    expect(await protocol.textContent()).toContain('Результаты приняты');
    await expect.poll(() => page.getByTestId('informing-results').textContent()).toContain('Мессенджер');
    expect((await api('test_smo', `/api/v1/informing/requests/${procedureRequestId}`)).body).toMatchObject({
      status: 'informed',
    });
    expect(await page.getByRole('button', { name: 'Отметить результат' }).count()).toBe(0);
  });

  it('the fund reads the results summary per СМО by outcome and by method', async () => {
    // Prepare
    const page = await signedIn('test_tfoms');
    const api30 = (await api('test_tfoms', `/api/v1/informing/results/summary?from=${day(-30)}&to=${today}`))
      .body.items as SummaryRow[];
    const ours = api30.filter((r) => r.smoCode === smoCode);
    const sum = (rows: SummaryRow[]) => rows.reduce((n, r) => n + r.results, 0);

    // Act
    await openSection(page);
    const outcomes = page.getByTestId('result-summary-outcomes').locator(`tr[data-smo="${smoCode}"]`);
    await outcomes.waitFor();
    const methods = page.getByTestId('result-summary-methods').locator(`tr[data-smo="${smoCode}"]`);

    // Assess: the СМО's total, informed and by phone, as the API counts them; the journal names the СМО
    const outcomeCells = await outcomes.locator('td').allTextContents();
    expect(digits(outcomeCells[0]!)).toBe(sum(ours));
    expect(sum(ours)).toBeGreaterThanOrEqual(1);
    expect(outcomeCells[1]).toMatch(new RegExp(`^${sum(ours.filter((r) => r.outcome === 1))}\\s`));
    const headers = await page.getByTestId('result-summary-methods').locator('thead th').allTextContents();
    const phone = headers.indexOf('Телефон');
    expect(phone).toBeGreaterThan(1);
    const methodCells = await methods.locator('th, td').allTextContents();
    expect(methodCells[phone]).toMatch(new RegExp(`^${sum(ours.filter((r) => r.method === 3))}\\s`));
    expect(await page.getByTestId('result-summary-outcomes').locator('tbody tr').count()).toBe(
      new Set(api30.map((r) => r.smoCode)).size + (new Set(api30.map((r) => r.smoCode)).size > 1 ? 1 : 0),
    );
    const journalRow = page
      .getByTestId('informing-results')
      .locator('tbody tr')
      .filter({ hasText: informed.enp });
    await journalRow.waitFor();
    expect(await page.getByTestId('informing-results').locator('thead th').allTextContents()).toContain(
      'СМО',
    );
    await saveScreenshots(page, 'tfoms-informing-results');
  });

  it('the person card counts the person’s results and surveys, and its link narrows the journal to them', async () => {
    // Prepare
    const page = await signedIn('test_smo');
    const results = (await api('test_smo', `/api/v1/informing/results?personId=${informed.id}&pageSize=500`))
      .body.items.length as number;
    const surveys = (await api('test_smo', `/api/v1/informing/surveys?personId=${informed.id}&pageSize=500`))
      .body.items.length as number;

    // Act
    await page.goto(new URL(`/persons/${informed.id}`, baseUrl).href);
    const sections = page.getByTestId('person-sections');
    await sections.waitFor();

    // Assess
    expect(results).toBe(1);
    expect(surveys).toBe(1);
    expect(await sections.textContent()).toContain(`Информирование пациента: ${results + surveys}`);

    // Act
    await sections.getByRole('link', { name: 'Информирование пациента' }).click();

    // Assess: only the person's result and survey, said so, and no summary of everyone
    await page.waitForURL((url) => url.searchParams.get('personId') === informed.id);
    await page.getByTestId('person-filter').waitFor();
    await expect
      .poll(() => page.getByTestId('person-filter').textContent())
      .toContain(
        `Показаны результаты информирования и анкеты одного гражданина: ${informed.fam} ${informed.im}`,
      );
    const journal = page.getByTestId('informing-results');
    await journal.locator('tbody tr').first().waitFor();
    const rows = await journal.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(results);
    for (const r of rows) expect(r).toContain(informed.enp);
    const personSurveys = page.getByTestId('person-surveys').locator('tbody tr');
    await personSurveys.first().waitFor();
    expect(await personSurveys.count()).toBe(surveys);
    expect(await page.getByTestId('result-summary').count()).toBe(0);
    await saveScreenshots(page, 'smo-person-informing');

    // Act: clear the narrowing
    await page.getByTestId('person-filter').getByRole('link', { name: 'Показать всех' }).click();

    // Assess
    await page.getByTestId('result-summary').waitFor();
    expect(await page.getByTestId('person-filter').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('personId')).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
