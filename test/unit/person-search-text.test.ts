import { describe, expect, it } from 'vitest';
import { parseSearchText } from '../../shared/person/domain/search-text';

describe('the free text of a person search', () => {
  it('reads an ЕНП, a СНИЛС in any spacing, and a policy of an older type', () => {
    expect(parseSearchText('9900000000000017')).toEqual({ enp: '9900000000000017' });
    expect(parseSearchText('112 233 445 95')).toEqual({ snils: '112-233-445 95' });
    expect(parseSearchText('11223344595')).toEqual({ snils: '112-233-445 95' });
    expect(parseSearchText('7701 123456')).toEqual({ policy: '7701 123456' });
    expect(parseSearchText('123456789')).toEqual({ policy: '123456789' });
  });

  it('reads the beginnings of surname and name and a birth date in either order and format', () => {
    expect(parseSearchText('  Иван ')).toEqual({ fam: 'Иван' });
    expect(parseSearchText('Иванов Пётр 01.02.1980')).toEqual({
      fam: 'Иванов',
      im: 'Пётр',
      birthDate: '1980-02-01',
    });
    expect(parseSearchText('1980-02-01 Иванов')).toEqual({ fam: 'Иванов', birthDate: '1980-02-01' });
  });

  it('drops a date that is not in the calendar and finds nothing in empty text', () => {
    expect(parseSearchText('Иванов 31.02.1980')).toEqual({ fam: 'Иванов' });
    expect(parseSearchText('')).toEqual({});
    expect(parseSearchText(undefined)).toEqual({});
  });
});
