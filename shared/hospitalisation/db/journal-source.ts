import type { Tx } from '../../platform/db/connection';
import {
  type JournalIssue,
  type JournalSource,
  journalConditions,
  packageTableJournal,
} from '../../platform/exchange/journal-source';

/**
 * The hospitalisation packages in the exchange journal: `hosp.package` (migration 006), one row per package of
 * every channel — SOAP, REST, the web UI and the packages a T-file makes. Row-level security shows a package to
 * its sender and to the fund.
 */
export const hospitalisationJournal: JournalSource = packageTableJournal({
  id: 'hosp',
  title: 'Госпитализация',
  table: 'hosp.package',
  kinds: {
    referral: 'Направления',
    cancellation: 'Аннулирование направлений',
    admission: 'Госпитализации',
    movement: 'Переводы',
    discharge: 'Выписки',
    'free-beds': 'Свободные места',
    plan: 'План госпитализации',
  },
});

/**
 * T-files that made no package (yet): refused whole, failed, repeated, or still queued — `hosp.t_file`
 * (migration 007). A file read to the end is in the journal as the packages it made (above), so it is not
 * listed twice. Such a file's records were not counted (it was not read to the end): its counts are unknown, not
 * zero. Row-level security shows a file to its organisation and to the fund.
 */
export const tFileJournal: JournalSource = {
  id: 'tfile',
  title: 'Госпитализация',
  kinds: {
    referral: 'Направления',
    admission: 'Госпитализации',
    cancellation: 'Аннулирование направлений',
    discharge: 'Выписки',
    'free-beds': 'Свободные места',
    't-file': 'Файл T (вид не определён)',
  },
  entries(tx, f, limit) {
    // A file refused before its header was read is known by its name's type.
    const kind = tx`(case coalesce(t.file_type, upper(substring(t.file_name from '^[Tt][1-6]'))) when 'T1' then 'referral' when 'T2' then 'admission'
      when 'T3' then 'admission' when 'T4' then 'cancellation' when 'T5' then 'discharge'
      when 'T6' then 'free-beds' else 't-file' end)`;
    const status = tx`(case when t.status in ('queued', 'processing') then 'processing' else t.status end)`;
    const where = journalConditions(tx, f, {
      id: tx`t.id`,
      receivedAt: tx`t.received_at`,
      sender: tx`t.org_code`,
      channel: tx`'file'`,
      kind,
      status,
    });
    return tx`
      select t.id, t.file_name as package_id, t.received_at, t.org_code as sender_code, 'file' as channel,
             ${kind} as kind, ${status} as status, null::int as total, null::int as accepted,
             null::int as rejected
      from hosp.t_file t where t.status <> 'done' and ${where}
      ${limit === null ? tx`` : tx`order by t.received_at desc, t.id desc limit ${limit}`}`;
  },
  issues: (tx: Tx, id: string, limit: number) => tx<JournalIssue[]>`
    select 0 as ordinal, null as "recordId", i.value->>'code' as code, i.value->>'severity' as severity,
           i.value->>'field' as field, i.value->>'value' as value, i.value->>'message' as message
    from hosp.t_file t
    cross join lateral jsonb_array_elements(coalesce(t.package_issues, '[]'::jsonb)) i(value)
    where t.id = ${id}::bigint
    union all
    select (r.value->>'ordinal')::int, r.value->>'sourceId', i.value->>'code', i.value->>'severity',
           i.value->>'field', i.value->>'value', i.value->>'message'
    from hosp.t_file t
    cross join lateral jsonb_array_elements(coalesce(t.protocol, '[]'::jsonb)) r(value)
    cross join lateral jsonb_array_elements(r.value->'issues') i(value)
    where t.id = ${id}::bigint
    order by 1
    limit ${limit}`,
};
