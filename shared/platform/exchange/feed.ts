import { Refusal } from '../flk/refusal';

/**
 * Incremental reads (ARCHITECTURE §2): a feed answers what changed after a cursor — the last `changeSeq` the
 * reader saw, an area's change sequence — in change order, one bounded page at a time, with the cursor to
 * continue from. The same on SOAP (`ChangedSince`/`NextCursor`) and REST (`cursor`/`nextCursor`).
 */
export interface FeedPage<T> {
  items: T[];
  nextCursor: string;
}

export const defaultFeedLimit = 100;
export const maxFeedLimit = 1000;

/** The change sequence to read after: absent or empty reads from the start; anything but a number is refused. */
export function feedCursor(cursor: string | undefined): string {
  if (!cursor) return '0';
  if (!/^\d{1,18}$/.test(cursor)) {
    throw Refusal.request(
      '904',
      'Неверный курсор: передайте курсор из ответа предыдущего запроса',
      'cursor',
      cursor.slice(0, 40),
    );
  }
  return cursor;
}

/** A page of items carrying their `changeSeq`; the next cursor is the last item's, or the same when empty. */
export function feedPage<T extends { changeSeq: string }>(items: T[], after: string): FeedPage<T> {
  return { items, nextCursor: items.at(-1)?.changeSeq ?? after };
}

export function feedLimit(limit: number): number {
  return Math.max(1, Math.min(limit, maxFeedLimit));
}
