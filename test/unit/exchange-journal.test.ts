import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worklistsFor } from '../../shared/hospitalisation/domain/worklists';
import { groupIssues, protocolCsv } from '../../shared/platform/exchange/journal-protocol';
import type { JournalIssue } from '../../shared/platform/exchange/journal-source';

const issue = (over: Partial<JournalIssue>): JournalIssue => ({
  ordinal: 1,
  recordId: 'R-1',
  code: '904',
  severity: 'error',
  field: 'freeTotal',
  value: null,
  message: 'Неверное значение',
  ...over,
});

const issueArbitrary = fc.record({
  ordinal: fc.integer({ min: 0, max: 30 }),
  recordId: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
  code: fc.constantFrom('902', '903', '904', '905'),
  severity: fc.constantFrom('error' as const, 'warning' as const),
  field: fc.option(fc.constantFrom('date', 'freeTotal', 'patient.enp'), { nil: null }),
  value: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  message: fc.string({ minLength: 1, maxLength: 20 }),
});

describe('a package protocol grouped by FLK code and field (the exchange journal)', () => {
  it('counts findings and distinct records per code and field, errors first, then the most frequent', () => {
    // Prepare
    const issues = [
      issue({ ordinal: 1, code: '906', field: 'date', severity: 'warning' }),
      issue({ ordinal: 1 }),
      issue({ ordinal: 2 }),
      issue({ ordinal: 2 }),
      issue({ ordinal: 3, code: '902', field: null, message: 'Нет записи' }),
    ];

    // Act
    const groups = groupIssues(issues);

    // Assess
    expect(groups.map((g) => [g.code, g.field, g.severity, g.findings, g.records, g.ordinals])).toEqual([
      ['904', 'freeTotal', 'error', 3, 2, [1, 2]],
      ['902', null, 'error', 1, 1, [3]],
      ['906', 'date', 'warning', 1, 1, [1]],
    ]);
  });

  it('keeps every finding: the groups add up to the findings and the records to the distinct ones per group', () => {
    fc.assert(
      fc.property(fc.array(issueArbitrary, { maxLength: 60 }), (issues) => {
        // Act
        const groups = groupIssues(issues);

        // Assess
        expect(groups.reduce((sum, g) => sum + g.findings, 0)).toBe(issues.length);
        for (const g of groups) {
          const mine = issues.filter((i) => i.code === g.code && i.field === g.field);
          expect(g.records).toBe(new Set(mine.map((i) => i.ordinal)).size);
          expect(g.ordinals.length).toBe(Math.min(10, g.records));
        }
      }),
    );
  });

  it('writes one CSV line per finding under a Russian header, the package itself as «пакет»', () => {
    // Act
    const csv = protocolCsv([
      issue({ ordinal: 0, field: null, value: '=1+1' }),
      issue({ severity: 'warning' }),
    ]);

    // Assess
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'Запись;Идентификатор записи;Код ФЛК;Поле;Значение;Важность;Сообщение',
      "пакет;R-1;904;;'=1+1;ошибка;Неверное значение",
      '1;R-1;904;freeTotal;;предупреждение;Неверное значение',
    ]);
  });
});

describe('home-page worklists by organisation', () => {
  it('gives a polyclinic its referrals and patients, a hospital also what to admit and report, an СМО its insured', () => {
    // Act
    const polyclinic = worklistsFor('MO', false).map((w) => w.id);
    const hospital = worklistsFor('MO', true).map((w) => w.id);
    const smo = worklistsFor('SMO', false).map((w) => w.id);

    // Assess
    expect(polyclinic).toEqual([
      'sent-overdue',
      'sent-expiring',
      'sent-cancelled-by-others',
      'admitted-week',
      'discharged-week',
    ]);
    expect(hospital).toEqual([
      'to-admit-today',
      'incoming-overdue',
      'not-reported-today',
      'in-hospital',
      ...polyclinic,
    ]);
    expect(smo).toEqual(['overdue', 'cancelled-recent', 'admitted-recent', 'discharged-recent']);
    expect(worklistsFor('TFOMS', false)).toEqual([]);
  });
});
