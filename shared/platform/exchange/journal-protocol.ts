import { csvLine, utf8Bom } from '../formats/csv-writer';
import type { JournalIssue } from './journal-source';

/** The findings of one FLK code on one field, as the journal shows a package's protocol. */
export interface IssueGroup {
  code: string;
  field: string | null;
  severity: 'error' | 'warning';
  /** The rule's message (the first finding's: one code on one field says one thing). */
  message: string;
  /** How many findings, and about how many records (a record may repeat a finding). */
  findings: number;
  records: number;
  /** The first records it is about (their positions in the package), for a look. */
  ordinals: number[];
}

const shownOrdinals = 10;

/** Groups a protocol's findings by FLK code and field: errors first, then the most frequent. */
export function groupIssues(issues: readonly JournalIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup & { seen: Set<number> }>();
  for (const issue of issues) {
    const key = `${issue.code}\u0000${issue.field ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        code: issue.code,
        field: issue.field,
        severity: issue.severity,
        message: issue.message,
        findings: 0,
        records: 0,
        ordinals: [],
        seen: new Set(),
      };
      groups.set(key, group);
    }
    group.findings += 1;
    if (issue.severity === 'error') group.severity = 'error';
    if (!group.seen.has(issue.ordinal)) {
      group.seen.add(issue.ordinal);
      group.records += 1;
      if (group.ordinals.length < shownOrdinals) group.ordinals.push(issue.ordinal);
    }
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...group }) => group)
    .sort(
      (a, b) =>
        Number(b.severity === 'error') - Number(a.severity === 'error') ||
        b.findings - a.findings ||
        a.code.localeCompare(b.code) ||
        (a.field ?? '').localeCompare(b.field ?? ''),
    );
}

const csvHeader = ['Запись', 'Идентификатор записи', 'Код ФЛК', 'Поле', 'Значение', 'Важность', 'Сообщение'];

/** A package's protocol as a CSV file (UTF-8 with BOM, `;`-separated): one line per finding. */
export function protocolCsv(issues: readonly JournalIssue[]): string {
  return [
    utf8Bom,
    csvLine(csvHeader),
    ...issues.map((i) =>
      csvLine([
        i.ordinal === 0 ? 'пакет' : i.ordinal,
        i.recordId,
        i.code,
        i.field,
        i.value,
        i.severity === 'error' ? 'ошибка' : 'предупреждение',
        i.message,
      ]),
    ),
  ].join('');
}
