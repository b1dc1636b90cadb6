import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { russianCount } from '../../shared/platform/formats/russian-count';

describe('russianCount', () => {
  it('writes whole numbers as toLocaleString("ru-RU") does, without loading the locale', () => {
    // Assess
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(russianCount(n)).toBe(n.toLocaleString('ru-RU'));
      }),
    );
    expect(russianCount(10_000)).toBe('10\u00a0000');
    expect(russianCount(999)).toBe('999');
  });
});
