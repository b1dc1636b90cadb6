import { defaultFeedLimit, maxFeedLimit } from '../../../shared/platform/exchange/feed';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { soapText } from '../../lib/soap-values';
import type { Xml } from './records-from-soap';

/**
 * `ChangedSince` + `Limit` (+ `Sent`) of a Get… request as feed options. The cursor is opaque (the feed judges
 * it): absent or empty reads from the start. A limit outside 1…1000 is the caller's mistake for the whole
 * request (a Fault).
 */
export function feedOptions(args: Xml, withSent = false) {
  const raw = args.Limit;
  const limit = raw === undefined || raw === null || raw === '' ? defaultFeedLimit : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxFeedLimit) {
    throw Refusal.request('904', `Limit должен быть целым числом от 1 до ${maxFeedLimit}`);
  }
  const cursor = soapText(args.ChangedSince) ?? '';
  const sent = withSent && (args.Sent === true || String(args.Sent ?? '').toLowerCase() === 'true');
  return { cursor, limit, ...(withSent ? { sent } : {}) };
}
