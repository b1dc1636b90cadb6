import type postgres from 'postgres';
import type { AccessContext } from '../../platform/access/scoped';
import { audit, withCaller } from '../../platform/access/scoped';
import type { Db, Sql, Tx } from '../../platform/db/connection';
import { type FeedPage, feedCursor, feedLimit, feedPage } from '../../platform/exchange/feed';
import {
  type AdmissionView,
  type FreeBedsView,
  type PersonBrief,
  pageIds,
  type ReferralView,
  type RowsOf,
  selectFreeBeds,
  showAdmissions,
  showReferrals,
} from './views';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export type FeedName = 'referrals' | 'admissions' | 'events' | 'free-beds';
export const feedNames: readonly FeedName[] = ['referrals', 'admissions', 'events', 'free-beds'];

export interface EventView {
  id: string;
  at: Date;
  entity: 'referral' | 'stay';
  entityId: string;
  event: string;
  orgCode: string | null;
  details: Record<string, unknown> | null;
  person: PersonBrief | null;
  changeSeq: string;
}

/** The highest change sequence number (bigint): the upper end of a scope's key range. */
const lastSeq = '9223372036854775807';

/** Events by id, in the order given (within the caller's scope), with the person they concern. */
async function showEvents(tx: Tx, ids: readonly string[]): Promise<EventView[]> {
  if (ids.length === 0) return [];
  return tx<EventView[]>`
    select e.id::text, e.at, e.entity, e.entity_id::text as "entityId", e.event, e.org_code as "orgCode", e.details,
           case when p.id is null then null else json_build_object(
             'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date,
             'sex', p.sex) end as person,
           e.change_seq::text as "changeSeq"
    from unnest(${ids}::bigint[]) with ordinality as page (id, n)
    join hosp.event e on e.id = page.id
    left join person.person p on p.id = e.person_id
    order by page.n`;
}

/**
 * The ids of a feed page, planned for the cursor at hand. The statement is prepared per connection, and after five
 * calls PostgreSQL may keep a generic plan for it: with the organisation and the cursor unknown, the key range's
 * row comparison gets a default estimate, and the plan it chose read the hospital's referrals through
 * (to_mo_code, planned_date) and sorted all of them — 350–530 ms a page with 135,000 referrals of that hospital,
 * 14 pages/s at 16 connections, against 0.2 ms on (to_mo_code, change_seq). Planning this small statement per call
 * costs about a millisecond; the page's rows are then shown by a statement whose cached plan serves every page.
 */
async function feedPageIds(tx: Tx, table: Fragment, alias: Fragment, rows: RowsOf): Promise<string[]> {
  await tx`select set_config('plan_cache_mode', 'force_custom_plan', true)`;
  const ids = await pageIds(tx, table, alias, rows);
  await tx`select set_config('plan_cache_mode', 'auto', true)`;
  return ids;
}

/**
 * Incremental reads for receivers: what changed after `cursor` (the last `changeSeq` seen), in change order, at
 * most `limit`. Each feed narrows to what the caller receives; row-level security guarantees the rest:
 * - referrals: an МО the ones addressed to it (`sent`: the ones it sent); an СМО its insured persons'; ТФОМС all;
 * - admissions: an МО the stays of its referrals (`sent`: its own as a hospital); an СМО its insured; ТФОМС all;
 * - events: every change about the caller's referrals/stays (an СМО: its insured persons' story);
 * - free-beds: the region's free beds.
 */
export async function readFeed(
  tx: Tx,
  who: AccessContext,
  feed: FeedName,
  options: { cursor?: string; limit: number; sent?: boolean },
): Promise<FeedPage<ReferralView | AdmissionView | FreeBedsView | EventView>> {
  const after = feedCursor(options.cursor);
  const limit = feedLimit(options.limit);
  const org = who.orgCode;
  const mo = who.orgKind === 'MO';
  const smo = who.orgKind === 'SMO';
  let items: (ReferralView | AdmissionView | FreeBedsView | EventView)[];
  // A scoped feed is the key range (scope, change_seq) > (organisation, cursor) of its index, read in that index's
  // order. (As `scope = org and change_seq > cursor` the planner may walk the region-wide change_seq index instead
  // and filter the scope, which looks cheap because that index follows the table's physical order — and reads the
  // whole rest of the region when the scope has few rows after the cursor.)
  const range = (column: Fragment, seq: Fragment) => ({
    where: tx`(${column}, ${seq}) > (${org}, ${after}::bigint) and (${column}, ${seq}) <= (${org}, ${lastSeq}::bigint)`,
    order: tx`${column}, ${seq}`,
  });
  if (feed === 'referrals') {
    const scoped = mo
      ? range(options.sent ? tx`r.from_mo_code` : tx`r.to_mo_code`, tx`r.change_seq`)
      : smo
        ? range(tx`r.smo_code`, tx`r.change_seq`)
        : { where: tx`r.change_seq > ${after}::bigint`, order: tx`r.change_seq` };
    items = await showReferrals(tx, await feedPageIds(tx, tx`hosp.referral`, tx`r`, { ...scoped, limit }));
  } else if (feed === 'admissions') {
    const scoped = mo
      ? range(options.sent ? tx`s.mo_code` : tx`s.referring_mo_code`, tx`s.change_seq`)
      : smo
        ? range(tx`s.smo_code`, tx`s.change_seq`)
        : { where: tx`s.change_seq > ${after}::bigint`, order: tx`s.change_seq` };
    items = await showAdmissions(tx, await feedPageIds(tx, tx`hosp.stay`, tx`s`, { ...scoped, limit }));
  } else if (feed === 'events') {
    // An МО's events are those of its referrals and stays on either side: two disjoint ranges, merged.
    const fromSide = range(tx`e.from_mo_code`, tx`e.change_seq`);
    const toSide = range(tx`e.to_mo_code`, tx`e.change_seq`);
    const parts = smo
      ? [range(tx`e.smo_code`, tx`e.change_seq`)]
      : mo
        ? [fromSide, { ...toSide, where: tx`${toSide.where} and e.from_mo_code is distinct from ${org}` }]
        : [{ where: tx`e.change_seq > ${after}::bigint`, order: tx`e.change_seq` }];
    const ids = await feedPageIds(tx, tx`hosp.event`, tx`e`, {
      where: parts,
      order: tx`e.change_seq`,
      limit,
    });
    items = await showEvents(tx, ids);
  } else {
    items = await selectFreeBeds(tx, tx`b.change_seq > ${after}::bigint`, tx`b.change_seq`, limit);
  }
  const persons = items.flatMap((i) => ('person' in i && i.person ? [i.person.id] : []));
  // A page of nothing read nothing: no audit entry (a system polling every few minutes would write one a poll,
  // each maintaining the audit indexes, while nobody's data was read). Every page with records is audited.
  if (persons.length > 0 || (feed !== 'free-beds' && items.length > 0)) {
    await audit(tx, 'read', `hosp.feed.${feed}`, {
      records: items.map(itemId),
      persons: [...new Set(persons)],
    });
  }
  return feedPage(items, after);
}

function itemId(item: ReferralView | AdmissionView | FreeBedsView | EventView): string {
  return 'id' in item ? item.id : `${item.moCode}/${item.departmentCode}/${item.bedProfile}/${item.date}`;
}

/**
 * Does the feed hold anything after `cursor` for the caller? One statement (migrations 026, 027), in the caller's
 * context and under row-level security like every read; false is never wrong (true may still read an empty page).
 */
export async function feedHasNews(
  sql: Db,
  who: AccessContext,
  feed: FeedName,
  cursor: string,
  sent = false,
): Promise<boolean> {
  const [row] = await sql<{ news: boolean }[]>`
    select hosp.feed_has_news(${who.username}, ${who.orgCode}, ${who.orgKind}, ${who.role}, ${who.channel},
                              ${who.requestId ?? ''}, ${feed}, ${sent}, ${cursor}::bigint) as news`;
  return row!.news;
}

/**
 * A feed page as a receiver polls it: most polls find nothing new, and those cost one statement
 * (`feedHasNews`) instead of a transaction; the others read the page in the caller's transaction (`readFeed`).
 */
export async function readFeedPage(
  sql: Sql,
  who: AccessContext,
  feed: FeedName,
  options: { cursor?: string; limit: number; sent?: boolean },
): Promise<FeedPage<ReferralView | AdmissionView | FreeBedsView | EventView>> {
  const after = feedCursor(options.cursor);
  const sent = who.orgKind === 'MO' && options.sent === true;
  if (!(await feedHasNews(sql, who, feed, after, sent))) return feedPage([], after);
  return withCaller(sql, who, (tx) => readFeed(tx, who, feed, options));
}
