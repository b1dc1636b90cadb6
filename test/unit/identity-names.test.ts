import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, nameKey, normaliseIdentity } from '../../shared/person/domain/identity-input';

describe('ФИО as identity resolution compares them (defect 4, person.norm_name)', () => {
  it('ignores letter case, «ё» against «е» and repeated or outer spaces', () => {
    expect(nameKey('  Алёна  ')).toBe('АЛЕНА');
    expect(nameKey('СЕМЁНОВ')).toBe(nameKey('семенов'));
    expect(nameKey('Ёлкина')).toBe('ЕЛКИНА');
    expect(nameKey('Римская-  Корсакова')).toBe('РИМСКАЯ- КОРСАКОВА');
    expect(nameKey('Анна\u00a0\tМария')).toBe('АННА МАРИЯ');
    expect(nameKey(undefined)).toBe('');
    expect(nameKey('   ')).toBe('');
  });

  it('still tells different names apart', () => {
    expect(nameKey('Иванов')).not.toBe(nameKey('Иванова'));
    expect(nameKey('Анна Мария')).not.toBe(nameKey('Аннамария'));
    expect(nameKey('Елена')).not.toBe(nameKey('Алёна'));
  });

  it('is idempotent and insensitive to case, «ё» and spacing for any name', () => {
    const letters = fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЕЁЯ- '.split(''));
    fc.assert(
      fc.property(
        fc.array(letters, { maxLength: 20 }).map((a) => a.join('')),
        (name) => {
          const key = nameKey(name);
          expect(nameKey(key)).toBe(key);
          expect(nameKey(`  ${name.toUpperCase().replace(/ /g, '   ')} `)).toBe(key);
          expect(nameKey(name.replace(/е/g, 'ё'))).toBe(key);
          expect(key).not.toMatch(/^\s|\s$|\s\s|ё|Ё/);
        },
      ),
    );
  });

  it('cleans names in inbound identity input: outer and repeated spaces go, letters stay as sent', () => {
    expect(cleanName('  Семёнов   Петров ')).toBe('Семёнов Петров');
    expect(cleanName(' \t ')).toBeUndefined();
    expect(
      normaliseIdentity({ fam: '  Семёнова  ', im: 'Анна   Мария', ot: '   ', birthDate: '1980-01-01' }),
    ).toMatchObject({ fam: 'Семёнова', im: 'Анна Мария', ot: undefined, birthDate: '1980-01-01' });
  });
});
