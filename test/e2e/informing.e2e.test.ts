import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
const digits = (text: string | null) => Number((text ?? '').replace(/\s/g, ''));

interface Person {
  id: string;
  enp: string;
  fam: string;
  im: string;
  birthDate: string;
  districtCode: string | null;
}

/**
 * «Заявки на информирование» through the browser (issue 14): the СМО finds its counts on the home page, works its
 * worklist — selects requests, assigns them to itself, records one result for them, and reads the FLK's refusal
 * of a result dated tomorrow; the МО sees the result of its request and sends a new one through its form; the
 * fund reads the share informed on time per СМО and runs the generation rules. The demo holds no requests: the
 * МО sends three over REST for persons insured by test_smo (two due today, one in five days), and plans one
 * person for this month so that the generation has a fact to make a request of.
 */
describe('«Заявки на информирование» in the browser', () => {
  const browsers: TestBrowser[] = [];
  const pageErrors: string[] = [];
  const tokens: Record<string, string> = {};
  let smoCode: string;
  /** The persons of the three requests: [due today, due today, due in five days]. */
  let asked: Person[];
  let requestIds: string[];

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

  const rowOf = (page: Page, enp: string) =>
    page.getByTestId('informing-requests').locator('tbody tr').filter({ hasText: enp });

  beforeAll(async () => {
    for (const user of ['test_mo', 'test_smo', 'test_tfoms']) tokens[user] = await signInToken(baseUrl, user);
    const moCode = (await api('test_mo', '/api/v1/me')).body.organisation.code as string;
    smoCode = (await api('test_smo', '/api/v1/me')).body.organisation.code;
    const persons = (await api('test_mo', `/api/v1/persons?moCode=${moCode}&smoCode=${smoCode}&pageSize=100`))
      .body.items as Person[];
    const adults = persons.filter((p) => p.enp && year - Number(p.birthDate.slice(0, 4)) >= 19);
    if (adults.length < 10) throw new Error('the demo region lacks adults of test_mo and test_smo');
    asked = adults.slice(0, 3);

    const sent = await api('test_mo', '/api/v1/informing/requests', {
      method: 'POST',
      json: {
        packageId: `e2e-informing-${Date.now()}`,
        records: asked.map((p, i) => ({
          sourceId: `e2e-inf-${Date.now()}-${i}`,
          patient: { enp: p.enp },
          reason: 'OTHER',
          windowFrom: today,
          windowTo: day(20),
          deadline: i < 2 ? today : day(5),
          comment: 'Пригласить на приём к терапевту',
        })),
      },
    });
    expect(sent.body, JSON.stringify(sent.body).slice(0, 400)).toMatchObject({ accepted: 3 });
    requestIds = (sent.body.records as { id: string }[]).map((r) => r.id);

    // A fact for the generation: one adult planned for this month, outside the district the prevention test
    // plans (its busiest), with no plan this year yet.
    const byDistrict = new Map<string, number>();
    for (const p of adults)
      if (p.districtCode) byDistrict.set(p.districtCode, (byDistrict.get(p.districtCode) ?? 0) + 1);
    const busiest = [...byDistrict.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    let planned: Person | undefined;
    for (const p of adults.slice(3).filter((a) => a.districtCode !== busiest)) {
      const plans = await api('test_mo', `/api/v1/prevention/plans?year=${year}&personId=${p.id}`);
      if (plans.body.items.length === 0) {
        planned = p;
        break;
      }
    }
    if (!planned) throw new Error('no adult of test_mo is left to plan');
    const age = year - Number(planned.birthDate.slice(0, 4));
    const plan = await api('test_mo', '/api/v1/prevention/plans', {
      method: 'POST',
      json: {
        packageId: `e2e-informing-plan-${Date.now()}`,
        records: [
          {
            sourceId: `e2e-inf-plan-${planned.enp}`,
            patient: { enp: planned.enp },
            year,
            kind: dispensarisationYear(age) ? 'DVN' : 'PMO',
            months: [month],
          },
        ],
      },
    });
    expect(plan.body, JSON.stringify(plan.body).slice(0, 400)).toMatchObject({ accepted: 1 });
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    expect(pageErrors).toEqual([]);
  });

  it('the СМО home shows its counts «к информированию сегодня» and «просрочено», each opening its worklist', async () => {
    // Prepare
    const page = await signedIn('test_smo');
    const expected = (await api('test_smo', '/api/v1/informing/home')).body.worklists as {
      id: string;
      count: number;
    }[];

    // Act
    const due = page.getByTestId('worklist-informing-due-today');
    await due.waitFor();
    const overdue = page.getByTestId('worklist-informing-overdue');
    const shown = {
      'due-today': Number(await due.getAttribute('data-count')),
      overdue: Number(await overdue.getAttribute('data-count')),
    };
    await saveScreenshots(page, 'smo-home-informing');

    // Assess: the counts are the server's, the two requests due today among them
    expect(shown).toEqual(Object.fromEntries(expected.map((w) => [w.id, w.count])));
    expect(shown['due-today']).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('informing-worklists').textContent()).toContain('К информированию сегодня');

    // Act: the count opens its worklist
    await due.click();
    await page.waitForURL((url) => url.searchParams.get('worklist') === 'due-today');
    await page.getByTestId('worklist-filter').waitFor();
    const table = page.getByTestId('informing-requests');
    await table.getByTestId('table-total').waitFor();

    // Assess
    expect(await table.locator('tbody tr').count()).toBe(shown['due-today']);
    for (const p of asked.slice(0, 2)) expect(await rowOf(page, p.enp).count()).toBe(1);
    expect(await rowOf(page, asked[2]!.enp).count()).toBe(0);
  });

  it('the СМО selects requests, assigns them to itself, records a result for them, and reads a refusal', async () => {
    // Prepare
    const page = await signedIn('test_smo');
    await sectionNavigation(page)
      .getByRole('link', { name: 'Заявки на информирование', exact: true })
      .click();
    await page.waitForURL(new URL('/informing-requests', baseUrl).href);
    for (const p of asked) await rowOf(page, p.enp).waitFor();

    // Act: select the two due today and assign them to the signed-in representative by name
    for (const p of asked.slice(0, 2)) await rowOf(page, p.enp).getByTestId('informing-select').check();
    expect(await page.getByTestId('informing-bulk').textContent()).toContain('Выбрано заявок: 2');
    await page.getByRole('button', { name: 'Назначить представителю' }).click();
    const assign = page.getByRole('form', { name: 'Назначить представителю' });
    await assign.getByLabel('Представитель СМО').fill('test_smo');
    await assign.getByRole('button', { name: 'Назначить', exact: true }).click();

    // Assess: both are now the representative's, and «мои» lists exactly them
    await expect.poll(() => page.getByTestId('assign-outcome').textContent()).toContain('test_smo: 2');
    for (const p of asked.slice(0, 2)) {
      await expect.poll(() => rowOf(page, p.enp).textContent()).toContain('Волкова Елена Сергеевна');
    }
    const filters = page.getByTestId('informing-requests');
    await filters.getByLabel('Представитель', { exact: true }).selectOption('me');
    await filters.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL((url) => url.searchParams.get('assignee') === 'me');
    const table = page.getByTestId('informing-requests');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const mine = (await api('test_smo', '/api/v1/informing/requests?assignee=me&status=open')).body.items as {
      id: string;
    }[];
    expect(mine.map((r) => r.id).sort()).toEqual(requestIds.slice(0, 2).sort());

    // Act: select both, record «Проинформирован» by phone today
    await page.getByRole('button', { name: 'Выбрать все на странице' }).click();
    await page.getByRole('button', { name: 'Отметить результат' }).click();
    const result = page.getByRole('form', { name: 'Отметить результат' });
    await result.getByLabel('Способ').selectOption({ label: 'Телефон' });
    await result.getByLabel('Этап').selectOption({ label: 'Приглашение' });
    await result.getByLabel('Результат').selectOption({ label: 'Проинформирован' });
    await result.getByLabel('Дата информирования').fill(today);
    await saveScreenshots(page, 'smo-informing-result');
    await result.getByRole('button', { name: 'Отправить результаты' }).click();

    // Assess: one package of two, both accepted; the requests left the open worklist
    const protocol = page.getByTestId('results-protocol');
    await protocol.waitFor();
    expect({
      accepted: Number(await protocol.getAttribute('data-accepted')),
      rejected: Number(await protocol.getAttribute('data-rejected')),
    }).toEqual({ accepted: 2, rejected: 0 });
    expect(await protocol.textContent()).toContain('Результаты приняты');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(0);
    for (const id of requestIds.slice(0, 2)) {
      expect((await api('test_smo', `/api/v1/informing/requests/${id}`)).body).toMatchObject({
        status: 'informed',
        closedOn: today,
        assignee: 'test_smo',
      });
    }

    // Act: a result dated tomorrow for the third request
    await page.goto(new URL('/informing-requests', baseUrl).href);
    await rowOf(page, asked[2]!.enp).getByTestId('informing-select').check();
    await page.getByRole('button', { name: 'Отметить результат' }).click();
    await page
      .getByRole('form', { name: 'Отметить результат' })
      .getByLabel('Дата информирования')
      .fill(day(1));
    await page.getByRole('button', { name: 'Отправить результаты' }).click();

    // Assess: refused with the FLK's Russian message, the request still open
    const refusal = page.getByTestId('results-protocol');
    await expect.poll(() => refusal.getAttribute('data-rejected')).toBe('1');
    const text = await refusal.textContent();
    expect(text).toContain('Результаты не приняты');
    expect(text).toContain('Дата информирования в будущем или раньше даты заявки');
    expect(text).toContain(asked[2]!.fam);
    await saveScreenshots(page, 'smo-informing-refused');
    expect((await api('test_smo', `/api/v1/informing/requests/${requestIds[2]}`)).body.status).toBe('open');
  });

  it('the МО sees the result of its request, and sends a new one through its form', async () => {
    // Prepare
    const page = await signedIn('test_mo');
    await sectionNavigation(page)
      .getByRole('link', { name: 'Заявки на информирование', exact: true })
      .click();
    const row = rowOf(page, asked[0]!.enp);
    await row.waitFor();

    // Assess: the state in the list
    expect(await row.textContent()).toContain('Проинформирован');

    // Act: the request's page
    await row
      .getByRole('link', { name: new RegExp(asked[0]!.fam) })
      .first()
      .click();
    const results = page.getByTestId('informing-results');
    await results.waitFor();

    // Assess: the СМО's result, in words, with who informed
    const cells = await results.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual([
      today.split('-').reverse().join('.'),
      'Телефон',
      'Приглашение',
      'Проинформирован',
      'Волкова Елена Сергеевна',
    ]);
    expect(await page.getByTestId('informing-request').textContent()).toContain(
      'Пригласить на приём к терапевту',
    );
    await saveScreenshots(page, 'mo-informing-request');

    // Act: a new request with an unknown ЕНП and a deadline after its window
    await page.getByRole('link', { name: 'Заявки на информирование' }).first().click();
    await page.getByRole('link', { name: 'Новая заявка', exact: true }).click();
    const form = page.getByRole('form', { name: 'Новая заявка' });
    await form.getByLabel('ЕНП').fill('1234567890123452');
    await form.getByLabel('Окно: по').fill(day(3));
    await form.getByLabel('Проинформировать до').fill(day(9));
    await form.getByRole('button', { name: 'Направить в СМО' }).click();

    // Assess: each mistake next to its field, nothing sent
    await page.getByTestId('form-error').waitFor();
    await expect.poll(() => form.getByLabel('ЕНП').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Проинформировать до').getAttribute('aria-invalid')).toBe('true');
    const messages = await form.locator('.field-error').allTextContents();
    expect(messages.join(' ')).toContain('Срок информирования раньше даты заявки или позже окончания окна');
    expect(messages.every((m) => /[А-Яа-яЁё]{3}/.test(m))).toBe(true);
    await saveScreenshots(page, 'mo-informing-new-refused');

    // Act: corrected
    const person = asked[2]!;
    await form.getByLabel('ЕНП').fill(person.enp);
    await form.getByLabel('Окно: по').fill(day(20));
    await form.getByRole('button', { name: 'Направить в СМО' }).click();

    // Assess: accepted, and in the list of the МО's requests
    const accepted = page.getByTestId('request-accepted');
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain(person.enp);
    const sentByMo = (await api('test_mo', '/api/v1/informing/requests?pageSize=500')).body.items as {
      enp: string;
      deadline: string;
    }[];
    expect(sentByMo.filter((r) => r.enp === person.enp).map((r) => r.deadline)).toContain(day(9));
  });

  it('the fund reads the share informed on time per СМО, tunes a rule and runs the generation', async () => {
    // Prepare
    const page = await signedIn('test_tfoms');
    await sectionNavigation(page)
      .getByRole('link', { name: 'Заявки на информирование', exact: true })
      .click();
    await page.getByRole('link', { name: 'Своевременность информирования' }).click();
    const table = page.getByTestId('informing-timeliness');
    await table.waitFor();
    const expected = (await api('test_tfoms', `/api/v1/informing/timeliness?from=${day(-30)}&to=${today}`))
      .body.items as {
      smoCode: string;
      requests: number;
      informedOnTime: number;
      onTimeShare: number | null;
    }[];

    // Assess: one row per СМО, each with the API's counts and share; test_smo informed two on time
    expect(await table.locator('tbody tr').count()).toBe(expected.length);
    for (const e of expected) {
      const row = table.locator(`tbody tr[data-smo="${e.smoCode}"]`);
      const cells = await row.locator('td').allTextContents();
      expect({ smo: e.smoCode, requests: digits(cells[1]!), onTime: digits(cells[3]!) }).toEqual({
        smo: e.smoCode,
        requests: e.requests,
        onTime: e.informedOnTime,
      });
      expect(await row.getByTestId('on-time-share').textContent()).toBe(
        e.onTimeShare === null ? '—' : `${String(e.onTimeShare).replace('.', ',')} %`,
      );
    }
    expect(expected.find((e) => e.smoCode === smoCode)?.informedOnTime).toBeGreaterThanOrEqual(2);
    await saveScreenshots(page, 'tfoms-informing-timeliness');

    // Act: tune a rule
    await page.getByRole('link', { name: 'Правила формирования' }).click();
    const rules = page.getByTestId('informing-rules');
    await rules.waitFor();
    const hosp = rules.locator('tr[data-rule="hosp-planned"]');
    const lead = hosp.getByRole('textbox').first();
    const before = await lead.inputValue();
    await lead.fill(String(Number(before) + 1));
    await hosp.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => hosp.textContent()).toContain('Сохранено');
    const tuned = (await api('test_tfoms', '/api/v1/informing/rules')).body.items.find(
      (r: { id: string }) => r.id === 'hosp-planned',
    );
    expect(tuned).toMatchObject({ leadDays: Number(before) + 1, updatedBy: 'test_tfoms' });

    // Act: run the rules now
    await page.getByRole('button', { name: 'Сформировать заявки сейчас' }).click();
    const run = page.getByTestId('generation-run');
    await run.waitFor();

    // Assess: the planned person made a request; the per-rule counts add up to the total
    const made = Number(await run.getAttribute('data-made'));
    const perRule = (await rules.getByTestId('rule-made').allTextContents()).map((c) =>
      c.trim() === '—' ? 0 : digits(c),
    );
    expect(made).toBeGreaterThanOrEqual(1);
    expect(perRule.reduce((a, b) => a + b, 0)).toBe(made);
    await saveScreenshots(page, 'tfoms-informing-rules');

    // Act + Assess: a second run makes nothing new
    await page.getByRole('button', { name: 'Сформировать заявки сейчас' }).click();
    await expect.poll(() => run.getAttribute('data-made')).toBe('0');

    // Restore the rule for the tests that follow
    await api('test_tfoms', '/api/v1/informing/rules/hosp-planned', {
      method: 'PUT',
      json: { enabled: tuned.enabled, leadDays: Number(before), deadlineDays: tuned.deadlineDays },
    });
  });
});
