import type { Tx } from '../../platform/db/connection';
import {
  type JournalIssue,
  type JournalSource,
  journalConditions,
} from '../../platform/exchange/journal-source';

/**
 * The hospitalisation packages in the exchange journal: `hosp.package` (migration 006), one row per package of
 * every channel — SOAP, REST, the web UI and the packages a T-file makes. Row-level security shows a package to
 * its sender and to the fund.
 */
export const hospitalisationJournal: JournalSource = {
  id: 'hosp',
  title: 'Госпитализация',
  kinds: {
    referral: 'Направления',
    cancellation: 'Аннулирование направлений',
    admission: 'Госпитализации',
    movement: 'Переводы',
    discharge: 'Выписки',
    'free-beds': 'Свободные места',
    plan: 'План госпитализации',
  },
  entries(tx, f, limit) {
    const where = journalConditions(tx, f, {
      id: tx`p.id`,
      receivedAt: tx`p.received_at`,
      sender: tx`p.sender_code`,
      channel: tx`p.channel`,
      kind: tx`p.kind`,
      status: tx`p.status`,
    });
    return tx`
      select p.id, p.package_id, p.received_at, p.sender_code, p.channel, p.kind, p.status, p.total, p.accepted,
             p.rejected
      from hosp.package p where ${where}
      ${limit === null ? tx`` : tx`order by p.received_at desc, p.id desc limit ${limit}`}`;
  },
  issues: (tx: Tx, id: string, limit: number) => tx<JournalIssue[]>`
    select (r.value->>'ordinal')::int as ordinal, r.value->>'sourceId' as "recordId", i.value->>'code' as code,
           i.value->>'severity' as severity, i.value->>'field' as field, i.value->>'value' as value,
           i.value->>'message' as message
    from hosp.package p
    cross join lateral jsonb_array_elements(p.protocol->'records') with ordinality r(value, n)
    cross join lateral jsonb_array_elements(r.value->'issues') with ordinality i(value, m)
    where p.id = ${id}::bigint
    order by r.n, i.m
    limit ${limit}`,
};
