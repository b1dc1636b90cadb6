import { defaultFeedLimit, maxFeedLimit } from '../../../shared/platform/exchange/feed';
import { integerProblem } from '../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { soapText } from '../../lib/soap-values';
import type { Xml } from './records-from-soap';

/**
 * `ChangedSince` + `Limit` (+ `Sent`) of a Get… request as feed options. The cursor is opaque (the feed judges
 * it): absent or empty reads from the start. A limit that is not an integer from 1 to 1000 (`12abc`, `1.5`,
 * twenty digits) is the caller's mistake for the whole request (a Fault with its F012 code).
 */
export function feedOptions(args: Xml, withSent = false) {
  const raw = soapText(args.Limit);
  const problem = raw === undefined ? null : integerProblem(raw, 1, maxFeedLimit);
  if (problem) {
    throw Refusal.request(problem.code, `Limit: ${problem.message}`, 'Limit', raw);
  }
  const limit = raw === undefined ? defaultFeedLimit : Number(raw);
  const cursor = soapText(args.ChangedSince) ?? '';
  const sent = withSent && (args.Sent === true || String(args.Sent ?? '').toLowerCase() === 'true');
  return { cursor, limit, ...(withSent ? { sent } : {}) };
}
