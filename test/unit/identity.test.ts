import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnp, enpControlDigit, isValidEnp, makeEnp } from '../../shared/person/domain/enp';
import {
  checkSnils,
  formatSnils,
  isValidSnils,
  makeSnils,
  snilsControl,
} from '../../shared/person/domain/snils';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('ЕНП control digit (DOMAIN §4.1)', () => {
  it('matches the worked examples', () => {
    expect(enpControlDigit('123456789012345')).toBe(2);
    expect(isValidEnp('1234567890123452')).toBe(true);
    expect(enpControlDigit('770000000000001')).toBe(6);
    expect(isValidEnp('7700000000000016')).toBe(true);
  });

  it('rejects a wrong control digit and a malformed number', () => {
    expect(checkEnp('1234567890123451')).toBe('control');
    expect(checkEnp('123456789012345')).toBe('format');
    expect(checkEnp('12345678901234a2')).toBe('format');
    expect(checkEnp('')).toBe('format');
  });

  it('completes any 15-digit body into a valid ЕНП, and only its control digit is accepted', () => {
    fc.assert(
      fc.property(digits(15), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const enp = makeEnp(body);
        expect(isValidEnp(enp)).toBe(true);
        const wrong = body + String((Number(enp[15]) + shift) % 10);
        expect(checkEnp(wrong)).toBe('control');
      }),
    );
  });
});

describe('СНИЛС checksum (DOMAIN §4.2)', () => {
  it('matches the worked examples', () => {
    expect(snilsControl('112233445')).toBe(95);
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(snilsControl('087654303')).toBe(0);
    expect(isValidSnils('087-654-303 00')).toBe(true);
  });

  it('accepts the registry, GIS OMS and bare notations; rejects zeros, bad pairs and junk', () => {
    expect(isValidSnils('112-233-445-95')).toBe(true);
    expect(isValidSnils('11223344595')).toBe(true);
    expect(checkSnils('112-233-445 94')).toBe('control');
    expect(checkSnils('000-000-000 00')).toBe('zero');
    expect(checkSnils('112-233-44 95')).toBe('format');
    // Numbers up to 001-001-998 are not checked (PFR rule).
    expect(isValidSnils('001-001-998 00')).toBe(true);
  });

  it('formats any body into a valid СНИЛС whose control pair alone is accepted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_001_999, max: 999_999_999 }),
        fc.integer({ min: 1, max: 99 }),
        (n, shift) => {
          const body = String(n).padStart(9, '0');
          const snils = makeSnils(body);
          expect(snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
          expect(isValidSnils(snils)).toBe(true);
          const control = (snilsControl(body) + shift) % 100;
          expect(checkSnils(formatSnils(body + String(control).padStart(2, '0')))).toBe('control');
        },
      ),
    );
  });
});
