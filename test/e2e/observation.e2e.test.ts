import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import { launchBrowser, sectionNavigation, signInThroughForm, type TestBrowser } from '../helpers/browser';
import { callApi, signInToken } from '../helpers/runtime';
import { saveScreenshots } from '../helpers/screenshots';

const baseUrl = inject('baseUrl');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const shown = (iso: string) => iso.split('-').reverse().join('.');

interface Person {
  id: string;
  enp: string;
  fam: string;
  im: string;
  birthDate: string;
}
interface NsiRecord {
  code: string;
  dateEnd: string | null;
}

/** The observation begins 150 days ago; its first visit window (120…90 days ago) passed with no visit. */
const dateIn = daysAgo(150);
const missedWindow = { from: daysAgo(120), to: daysAgo(90) };
const nextWindow = { from: daysAgo(-30), to: daysAgo(-60) };

/**
 * «Диспансерное наблюдение» and «Случаи поликлинического обслуживания» through the browser (issue 13): an МО puts
 * a person insured by test_smo on ДН with a visit window already past — the record is overdue, and the СМО finds
 * it in its overdue list; a form naming a diagnosis МКБ-10 does not know is refused with the FLK message next to
 * the field; the МО adds a polyclinic case in the same diagnosis block and the record is overdue no more; the
 * person card counts the person's records of the three prevention sections. The codes are taken from НСИ as it
 * stands in the runtime's database.
 */
describe('dispensary observation and polyclinic cases in the browser', () => {
  const browsers: TestBrowser[] = [];
  const pageErrors: string[] = [];
  const tokens: Record<string, string> = {};
  const codes = { diagnosis: '', specialty: '', purpose: '' };
  let unknownDiagnosis: string;
  let person: Person;
  let mo: Page;

  const api = (user: string, path: string) => callApi(baseUrl, path, { token: tokens[user] });

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

  /** Codes of a directory valid from `since` until now (no end date), optionally starting with `prefix`. */
  async function currentCodes(directory: string, since: string, prefix = ''): Promise<string[]> {
    const answer = await api(
      'test_mo',
      `/api/v1/nsi/directories/${directory}/records?validOn=${since}&q=${encodeURIComponent(prefix)}&pageSize=200`,
    );
    expect(answer.status).toBe(200);
    return (answer.body.items as NsiRecord[]).filter((r) => r.dateEnd === null).map((r) => r.code);
  }

  /** The row of the person's ДН record in the list shown. */
  const dnRow = (page: Page) =>
    page.getByTestId('dispensary-list').getByRole('row').filter({ hasText: person.enp });

  beforeAll(async () => {
    for (const user of ['test_mo', 'test_smo']) tokens[user] = await signInToken(baseUrl, user);
    const moCode = (await api('test_mo', '/api/v1/me')).body.organisation.code;
    const smoCode = (await api('test_smo', '/api/v1/me')).body.organisation.code;

    // A person attached to test_mo and insured by test_smo since before the observation began
    const candidates = (
      await api('test_mo', `/api/v1/persons?moCode=${moCode}&smoCode=${smoCode}&pageSize=50`)
    ).body.items as Person[];
    for (const candidate of candidates.reverse()) {
      const card = (await api('test_mo', `/api/v1/persons/${candidate.id}`)).body;
      const insured = (card.policies as { smoCode: string; dateBeg: string; dateEnd: string | null }[]).some(
        (p) => p.smoCode === smoCode && p.dateBeg <= dateIn && p.dateEnd === null,
      );
      if (insured) {
        person = candidate;
        break;
      }
    }
    if (!person)
      throw new Error('the demo region lacks a person of test_mo insured by test_smo for 150 days');

    // A diagnosis of a block usually observed (I10–I15), therapy (by name) and a purpose valid all along
    const diagnoses = (await currentCodes('MKB10', dateIn, 'I1')).filter((c) => /^I1[0-5]/.test(c));
    codes.diagnosis =
      diagnoses[0] ?? (await currentCodes('MKB10', dateIn)).find((c) => /^[A-Z]\d\d/.test(c))!;
    const therapy = await currentCodes('V021', dateIn, 'терапия');
    codes.specialty = therapy[0] ?? (await currentCodes('V021', dateIn))[0]!;
    codes.purpose = (await currentCodes('V025', daysAgo(0)))[0]!;
    expect(codes).toEqual({
      diagnosis: expect.any(String),
      specialty: expect.any(String),
      purpose: expect.any(String),
    });
    unknownDiagnosis = 'Z99.99X';
    const unknown = await api('test_mo', `/api/v1/nsi/directories/MKB10/records?q=${unknownDiagnosis}`);
    expect(unknown.body.total).toBe(0);

    mo = await signedIn('test_mo');
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    expect(pageErrors).toEqual([]);
  });

  it('an МО puts a person on ДН with a past visit window; an unknown diagnosis is refused next to its field', async () => {
    // Arrange
    await sectionNavigation(mo).getByRole('link', { name: 'Диспансерное наблюдение', exact: true }).click();
    await mo.getByRole('link', { name: 'Поставить на учёт' }).click();
    const form = mo.getByRole('form', { name: 'Постановка на учёт' });
    await form.getByLabel('ЕНП').fill(person.enp);
    await form.getByLabel('Диагноз (МКБ-10)').fill(unknownDiagnosis);
    await form.getByLabel('Дата постановки на учёт').fill(dateIn);
    await form.getByLabel('Статус при постановке').selectOption('2');
    await form.getByLabel('Специальность врача (V021)').fill(codes.specialty);
    const first = form.getByRole('group', { name: 'Окно 1' });
    await first.getByLabel('С', { exact: true }).fill(missedWindow.from);
    await first.getByLabel('По', { exact: true }).fill(missedWindow.to);
    // A window added by mistake and removed again, then the next planned one
    await form.getByRole('button', { name: 'Добавить окно посещения' }).click();
    await form.getByRole('button', { name: 'Удалить окно 2' }).click();
    expect(await form.getByRole('group', { name: 'Окно 2' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Добавить окно посещения' }).click();
    const second = form.getByRole('group', { name: 'Окно 2' });
    await second.getByLabel('С', { exact: true }).fill(nextWindow.from);
    await second.getByLabel('По', { exact: true }).fill(nextWindow.to);

    // Act: the unknown diagnosis first
    await form.getByRole('button', { name: 'Поставить на учёт' }).click();

    // Assess: the server's FLK message stands next to the diagnosis; nothing was accepted
    const diagnosisField = form.getByLabel('Диагноз (МКБ-10)');
    await expect.poll(() => diagnosisField.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByText('Диагноз не найден в МКБ-10 на дату постановки').count()).toBe(1);
    expect(await form.getByLabel('ЕНП').getAttribute('aria-invalid')).toBeNull();
    expect(await mo.getByTestId('dispensary-accepted').count()).toBe(0);
    await saveScreenshots(mo, 'mo-dispensary-form-flk');

    // Act: the diagnosis corrected
    await diagnosisField.fill(codes.diagnosis);
    await form.getByRole('button', { name: 'Поставить на учёт' }).click();
    await expect.poll(() => mo.getByTestId('dispensary-accepted').textContent()).toContain(person.enp);

    // Assess: the МО's list (overdue only, by default) shows it overdue since the window ended
    await mo.getByTestId('dispensary-accepted').getByRole('link', { name: 'Открыть список' }).click();
    expect(await mo.getByLabel('только просроченные').isChecked()).toBe(true);
    const row = dnRow(mo);
    await row.waitFor();
    expect(await row.getByTestId('dn-overdue').textContent()).toContain(
      `Просрочено окно посещения закончилось ${shown(missedWindow.to)}`,
    );
    const text = await row.textContent();
    expect(text).toContain(`${person.fam} ${person.im}`);
    expect(text).toContain(`(${codes.diagnosis})`);
    expect(text).toContain(`${shown(missedWindow.from)}–${shown(missedWindow.to)}`);
    expect(text).toContain(`${shown(nextWindow.from)}–${shown(nextWindow.to)}`);
    await saveScreenshots(mo, 'mo-dispensary-overdue');
  });

  it('the СМО of the person sees the record in its overdue list', async () => {
    // Arrange
    const smo = await signedIn('test_smo');
    await sectionNavigation(smo).getByRole('link', { name: 'Диспансерное наблюдение', exact: true }).click();

    // Act
    const overdueOnly = smo.getByLabel('только просроченные');
    expect(await overdueOnly.isChecked()).toBe(false);
    await overdueOnly.check();

    // Assess
    await expect.poll(() => new URL(smo.url()).searchParams.get('overdue')).toBe('1');
    const row = dnRow(smo);
    await row.waitFor();
    expect(await row.getByTestId('dn-overdue').textContent()).toContain(shown(missedWindow.to));
    expect(await row.getByRole('link', { name: /Добавить случай/ }).count()).toBe(0);
    expect(await smo.getByRole('link', { name: 'Поставить на учёт' }).count()).toBe(0);
    await saveScreenshots(smo, 'smo-dispensary-overdue');
  });

  it('a polyclinic case in the same diagnosis block closes the owed visit: the record is overdue no more', async () => {
    // Arrange: the case form opened from the ДН record comes filled with the person, diagnosis and specialty
    await dnRow(mo)
      .getByRole('link', { name: /Добавить случай/ })
      .click();
    const form = mo.getByRole('form', { name: 'Случай обслуживания' });
    expect(await form.getByLabel('ЕНП').inputValue()).toBe(person.enp);
    expect(await form.getByLabel('Диагноз (МКБ-10)').inputValue()).toBe(codes.diagnosis);
    await form.getByLabel('Цель посещения (V025)').fill(codes.purpose);
    await form.getByLabel('Дата начала').fill(daysAgo(2));
    await form.getByLabel('Дата окончания').fill(daysAgo(1));

    // Act
    await form.getByRole('button', { name: 'Добавить случай' }).click();
    await expect.poll(() => mo.getByTestId('case-accepted').textContent()).toContain(person.enp);

    // Assess: the case is listed as the МО's own; a date range before it leaves it out
    await mo.getByTestId('case-accepted').getByRole('link', { name: 'Открыть список' }).click();
    const caseRow = mo.getByTestId('polyclinic-case-list').getByRole('row').filter({ hasText: person.enp });
    await caseRow.waitFor();
    expect(await caseRow.getByTestId('case-source').textContent()).toBe('МО');
    expect(await caseRow.textContent()).toContain(`${shown(daysAgo(2))}–${shown(daysAgo(1))}посещений: 1`);
    await saveScreenshots(mo, 'mo-polyclinic-cases');
    await mo.getByLabel('по', { exact: true }).fill(daysAgo(3));
    await mo.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => new URL(mo.url()).searchParams.get('to')).toBe(daysAgo(3));
    await expect.poll(() => caseRow.count()).toBe(0);

    // Assess: gone from the overdue list; among all records it shows the visit and owes the next window
    await sectionNavigation(mo).getByRole('link', { name: 'Диспансерное наблюдение', exact: true }).click();
    await mo.getByTestId('table-total').waitFor();
    await expect.poll(() => dnRow(mo).count()).toBe(0);
    await mo.getByLabel('только просроченные').uncheck();
    const row = dnRow(mo);
    await row.waitFor();
    expect(await row.getByTestId('dn-overdue').count()).toBe(0);
    const text = await row.textContent();
    expect(text).toContain(shown(daysAgo(1)));
    expect(text).toContain(`Посетить до ${shown(nextWindow.to)}`);
  });

  it('the person card counts the person’s plan entries, ДН records and polyclinic cases', async () => {
    // Arrange: the person on this year's plan list of the МО too
    const year = Number(daysAgo(0).slice(0, 4));
    const kind = dispensarisationYear(year - Number(person.birthDate.slice(0, 4))) ? 'DVN' : 'PMO';
    const planned = await callApi(baseUrl, '/api/v1/prevention/plans', {
      method: 'POST',
      token: tokens.test_mo,
      json: {
        packageId: `e2e-observation-plan-${Date.now()}`,
        records: [{ sourceId: `e2e-observation-${person.enp}`, patient: { enp: person.enp }, year, kind }],
      },
    });
    expect(planned.body).toMatchObject({ accepted: 1 });
    // The demo year may have planned the person too (another kind): count what the МО's plan lists hold
    let entries = 0;
    for (const y of [year - 1, year, year + 1]) {
      const page = await callApi(
        baseUrl,
        `/api/v1/prevention/plans?year=${y}&personId=${person.id}&withWithdrawn=true&pageSize=100`,
        { token: tokens.test_mo },
      );
      entries += page.body.items.length;
    }
    expect(entries).toBeGreaterThan(0);
    const countOf = async (path: string) =>
      (await callApi(baseUrl, `${path}?personId=${person.id}&pageSize=100`, { token: tokens.test_mo })).body
        .items.length as number;
    const observations = await countOf('/api/v1/prevention/dispensary');
    const cases = await countOf('/api/v1/prevention/polyclinic-cases');
    expect([observations, cases].every((n) => n >= 1)).toBe(true);

    // Act
    await mo.goto(new URL(`/persons/${person.id}`, baseUrl).href);

    // Assess
    const links = mo.getByTestId('person-sections');
    await links.waitFor();
    const text = await links.textContent();
    expect(text).toContain(`Медосмотры: ${entries}`);
    expect(text).toContain(`Диспансерное наблюдение: ${observations}`);
    expect(text).toContain(`Случаи поликлинического обслуживания: ${cases}`);
  });
});
