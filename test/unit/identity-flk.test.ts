import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEnp } from '../../shared/person/domain/enp';
import {
  checkIdentityFields,
  hasIdentifiers,
  normaliseIdentity,
  resolutionIssues,
} from '../../shared/person/domain/identity-input';
import { formatSnils, makeSnils } from '../../shared/person/domain/snils';
import { type FlkRule, fire, hasErrors } from '../../shared/platform/flk/issue';

function rules(overrides: Record<string, FlkRule['severity']> = {}) {
  const base: [string, string, string, FlkRule['severity']][] = [
    ['ID.ENP.FORMAT', '903', 'ENP', 'error'],
    ['ID.ENP.CONTROL', '904', 'ENP', 'error'],
    ['ID.SNILS.FORMAT', '903', 'SNILS', 'error'],
    ['ID.SNILS.CONTROL', '904', 'SNILS', 'warning'],
    ['ID.NOT_FOUND', '904', 'ENP', 'error'],
    ['ID.NOT_INSURED', '904', 'ENP', 'error'],
    ['ID.AMBIGUOUS', '905', 'FAM', 'error'],
    ['ID.MISMATCH', '904', 'FAM', 'warning'],
  ];
  return new Map(
    base.map(([id, code, field, severity]) => [
      id,
      { id, f012Code: code, field, severity: overrides[id] ?? severity, message: `сообщение ${id}` },
    ]),
  );
}

describe('FLK of identifiers with configurable severity', () => {
  it('passes the worked examples of DOMAIN §4', () => {
    expect(checkIdentityFields({ enp: '1234567890123452', snils: '112-233-445 95' }, rules())).toEqual([]);
    expect(checkIdentityFields({ enp: '7700000000000016', snils: '087-654-303 00' }, rules())).toEqual([]);
  });

  it('reports a wrong ЕНП check digit as 904 error, a bad format as 903, with field and value', () => {
    expect(checkIdentityFields({ enp: '1234567890123451' }, rules())).toEqual([
      {
        rule: 'ID.ENP.CONTROL',
        code: '904',
        severity: 'error',
        field: 'ENP',
        value: '1234567890123451',
        message: 'сообщение ID.ENP.CONTROL',
      },
    ]);
    expect(checkIdentityFields({ enp: '12345' }, rules())[0]).toMatchObject({ code: '903' });
  });

  it('follows the configured severity: warning keeps the record, off says nothing', () => {
    const bad = { snils: '112-233-445 94' };
    expect(checkIdentityFields(bad, rules())[0]?.severity).toBe('warning');
    expect(hasErrors(checkIdentityFields(bad, rules()))).toBe(false);
    expect(hasErrors(checkIdentityFields(bad, rules({ 'ID.SNILS.CONTROL': 'error' })))).toBe(true);
    expect(checkIdentityFields(bad, rules({ 'ID.SNILS.CONTROL': 'off' }))).toEqual([]);
  });

  it('accepts every generated ЕНП and СНИЛС, and flags every single-digit corruption of the ЕНП', () => {
    const body = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    fc.assert(
      fc.property(
        body(15),
        body(9),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 9 }),
        (e, s, pos, shift) => {
          const enp = makeEnp(e);
          const snils = makeSnils(`1${s.slice(1)}`);
          expect(checkIdentityFields({ enp, snils }, rules())).toEqual([]);
          const corrupted = enp.slice(0, pos) + String((Number(enp[pos]) + shift) % 10) + enp.slice(pos + 1);
          expect(checkIdentityFields({ enp: corrupted }, rules()).map((i) => i.rule)).toEqual([
            'ID.ENP.CONTROL',
          ]);
        },
      ),
    );
  });

  it('normalises СНИЛС notations to the registry form and drops empty strings', () => {
    expect(normaliseIdentity({ snils: '11223344595', fam: ' ', im: 'Анна' })).toEqual({
      snils: formatSnils('11223344595'),
      im: 'Анна',
      enp: undefined,
      fam: undefined,
      ot: undefined,
      birthDate: undefined,
      docSer: undefined,
      docNum: undefined,
      onDate: undefined,
    });
    expect(hasIdentifiers({ fam: 'Иванов', im: 'Иван' })).toBe(false);
    expect(hasIdentifiers({ fam: 'Иванов', im: 'Иван', birthDate: '1980-01-01' })).toBe(true);
  });

  it('turns resolution outcomes into the FLK issues of an inbound record', () => {
    const r = rules();
    expect(resolutionIssues({ outcome: 'not_insured_in_region' }, r).map((i) => i.rule)).toEqual([
      'ID.NOT_FOUND',
    ]);
    expect(resolutionIssues({ outcome: 'ambiguous', candidates: 2 }, r)[0]).toMatchObject({ code: '905' });
    expect(
      resolutionIssues({ outcome: 'no_policy_on_date', personId: '1', method: 'enp', mismatch: true }, r).map(
        (i) => i.rule,
      ),
    ).toEqual(['ID.NOT_INSURED', 'ID.MISMATCH']);
    expect(fire(r, 'ID.MISMATCH')[0]?.severity).toBe('warning');
    expect(() => fire(r, 'NOPE')).toThrow(/Unknown FLK rule/);
  });
});
