import type { Tx } from '../../platform/db/connection';
import {
  type JournalIssue,
  type JournalSource,
  journalConditions,
} from '../../platform/exchange/journal-source';

/**
 * ЕРЗ extracts in the exchange journal: `ops.erz_import` (migration 003) with its findings in
 * `ops.erz_import_error`. Row-level security shows them to the fund only. A file's status says where it is
 * (queued, processing …); once applied, its counts say whether it was accepted whole or in part.
 */
export const erzJournal: JournalSource = {
  id: 'erz',
  title: 'ЕРЗ',
  kinds: { 'erz-extract': 'Выгрузка ЕРЗ' },
  entries(tx, f, limit) {
    const status = tx`(case
      when e.status = 'done' and (e.counts->>'rejected')::int = 0 then 'accepted'
      when e.status = 'done' and (e.counts->>'accepted')::int = 0 then 'rejected'
      when e.status = 'done' then 'partially_accepted'
      when e.status in ('queued', 'processing') then 'processing'
      else e.status end)`;
    const where = journalConditions(tx, f, {
      id: tx`e.id`,
      receivedAt: tx`e.received_at`,
      sender: tx`e.org_code`,
      channel: tx`e.channel`,
      kind: tx`'erz-extract'`,
      status,
    });
    return tx`
      select e.id, coalesce(e.package_id, e.file_name) as package_id, e.received_at, e.org_code as sender_code,
             e.channel, 'erz-extract' as kind, ${status} as status, (e.counts->>'total')::int as total,
             (e.counts->>'accepted')::int as accepted, (e.counts->>'rejected')::int as rejected
      from ops.erz_import e where ${where}
      ${limit === null ? tx`` : tx`order by e.received_at desc, e.id desc limit ${limit}`}`;
  },
  issues: (tx: Tx, id: string, limit: number) => tx<JournalIssue[]>`
    select ordinal, record_id as "recordId", code, severity, field, value, message
    from ops.erz_import_error where import_id = ${id}::bigint
    order by ordinal, seq
    limit ${limit}`,
};
