import type postgres from 'postgres';
import { type AccessContext, audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type FeedPage, feedCursor, feedLimit, feedPage } from '../../platform/exchange/feed';
import type { InformingReason, RequestStatus } from '../domain/codes';

/**
 * Incremental reads of the informing area for receivers' systems (SOAP `GetRequests` / `GetResults` with
 * `ChangedSince`): what changed after the cursor (the last `changeSeq` seen, of `informing.change_seq`), in change
 * order, at most `limit`. A request moves in its feed when it is re-sent or a result changes its status or
 * attempts. Narrowed to what the caller receives — requests: the СМО those routed to it, the МО those it sent, the
 * fund all; results: the СМО its own, the МО those of its requests, the fund all — and row-level security
 * guarantees the rest. A page is audited (the records and persons read); an empty page writes nothing.
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

export interface RequestFeedItem {
  id: string;
  sourceId: string;
  senderCode: string;
  person: FeedPerson;
  smoCode: string;
  reason: InformingReason;
  primary: number;
  requestDate: string;
  windowFrom: string | null;
  windowTo: string | null;
  deadline: string;
  moCode: string | null;
  districtCode: string | null;
  comment: string | null;
  status: RequestStatus;
  closedOn: string | null;
  attempts: number;
  overdue: boolean;
  generated: boolean;
  changeSeq: string;
}

export interface ResultFeedItem {
  id: string;
  sourceId: string;
  smoCode: string;
  requestId: string;
  requestSender: string;
  requestSourceId: string;
  person: FeedPerson;
  date: string;
  method: number;
  step: number;
  outcome: number;
  operator: string | null;
  changeSeq: string;
}

/** The highest change sequence number (bigint): the upper end of a scope's key range. */
const lastSeq = '9223372036854775807';

/** The person of a row joined as `p`, as one JSON value. */
const personJson = (tx: Tx) => tx`json_build_object(
  'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date::text,
  'sex', p.sex)`;

/**
 * The caller's part of a table after the cursor, given the column naming its side (null: the fund, who reads
 * everything): the key range `(column, change_seq) > (organisation, cursor)` of the table's `(column, change_seq)`
 * index, read in that index's order; the fund reads everything after the cursor in change order.
 */
function scopeAfter(
  tx: Tx,
  who: AccessContext,
  column: Fragment | null,
  seq: Fragment,
  after: string,
): { where: Fragment; order: Fragment } {
  if (!column) return { where: tx`${seq} > ${after}::bigint`, order: seq };
  return {
    where: tx`(${column}, ${seq}) > (${who.orgCode}, ${after}::bigint)
          and (${column}, ${seq}) <= (${who.orgCode}, ${lastSeq}::bigint)`,
    order: tx`${column}, ${seq}`,
  };
}

async function audited<T extends { id: string; person: FeedPerson; changeSeq: string }>(
  tx: Tx,
  entity: string,
  items: T[],
  after: string,
): Promise<FeedPage<T>> {
  if (items.length > 0) {
    await audit(tx, 'read', entity, {
      records: items.map((i) => i.id),
      persons: [...new Set(items.map((i) => i.person.id))],
    });
  }
  return feedPage(items, after);
}

/**
 * Informing requests changed after the cursor within the caller's part: the СМО's by `smo_code` (index
 * `request_smo_seq`), the МО's by `sender_code`, the fund's all. With status, attempts, deadline and the person.
 * Audited.
 */
export async function requestFeed(
  tx: Tx,
  who: AccessContext,
  options: FeedOptions,
): Promise<FeedPage<RequestFeedItem>> {
  const after = feedCursor(options.cursor);
  const column = who.orgKind === 'SMO' ? tx`r.smo_code` : who.orgKind === 'MO' ? tx`r.sender_code` : null;
  const part = scopeAfter(tx, who, column, tx`r.change_seq`, after);
  const items = await tx<RequestFeedItem[]>`
    select r.id::text, r.source_id as "sourceId", r.sender_code as "senderCode", ${personJson(tx)} as person,
           r.smo_code as "smoCode", r.reason, r.primary_inf as primary, r.request_date::text as "requestDate",
           r.window_from::text as "windowFrom", r.window_to::text as "windowTo", r.deadline::text as deadline,
           r.mo_code as "moCode", r.district_code as "districtCode", r.comment, r.status,
           r.closed_on::text as "closedOn", r.attempts,
           (r.status = 'open' and r.deadline < current_date) as overdue, r.rule_id is not null as generated,
           r.change_seq::text as "changeSeq"
    from informing.request r
    join person.person p on p.id = r.person_id
    where ${part.where}
    order by ${part.order}
    limit ${feedLimit(options.limit)}`;
  return audited(tx, 'informing.request', items, after);
}

/**
 * Informing results changed after the cursor within the caller's part: the СМО's by `smo_code` (index
 * `result_smo_seq`), the МО's — the results of the requests it sent — by `request_sender` (`result_sender_seq`),
 * the fund's all. Each names its request by our id and by its sender's id. Audited.
 */
export async function resultFeed(
  tx: Tx,
  who: AccessContext,
  options: FeedOptions,
): Promise<FeedPage<ResultFeedItem>> {
  const after = feedCursor(options.cursor);
  const column = who.orgKind === 'SMO' ? tx`s.smo_code` : who.orgKind === 'MO' ? tx`s.request_sender` : null;
  const part = scopeAfter(tx, who, column, tx`s.change_seq`, after);
  const items = await tx<ResultFeedItem[]>`
    select s.id::text, s.source_id as "sourceId", s.smo_code as "smoCode", s.request_id::text as "requestId",
           s.request_sender as "requestSender", r.source_id as "requestSourceId", ${personJson(tx)} as person,
           s.result_date::text as date, s.method, s.step, s.outcome, s.operator,
           s.change_seq::text as "changeSeq"
    from informing.result s
    join informing.request r on r.id = s.request_id
    join person.person p on p.id = s.person_id
    where ${part.where}
    order by ${part.order}
    limit ${feedLimit(options.limit)}`;
  return audited(tx, 'informing.result', items, after);
}
