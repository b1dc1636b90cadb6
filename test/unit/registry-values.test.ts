import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnp, makeEnp } from '../../shared/person/domain/enp';
import { checkSnils, makeSnils } from '../../shared/person/domain/snils';
import { ageOn, daysInMonth, is, reportingPeriod } from '../../shared/registry/domain/check-context';
import { isEnp, isNovor, isRegistrySnilsForm } from '../../shared/registry/domain/registry-values';

/** The allocation-free value checks of the registry FLK answer what the register's own checks answer. */

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('ЕНП', () => {
  it('passes the worked examples of DOMAIN §4.1 and fails a wrong control digit', () => {
    expect(isEnp('1234567890123452')).toBe(true);
    expect(isEnp('7700000000000016')).toBe(true);
    expect(isEnp('7700000000000017')).toBe(false);
    expect(isEnp('770000000000001')).toBe(false);
    expect(isEnp('77000000000000l6')).toBe(false);
  });

  it('agrees with checkEnp on any 16 digits and on made ЕНП', () => {
    fc.assert(
      fc.property(digits(16), (v) => {
        expect(isEnp(v)).toBe(checkEnp(v) === null);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(digits(15), (body) => {
        expect(isEnp(makeEnp(body))).toBe(true);
      }),
    );
  });

  it('agrees with checkEnp on any short text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 18 }), (v) => {
        expect(isEnp(v)).toBe(checkEnp(v) === null);
      }),
    );
  });
});

describe('СНИЛС in the registry form', () => {
  it('accepts only XXX-XXX-XXX XX', () => {
    expect(isRegistrySnilsForm('112-233-445 95')).toBe(true);
    expect(isRegistrySnilsForm('112-233-445-95')).toBe(false);
    expect(isRegistrySnilsForm('11223344595')).toBe(false);
    expect(isRegistrySnilsForm('112-233-44a 95')).toBe(false);
  });

  it('every made СНИЛС is in the form and passes its control number', () => {
    fc.assert(
      fc.property(digits(9), (body) => {
        const snils = makeSnils(body);
        expect(isRegistrySnilsForm(snils)).toBe(true);
        if (!/^0+$/.test(body)) expect(checkSnils(snils)).toBeNull();
      }),
    );
  });
});

/** NOVOR as a regular expression and the calendar say it: the reference the fast check must agree with. */
function novorReference(v: string): boolean {
  if (v === '0') return true;
  const m = /^([12])(\d\d)(\d\d)(\d\d)(\d{1,2})$/.exec(v);
  if (!m) return false;
  const [day, month, year, order] = [Number(m[2]), Number(m[3]), 2000 + Number(m[4]), Number(m[5])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && order >= 1;
}

describe('NOVOR', () => {
  it('is 0 or ПДДММГГН with a real date and a child number of one or two digits', () => {
    expect(isNovor('0')).toBe(true);
    expect(isNovor('12902241')).toBe(true);
    expect(isNovor('129022412')).toBe(true);
    expect(isNovor('12902231')).toBe(false);
    expect(isNovor('13102250')).toBe(false);
    expect(isNovor('33102251')).toBe(false);
    expect(isNovor('1310225')).toBe(false);
  });

  it('agrees with a regular expression and the calendar', () => {
    const novor = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 10 }),
      fc
        .tuple(
          fc.constantFrom('1', '2', '3'),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
        )
        .map(
          ([s, d, m, y, n]) =>
            `${s}${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(2, '0')}${n}`,
        ),
    );
    fc.assert(
      fc.property(novor, (v) => {
        expect(isNovor(v)).toBe(novorReference(v));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('dates and codes', () => {
  it('counts whole years of age', () => {
    expect(ageOn('2007-03-15', '2025-03-14')).toBe(17);
    expect(ageOn('2007-03-15', '2025-03-15')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('makes the reporting month of YEAR and MONTH, or nothing', () => {
    expect(reportingPeriod('2024', '2')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(reportingPeriod('2025', '02')).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(reportingPeriod('2025', '12')).toEqual({ start: '2025-12-01', end: '2025-12-31' });
    expect(reportingPeriod('2025', '13')).toBeUndefined();
    expect(reportingPeriod('2025', '0')).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }),
    );
  });

  it('reads numeric codes with leading zeros as their number', () => {
    expect(is('3', '3')).toBe(true);
    expect(is('03', '3')).toBe(true);
    expect(is('003', '3')).toBe(true);
    expect(is('13', '3')).toBe(false);
    expect(is('30', '3')).toBe(false);
    expect(is(undefined, '3')).toBe(false);
    expect(is('01', '1')).toBe(true);
    expect(is('010', '10')).toBe(true);
  });
});
