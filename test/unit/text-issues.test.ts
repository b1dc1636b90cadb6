import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unusableTextIssues } from '../../shared/platform/flk/text-issues';

describe('unusable text at the edge', () => {
  it('finds NUL, U+FFFD and unpaired surrogates wherever they are, with the field path', () => {
    // Act
    const issues = unusableTextIssues({ a: 'ok', b: ['x', 'bad\u0000'], c: { d: '\uFFFD' }, e: '\ud800' });

    // Assess
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['b.1', '903'],
      ['c.d', '903'],
      ['e', '903'],
    ]);
  });

  it('accepts every well-formed string, Cyrillic and astral characters included', () => {
    // Assess
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(!s.includes('\u0000') && !s.includes('\uFFFD'));
        expect(unusableTextIssues({ s, ru: 'Воробьёв', emoji: '😀' })).toEqual([]);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });
});
