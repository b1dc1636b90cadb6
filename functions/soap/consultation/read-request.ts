import { defaultFeedLimit, maxFeedLimit } from '../../../shared/platform/exchange/feed';
import { integerProblem } from '../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { soapText } from '../../lib/soap-values';
import type { Xml } from './records-from-soap';

/**
 * `ChangedSince` + `Limit` of GetConsultations as feed options, checked as the REST query of a feed: a limit out
 * of its bounds or not a number is the caller's mistake for the whole request (a Fault with its F012 code naming
 * `Limit`). The cursor is opaque (the feed judges it): absent reads from the start.
 */
export function feedOptions(args: Xml) {
  const cursor = soapText(args.ChangedSince) ?? '';
  const text = soapText(args.Limit);
  if (text === undefined) return { cursor, limit: defaultFeedLimit };
  const problem = integerProblem(text, 1, maxFeedLimit);
  if (problem) throw Refusal.request(problem.code, `Limit: ${problem.message}`, 'Limit', text);
  return { cursor, limit: Number(text) };
}
