import type postgres from 'postgres';
import { type AccessContext, audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type FeedPage, feedCursor, feedLimit, feedPage } from '../../platform/exchange/feed';

/**
 * Incremental reads of telemedicine consultations for receivers' systems (SOAP `GetConsultations` with
 * `ChangedSince`): what changed after the cursor (the last `changeSeq` seen, of `consultation.change_seq`), in
 * change order, at most `limit`. A consultation moves in the feed when its request is re-sent or cancelled and when
 * its conclusion is written. Narrowed to what the caller receives — an МО the consultations it asked for and those
 * it was asked, an СМО its insured persons', the fund all — and row-level security guarantees the rest. A page is
 * audited (the records and persons read); an empty page writes nothing.
 */

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export interface FeedOptions {
  cursor?: string | undefined;
  limit: number;
}

/** A person as the reads name them. */
export interface FeedPerson {
  id: string;
  enp: string | null;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
}

/** The consulting МО's answer, once the consultation is done. */
export interface FeedConclusion {
  sourceId: string;
  consultDate: string;
  diagnosis: string | null;
  conclusion: string;
  recommendations: string | null;
}

export interface ConsultationFeedItem {
  id: string;
  sourceId: string;
  requestingMoCode: string;
  requestingMoName: string | null;
  consultingMoCode: string;
  consultingMoName: string | null;
  person: FeedPerson;
  smoCode: string | null;
  type: number;
  urgency: number;
  requestDate: string;
  diagnosis: string;
  specialty: number | null;
  question: string | null;
  referralNumber: string | null;
  status: 'requested' | 'done' | 'cancelled';
  conclusion: FeedConclusion | null;
  changeSeq: string;
}

/** The highest change sequence number (bigint): the upper end of a scope's key range. */
const lastSeq = '9223372036854775807';

interface Part {
  where: Fragment;
  order: Fragment;
}

/**
 * The caller's parts of the table after the cursor. A part of an organisation is the key range
 * `(column, change_seq) > (organisation, cursor)` of the `(column, change_seq)` index, read in that index's order:
 * the СМО's by `smo_code`; the МО's two disjoint ones — by `requesting_mo_code` (what it asked for) and by
 * `consulting_mo_code` (what it was asked, not asked by itself) — merged in change order; the fund reads
 * everything after the cursor in change order.
 */
function partsAfter(tx: Tx, who: AccessContext, after: string): Part[] {
  const range = (column: Fragment): Part => ({
    where: tx`(${column}, c.change_seq) > (${who.orgCode}, ${after}::bigint)
          and (${column}, c.change_seq) <= (${who.orgCode}, ${lastSeq}::bigint)`,
    order: tx`${column}, c.change_seq`,
  });
  if (who.orgKind === 'SMO') return [range(tx`c.smo_code`)];
  if (who.orgKind === 'MO') {
    const consulting = range(tx`c.consulting_mo_code`);
    return [
      range(tx`c.requesting_mo_code`),
      { ...consulting, where: tx`${consulting.where} and c.requesting_mo_code <> ${who.orgCode}` },
    ];
  }
  return [{ where: tx`c.change_seq > ${after}::bigint`, order: tx`c.change_seq` }];
}

/**
 * Consultations changed after the cursor within the caller's part, with both МО's names, the person and — when
 * done — the conclusion. Each part reads at most `limit` rows by its index; the page is the first `limit` of them
 * in change order. Audited.
 */
export async function consultationFeed(
  tx: Tx,
  who: AccessContext,
  options: FeedOptions,
): Promise<FeedPage<ConsultationFeedItem>> {
  const after = feedCursor(options.cursor);
  const limit = feedLimit(options.limit);
  const page = partsAfter(tx, who, after)
    .map(
      (part) => tx`(select c.id, c.change_seq from consultation.consultation c
                    where ${part.where} order by ${part.order} limit ${limit})`,
    )
    .reduce((all, part) => tx`${all} union all ${part}`);
  const items = await tx<ConsultationFeedItem[]>`
    select c.id::text, c.source_id as "sourceId",
           c.requesting_mo_code as "requestingMoCode", ro.short_name as "requestingMoName",
           c.consulting_mo_code as "consultingMoCode", co.short_name as "consultingMoName",
           json_build_object('id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot,
                             'birthDate', p.birth_date::text, 'sex', p.sex) as person,
           c.smo_code as "smoCode", c.type, c.urgency, c.request_date::text as "requestDate", c.diagnosis,
           c.specialty, c.question, c.referral_number as "referralNumber", c.status,
           case when c.status = 'done' then json_build_object(
             'sourceId', c.conclusion_source_id, 'consultDate', c.consult_date::text,
             'diagnosis', c.conclusion_diagnosis, 'conclusion', c.conclusion,
             'recommendations', c.recommendations) end as conclusion,
           c.change_seq::text as "changeSeq"
    from (select * from (${page}) parts order by change_seq limit ${limit}) page
    join consultation.consultation c on c.id = page.id
    join person.person p on p.id = c.person_id
    left join org.organisation ro on ro.code = c.requesting_mo_code
    left join org.organisation co on co.code = c.consulting_mo_code
    order by page.change_seq`;
  if (items.length > 0) {
    await audit(tx, 'read', 'consultation.consultation', {
      records: items.map((i) => i.id),
      persons: [...new Set(items.map((i) => i.person.id))],
    });
  }
  return feedPage(items, after);
}
