import { describe, expect, it } from 'vitest';
import { freeBedsCountIssues } from '../../shared/hospitalisation/domain/free-beds-rules';
import type { FreeBedsRecord } from '../../shared/hospitalisation/domain/records';
import type { FlkRule } from '../../shared/platform/flk/issue';
import { ApiError } from '../../web/src/api/api-error';
import { formFailure, formFieldOf, plainMessage } from '../../web/src/pages/hospitalisation/form-failure';
import {
  type Row,
  recordOf,
  rowProblems,
  totalsOf,
} from '../../web/src/pages/hospitalisation/free-beds-rows';

/** The web forms' own logic (issue 11): what they check before sending and how they read the server's FLK. */

const rules = new Map<string, FlkRule>([
  [
    'HOSP.BEDS.COUNTS',
    { id: 'HOSP.BEDS.COUNTS', f012Code: '904', field: null, severity: 'error', message: 'противоречат' },
  ],
]);

function row(values: Partial<Row['values']>, forecast: string[] = ['', '', ''], beds = 10): Row {
  return {
    key: 'S01-29-1',
    departmentCode: 'S01',
    departmentName: 'Хирургическое отделение',
    conditions: 1,
    profile: 29,
    bedProfile: 29,
    bedProfileName: 'хирургические',
    beds,
    values: {
      occupiedAtStart: '4',
      admitted: '1',
      discharged: '1',
      plannedToday: '0',
      freeTotal: '6',
      freeMale: '3',
      freeFemale: '4',
      freeAdult: '6',
      freeChild: '0',
      ...values,
    },
    forecast,
  };
}

describe('free-beds entry checks the rule the server applies', () => {
  const cases: [string, Row][] = [
    ['a consistent row (men and women may overlap)', row({})],
    ['adults over the free total', row({ freeAdult: '7' })],
    ['children over the free total', row({ freeChild: '8' })],
    ['the free total over the bed fund', row({ freeTotal: '11', freeAdult: '6' })],
    ['a negative count', row({ admitted: '-1' })],
    ['a forecast over the bed fund', row({}, ['3', '12', ''])],
    ['the free total at the bed fund', row({ freeTotal: '10' })],
  ];
  for (const [name, r] of cases) {
    it(`agrees with the server on ${name}`, () => {
      const record = recordOf(r, '2026-12-01', '990025', ['2026-12-02', '2026-12-03', '2026-12-04']);
      const server = freeBedsCountIssues(record as FreeBedsRecord, r.beds, rules);
      expect(rowProblems(r).length > 0).toBe(server.length > 0);
    });
  }

  it('names every problem of a row at once, in words', () => {
    expect(
      rowProblems(row({ freeTotal: '2', freeFemale: '4', freeChild: 'два' })).map((p) => p.message),
    ).toEqual([
      '«свободно для детей»: введите целое число не меньше нуля.',
      '«свободно для мужчин» (3) больше, чем свободно всего (2).',
      '«свободно для женщин» (4) больше, чем свободно всего (2).',
      '«свободно для взрослых» (6) больше, чем свободно всего (2).',
    ]);
  });

  it('sums the columns as typed, leaving out what is not a number', () => {
    const totals = totalsOf([row({}), row({ freeMale: '1', freeChild: 'x' }, undefined, 5)]);
    expect(totals).toMatchObject({ freeTotal: 12, freeMale: 4, freeFemale: 8, freeChild: 0, beds: 15 });
  });
});

describe('a refused form read field by field', () => {
  const refused = new ApiError(400, {
    type: 'about:blank',
    title: 'Ошибка в запросе',
    status: 400,
    detail: 'Запрос содержит ошибки',
    errors: [
      { code: '903', field: 'profile', message: 'Ожидается целое число' },
      { code: '902', field: 'diagnosis', message: 'Отсутствует обязательное поле' },
      { code: '904', field: 'patient.enp', message: 'Неверное контрольное число ЕНП' },
      { code: '904', field: 'fromMoCode', message: 'Отправитель не вправе передавать запись за другую МО' },
    ],
  } as never);

  it('puts each issue on its form field in plain words and counts them in a punctuated summary', () => {
    const failure = formFailure(
      refused,
      { profile: 'Профиль', diagnosis: 'Диагноз', patient: 'Пациент' },
      'Не сохранено',
    );
    expect(failure.fields).toEqual({
      profile: 'Введите код цифрами или выберите его из подсказки.',
      diagnosis: 'Заполните это поле.',
      patient: 'Неверное контрольное число ЕНП.',
    });
    expect(failure.message).toBe(
      'Не сохранено: 4 ошибки, исправьте отмеченные поля. Отправитель не вправе передавать запись за другую МО.',
    );
  });

  it('maps record paths to form fields and keeps sentences whole', () => {
    expect(formFieldOf('patient.snils')).toBe('patient');
    expect(formFieldOf('vmp')).toBe('talonNumber');
    expect(formFieldOf('vmp.talonDate')).toBe('talonDate');
    expect(formFieldOf('records.0.freeAdult')).toBe('freeAdult');
    expect(plainMessage({ code: '904', message: 'Нарушен порядок дат.' })).toBe('Нарушен порядок дат.');
  });
});
