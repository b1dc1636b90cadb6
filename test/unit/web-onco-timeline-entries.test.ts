import { describe, expect, it } from 'vitest';
import { isZno } from '../../shared/registry/domain/onco-diagnosis';
import {
  consultationsOfView,
  isOncoConsultation,
  isOncoDiagnosisCode,
  timelineEntries,
} from '../../web/src/pages/registry/onco/timeline-entries';

/** The onco person page's timeline (issue 14): consultations among the register's cases, and which are onco. */

const consultation = (
  id: string,
  requestDate: string,
  diagnosis: string,
  conclusionDiagnosis: string | null = null,
) => ({
  id,
  requestDate,
  diagnosis,
  conclusionDiagnosis,
});
const aCase = (id: string, dateFrom: string) => ({ id, dateFrom });

describe('isOncoDiagnosisCode', () => {
  it('agrees with the register’s ЗНО test on every three-character heading C00–D99', () => {
    for (const letter of ['C', 'D']) {
      for (let n = 0; n < 100; n++) {
        const code = `${letter}${String(n).padStart(2, '0')}.1`;
        expect(isOncoDiagnosisCode(code), code).toBe(isZno(code));
      }
    }
  });

  it('counts Z03.1 (observation at suspected ЗНО) and nothing else outside C/D; reads codes as typed', () => {
    expect(isOncoDiagnosisCode('Z03.1')).toBe(true);
    expect(isOncoDiagnosisCode(' c50.4 ')).toBe(true);
    expect(isOncoDiagnosisCode('Z03.0')).toBe(false);
    expect(isOncoDiagnosisCode('D45')).toBe(false);
    expect(isOncoDiagnosisCode('I25.1')).toBe(false);
    expect(isOncoDiagnosisCode('')).toBe(false);
    expect(isOncoDiagnosisCode(null)).toBe(false);
  });
});

describe('consultationsOfView', () => {
  const items = [
    consultation('1', '2026-03-01', 'I25.1'),
    consultation('2', '2026-03-02', 'C50.4'),
    consultation('3', '2026-03-03', 'R92', 'D05.1'),
  ];

  it('shows every consultation with every case, the onco ones with the onco cases, none by the profile', () => {
    expect(consultationsOfView('all', items).map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(consultationsOfView('onco', items).map((c) => c.id)).toEqual(['2', '3']);
    expect(consultationsOfView('oncologyProfile', items)).toEqual([]);
  });

  it('an onco consultation is one asked about an onco diagnosis or concluded with one', () => {
    expect(isOncoConsultation(items[1]!)).toBe(true);
    expect(isOncoConsultation(items[2]!)).toBe(true);
    expect(isOncoConsultation(items[0]!)).toBe(false);
  });
});

describe('timelineEntries', () => {
  it('interleaves consultations (newest first from the API) with the cases by date, cases first on a tie', () => {
    // Arrange
    const cases = [aCase('c1', '2026-02-01'), aCase('c2', '2026-03-10'), aCase('c3', '2026-03-10')];
    const consultations = [
      consultation('9', '2026-04-01', 'C50.4'),
      consultation('10', '2026-03-10', 'C50.4'),
      consultation('8', '2026-03-10', 'C50.4'),
      consultation('7', '2026-01-15', 'C50.4'),
    ];

    // Act
    const entries = timelineEntries(cases, consultations);

    // Assess
    expect(entries.map((e) => `${e.kind}:${e.item.id}@${e.date}`)).toEqual([
      'consultation:7@2026-01-15',
      'case:c1@2026-02-01',
      'case:c2@2026-03-10',
      'case:c3@2026-03-10',
      'consultation:8@2026-03-10',
      'consultation:10@2026-03-10',
      'consultation:9@2026-04-01',
    ]);
  });

  it('keeps the cases as they are without consultations, and the consultations alone without cases', () => {
    expect(
      timelineEntries([aCase('b', '2026-05-01'), aCase('a', '2026-05-01')], []).map((e) => e.item.id),
    ).toEqual(['b', 'a']);
    expect(
      timelineEntries(
        [],
        [consultation('2', '2026-05-02', 'C50'), consultation('1', '2026-05-01', 'C50')],
      ).map((e) => e.item.id),
    ).toEqual(['1', '2']);
  });
});
