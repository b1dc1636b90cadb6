import { describe, expect, it } from 'vitest';
import {
  AuditFilter,
  auditExportFileName,
  describeFilterForAudit,
} from '../../shared/audit/domain/audit-filter';
import { decodeAuditCursor, encodeAuditCursor } from '../../shared/audit/domain/audit-paging';
import { AuditSearchQuery } from '../../shared/audit/domain/audit-query';
import { auditCsvHeader } from '../../shared/audit/formats/audit-csv';
import { csvLine } from '../../shared/platform/formats/csv-writer';

describe('audit CSV', () => {
  it('quotes separators, quotes and line breaks, and disarms spreadsheet formulas', () => {
    // Act
    const line = csvLine(['plain', 'a;b', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '-1', 42, null]);

    // Assess
    expect(line).toBe('plain;"a;b";"say ""hi""";"two\nlines";"\'=HYPERLINK(""x"")";\'-1;42;\r\n');
  });

  it('starts with a UTF-8 byte-order mark and Russian headers', () => {
    // Act
    const header = auditCsvHeader();

    // Assess
    expect(header.charCodeAt(0)).toBe(0xfeff);
    expect(header).toContain(';Пользователь;Код организации;Организация;Роль;Канал;Действие;');
  });
});

describe('audit filters and paging', () => {
  it('accepts days and moments with an offset, lower-cases the user, drops empty values', () => {
    // Act
    const filter = AuditFilter.parse({
      from: '2026-03-01',
      to: '2026-03-31T23:59:59+03:00',
      username: ' Test_MO ',
      channel: '',
      personId: '17',
    });

    // Assess
    expect(filter).toEqual({
      from: '2026-03-01',
      to: '2026-03-31T23:59:59+03:00',
      username: 'test_mo',
      personId: 17,
    });
    expect(describeFilterForAudit(filter)).toEqual({
      from: '2026-03-01',
      to: '2026-03-31T23:59:59+03:00',
      username: 'test_mo',
    });
    expect(auditExportFileName(filter, '2026-04-02')).toBe('audit-2026-03-01-2026-03-31.csv');
    expect(auditExportFileName({}, '2026-04-02')).toBe('audit-all-2026-04-02.csv');
  });

  it('refuses dates in other forms, unknown actions and roles', () => {
    // Act
    const results = [
      AuditFilter.safeParse({ from: '01.03.2026' }),
      AuditFilter.safeParse({ to: '2026-02-30' }),
      AuditFilter.safeParse({ action: 'steal' }),
      AuditFilter.safeParse({ role: 'boss' }),
      AuditFilter.safeParse({ orgCode: "99' or 1=1" }),
    ];

    // Assess
    expect(results.map((r) => r.success)).toEqual([false, false, false, false, false]);
  });

  it('round-trips a keyset cursor with microseconds and rejects forged ones', () => {
    // Prepare
    const cursor = { at: '2026-03-01T10:00:00.123456Z', id: '9007199254740993' };

    // Act
    const decoded = decodeAuditCursor(encodeAuditCursor(cursor));
    const query = AuditSearchQuery.safeParse({ after: Buffer.from('x|1').toString('base64url') });

    // Assess
    expect(decoded).toEqual(cursor);
    expect(decodeAuditCursor('not-a-cursor')).toBeNull();
    expect(query.success).toBe(false);
  });

  it('keeps page paging within the first 10,000 entries', () => {
    // Act
    const last = AuditSearchQuery.safeParse({ page: '50', pageSize: '200' });
    const beyond = AuditSearchQuery.safeParse({ page: '51', pageSize: '200' });

    // Assess
    expect(last.success).toBe(true);
    expect(beyond.success).toBe(false);
  });
});
