import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReferralRecord } from '../../shared/hospitalisation/domain/records';
import { directoryDate, organisationFromDirectory } from '../../shared/org/domain/directory-organisation';
import {
  boundedInt,
  int16,
  int32,
  integerFromText,
  integerProblem,
  isoDate,
  isoDateOrDateTime,
  isoDateTime,
  pageNumber,
  queryInt,
} from '../../shared/platform/flk/edge-types';
import { schemaIssues } from '../../shared/platform/flk/schema-issues';
import { isIsoDate, isoDateProblem, isoDateRange } from '../../shared/platform/formats/iso-date';

/**
 * Types at the edge (issue 9): one date type and one bounded-integer type. What the database cannot hold is a
 * caller's mistake with its F012 code and a Russian message — every real day in range passes, nothing else.
 */

const cyrillic = /[А-Яа-яЁё]/;

/** The FLK issues of parsing `value` as field `v` of an object with this schema (what REST and SOAP answer). */
function issuesOf(schema: z.ZodType, value: unknown) {
  const result = z.object({ v: schema }).safeParse({ v: value });
  return result.success ? [] : schemaIssues(result.error);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const monthDays = (y: number, m: number) =>
  m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Every real day of the range, drawn from the JavaScript calendar (UTC), not from our own rules. */
const realDay = fc
  .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2999, 11, 31) })
  .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));

/** `YYYY-MM-DD`-shaped texts naming no day: month 00 or 13–99, day 00, or a day past the month's end. */
const impossibleDay = fc.oneof(
  fc
    .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 13, max: 99 }), d: fc.nat(99) })
    .map(({ y, m, d }) => iso(y, m, d)),
  fc.record({ y: fc.integer({ min: 0, max: 9999 }), d: fc.nat(99) }).map(({ y, d }) => iso(y, 0, d)),
  fc
    .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => iso(y, m, 0)),
  fc
    .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), extra: fc.nat(60) })
    .filter(({ y, m, extra }) => monthDays(y, m) + 1 + extra <= 99)
    .map(({ y, m, extra }) => iso(y, m, monthDays(y, m) + 1 + extra)),
);

describe('isoDate: a real calendar day within 1900-01-01 … 2999-12-31', () => {
  it('accepts every real day in the range, unchanged', () => {
    fc.assert(
      fc.property(realDay, (day) => {
        expect(isIsoDate(day)).toBe(true);
        expect(isoDate.parse(day)).toBe(day);
      }),
    );
  });

  it('refuses every impossible day with 903 «Такой даты нет в календаре» and the value', () => {
    fc.assert(
      fc.property(impossibleDay, (day) => {
        expect(isoDateProblem(day)).toBe('calendar');
        expect(issuesOf(isoDate, day)).toEqual([
          {
            rule: 'FORMAT',
            code: '903',
            severity: 'error',
            field: 'v',
            value: day,
            message: `Такой даты нет в календаре: ${day}`,
          },
        ]);
      }),
    );
  });

  it('names the dates found in the field: 0000-00-00, 2026-02-31, 2026-13-45, 9999-99-99, 2025-02-29', () => {
    for (const day of ['0000-00-00', '2026-02-31', '2026-13-45', '9999-99-99', '2025-02-29', '2100-02-29']) {
      expect(issuesOf(isoDate, day)).toMatchObject([{ code: '903', message: /нет в календаре/, value: day }]);
    }
    expect(isoDate.parse('2024-02-29')).toBe('2024-02-29');
    expect(isoDate.parse('2000-02-29')).toBe('2000-02-29');
  });

  it('refuses real days outside the range with 904 «Дата вне допустимого диапазона»', () => {
    const outside = fc.oneof(
      fc.integer({ min: 1, max: 1899 }).map((y) => iso(y, 6, 15)),
      fc.integer({ min: 3000, max: 9999 }).map((y) => iso(y, 1, 1)),
    );
    fc.assert(
      fc.property(outside, (day) => {
        expect(issuesOf(isoDate, day)).toMatchObject([
          { code: '904', message: /^Дата вне допустимого диапазона/, value: day },
        ]);
      }),
    );
    expect(isoDate.parse(isoDateRange.min)).toBe('1900-01-01');
    expect(isoDate.parse(isoDateRange.max)).toBe('2999-12-31');
    expect(issuesOf(isoDate, '1899-12-31')[0]?.code).toBe('904');
    expect(issuesOf(isoDate, '3000-01-01')[0]?.code).toBe('904');
  });

  it('refuses anything not shaped YYYY-MM-DD with 903 «Дата в формате ГГГГ-ММ-ДД»', () => {
    const garbage = fc.oneof(
      fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) && s.length > 0),
      realDay.map((d) => `${d.slice(8)}.${d.slice(5, 7)}.${d.slice(0, 4)}`),
      realDay.map((d) => `${d}T00:00:00`),
      realDay.map((d) => ` ${d}`),
      realDay.map((d) => d.replace(/-/g, '/')),
      fc.integer(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(garbage, (value) => {
        const [issue, ...rest] = issuesOf(isoDate, value);
        expect(rest).toEqual([]);
        expect(issue).toMatchObject({ code: '903', message: 'Дата в формате ГГГГ-ММ-ДД' });
      }),
    );
    expect(issuesOf(isoDate, { y: 2026 })).toMatchObject([{ code: '903', message: /ГГГГ-ММ-ДД/ }]);
  });

  it('says 902 for an absent date unless it is optional; nullable and optional wrappers keep their meaning', () => {
    expect(issuesOf(isoDate, undefined)).toMatchObject([{ code: '902', message: /Отсутствует/ }]);
    expect(issuesOf(isoDate, null)).toMatchObject([{ code: '902' }]);
    expect(isoDate.optional().parse(undefined)).toBeUndefined();
    expect(isoDate.nullable().parse(null)).toBeNull();
    expect(issuesOf(isoDate.optional(), '2026-02-31')[0]?.code).toBe('903');
  });
});

describe('isoDateTime and isoDateOrDateTime', () => {
  it('accepts real moments with a time zone', () => {
    fc.assert(
      fc.property(realDay, fc.nat(86_399), (day, s) => {
        const time = `${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}`;
        expect(isoDateTime.parse(`${day}T${time}Z`)).toBe(`${day}T${time}Z`);
        expect(isoDateTime.parse(`${day}T${time}.123+03:00`)).toBe(`${day}T${time}.123+03:00`);
      }),
    );
  });

  it('refuses impossible days and times, and moments without a zone', () => {
    expect(issuesOf(isoDateTime, '2026-02-31T10:00:00Z')).toMatchObject([
      { code: '903', message: /нет в календаре/ },
    ]);
    expect(issuesOf(isoDateTime, '2026-02-03T24:00:00Z')).toMatchObject([
      { code: '903', message: /времени/ },
    ]);
    expect(issuesOf(isoDateTime, '2026-02-03T10:60Z')[0]?.code).toBe('903');
    expect(issuesOf(isoDateTime, '2026-02-03T10:00:00')).toMatchObject([{ code: '903', message: /пояс/ }]);
    expect(issuesOf(isoDateTime, '0000-00-00T00:00:00Z')[0]?.code).toBe('903');
    expect(issuesOf(isoDateTime, '0000-01-01T00:00:00Z')[0]?.code).toBe('904');
  });

  it('takes a day or a moment, each by its own rules', () => {
    expect(isoDateOrDateTime.parse('2026-03-01')).toBe('2026-03-01');
    expect(isoDateOrDateTime.parse('2026-03-31T23:59:59+03:00')).toBe('2026-03-31T23:59:59+03:00');
    expect(issuesOf(isoDateOrDateTime, '2026-02-30')).toMatchObject([{ code: '903', message: /календаре/ }]);
    expect(issuesOf(isoDateOrDateTime, '2026-02-30T00:00:00Z')[0]?.code).toBe('903');
  });
});

describe('bounded integers', () => {
  it('accepts every integer within the bounds, refuses every one outside with 904 and the bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), (n) => {
        expect(int32.parse(n)).toBe(n);
      }),
    );
    const overflow = fc.oneof(
      fc.integer({ min: 2_147_483_648, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -2_147_483_649 }),
      fc.constantFrom(2_147_483_648, 9_007_199_254_740_991, 1e20, -1e300),
    );
    fc.assert(
      fc.property(overflow, (n) => {
        expect(issuesOf(int32, n)).toMatchObject([
          { code: '904', message: 'Число вне допустимого диапазона: от -2147483648 до 2147483647' },
        ]);
      }),
    );
    expect(issuesOf(int32, 1e21)[0]?.value).toBe('1000000000000000000000');
    expect(issuesOf(int16, 32_768)).toMatchObject([{ code: '904', message: /от -32768 до 32767/ }]);
    expect(issuesOf(boundedInt(1, 5), 0)).toMatchObject([{ code: '904', value: '0' }]);
  });

  it('refuses fractions, non-finite numbers and texts in JSON with 903 «Ожидается целое число»', () => {
    const notInteger = fc.oneof(
      fc.double({ noInteger: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.string(),
      fc.boolean(),
    );
    fc.assert(
      fc.property(notInteger, (value) => {
        expect(issuesOf(int32, value)).toMatchObject([{ code: '903', message: 'Ожидается целое число' }]);
      }),
    );
  });

  it('reads integer texts strictly (SOAP, query): digits only, never exponents, fractions or trailing letters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        expect(queryInt(1, 100_000).parse(String(n))).toBe(n);
        expect(integerFromText(String(n))).toBe(n);
        expect(integerFromText(` ${n} `)).toBe(n);
      }),
    );
    const notDigits = fc.oneof(
      fc.constantFrom('1e3', '1.0', '1.5', '0x10', '12abc', '', ' ', '+-1', '١٢', 'Infinity', 'NaN', ' 5'),
      fc.string().filter((s) => !/^-?\d+$/.test(s)),
    );
    fc.assert(
      fc.property(notDigits, (text) => {
        expect(integerProblem(text, 1, 100_000)).toEqual({ code: '903', message: 'Ожидается целое число' });
        expect(issuesOf(queryInt(1, 100_000), text)).toMatchObject([
          { code: '903', value: text.slice(0, 100) },
        ]);
      }),
    );
    expect(integerFromText('12abc')).toBe('12abc');
    expect(integerFromText('1e3')).toBe('1e3');
  });

  it('refuses numbers of any length beyond the bounds with 904, keeping the digits as sent', () => {
    const longDigits = fc
      .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 40 }),
      )
      .map(([first, rest]) => `${first}${rest.join('')}`);
    fc.assert(
      fc.property(longDigits, (text) => {
        expect(issuesOf(queryInt(1, 2_147_483_647), text)).toMatchObject([
          { code: '904', message: /вне допустимого диапазона/, value: text },
        ]);
      }),
    );
    expect(issuesOf(pageNumber(), '99999999999999999999')).toMatchObject([
      {
        code: '904',
        value: '99999999999999999999',
        message: 'Число вне допустимого диапазона: от 1 до 100000',
      },
    ]);
    expect(pageNumber().parse(undefined)).toBe(1);
  });
});

describe('the canonical records use the edge types', () => {
  const referral = {
    sourceId: 'r1',
    number: 'N1',
    date: '2026-02-03',
    form: 3,
    fromMoCode: '990001',
    toMoCode: '990002',
    conditions: 1,
    profile: 29,
    bedProfile: 26,
    diagnosis: 'I20.8',
    doctorSnils: '112-233-445 95',
    plannedDate: '2026-02-10',
    patient: { enp: '1234567890123452' },
  };

  it('names an impossible date and an overflowing code per field, in Russian', () => {
    const result = ReferralRecord.safeParse({
      ...referral,
      date: '2026-02-31',
      form: 40_000,
      profile: 2 ** 31,
    });
    const issues = result.success ? [] : schemaIssues(result.error);
    expect(issues).toEqual([
      expect.objectContaining({ field: 'date', code: '903', value: '2026-02-31' }),
      expect.objectContaining({ field: 'form', code: '904', value: '40000' }),
      expect.objectContaining({ field: 'profile', code: '904', value: '2147483648' }),
    ]);
    for (const issue of issues) expect(issue.message).toMatch(cyrillic);
  });
});

describe('F003/F002 dates', () => {
  const record = (begin: string | null, end: string | null = null) => ({
    kind: 'MO' as const,
    ordinal: 1,
    fields: { mcod: ['990001'], nam_mop: ['ГБУЗ «Поликлиника»'], tf_okato: ['99000'] },
    periods: [{ begin, end }],
  });
  const region = { regionCode: '99', okato: '99000' };

  it('reads dd.mm.yyyy and ISO dates, and says what is wrong with one that is no day', () => {
    expect(directoryDate('01.02.2020')).toEqual({ iso: '2020-02-01' });
    expect(directoryDate('2020-02-01T00:00:00')).toEqual({ iso: '2020-02-01' });
    expect(directoryDate('31.02.2020')).toEqual({ problem: 'calendar' });
    expect(directoryDate('1.2.2020')).toEqual({ problem: 'format' });
    expect(directoryDate('  ')).toBeNull();
  });

  it('reports d_begin 31.02.2020 as «такой даты нет в календаре» (903), not as a missing date', () => {
    const verdict = organisationFromDirectory(record('31.02.2020'), region);
    expect(verdict).toMatchObject({
      status: 'invalid',
      errors: [
        {
          code: '903',
          field: 'd_begin',
          value: '31.02.2020',
          message: 'Неверная дата включения в реестр: такой даты нет в календаре',
        },
      ],
    });
  });

  it('reports an impossible d_end instead of reading the organisation as never excluded', () => {
    const verdict = organisationFromDirectory(record('01.02.2020', '30.02.2024'), region);
    expect(verdict).toMatchObject({
      status: 'invalid',
      errors: [{ code: '903', field: 'd_end', message: /исключения из реестра: такой даты нет/ }],
    });
    expect(organisationFromDirectory(record(null), region)).toMatchObject({
      status: 'invalid',
      errors: [{ code: '902', field: 'd_begin', message: 'Не указана дата включения в реестр' }],
    });
  });
});
