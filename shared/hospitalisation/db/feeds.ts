import type { AccessContext } from '../../platform/access/scoped';
import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type FeedPage, feedCursor, feedLimit, feedPage } from '../../platform/exchange/feed';
import {
  type AdmissionView,
  type FreeBedsView,
  type PersonBrief,
  type ReferralView,
  selectAdmissions,
  selectFreeBeds,
  selectReferrals,
} from './views';

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
  if (feed === 'referrals') {
    const scope = mo
      ? options.sent
        ? tx`r.from_mo_code = ${org}`
        : tx`r.to_mo_code = ${org}`
      : smo
        ? tx`r.smo_code = ${org}`
        : tx`true`;
    items = await selectReferrals(tx, tx`r.change_seq > ${after} and ${scope}`, tx`r.change_seq`, limit);
  } else if (feed === 'admissions') {
    const scope = mo
      ? options.sent
        ? tx`s.mo_code = ${org}`
        : tx`s.referring_mo_code = ${org}`
      : smo
        ? tx`s.smo_code = ${org}`
        : tx`true`;
    items = await selectAdmissions(tx, tx`s.change_seq > ${after} and ${scope}`, tx`s.change_seq`, limit);
  } else if (feed === 'events') {
    const scope = smo
      ? tx`e.smo_code = ${org}`
      : mo
        ? tx`(e.from_mo_code = ${org} or e.to_mo_code = ${org})`
        : tx`true`;
    items = await tx<EventView[]>`
      select e.id::text, e.at, e.entity, e.entity_id::text as "entityId", e.event, e.org_code as "orgCode", e.details,
             case when p.id is null then null else json_build_object(
               'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date,
               'sex', p.sex) end as person,
             e.change_seq::text as "changeSeq"
      from hosp.event e left join person.person p on p.id = e.person_id
      where e.change_seq > ${after} and ${scope}
      order by e.change_seq limit ${limit}`;
  } else {
    items = await selectFreeBeds(tx, tx`b.change_seq > ${after}`, tx`b.change_seq`, limit);
  }
  const persons = items.flatMap((i) => ('person' in i && i.person ? [i.person.id] : []));
  if (persons.length > 0 || feed !== 'free-beds') {
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
