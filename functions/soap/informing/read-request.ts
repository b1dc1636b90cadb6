import { type InformingReason, informingReasons } from '../../../shared/informing/domain/codes';
import { defaultFeedLimit, maxFeedLimit } from '../../../shared/platform/exchange/feed';
import { dateProblem, integerProblem } from '../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { soapDate, soapText } from '../../lib/soap-values';
import type { Xml } from './records-from-soap';

/**
 * The elements of the Get… requests of InformingService, each checked as the REST query of the same read: a value
 * out of its bounds or of the wrong form is the caller's mistake for the whole request (a Fault with its F012 code
 * naming the element); an absent optional element means "no filter" or the default.
 */

/** `ChangedSince` + `Limit` as feed options. The cursor is opaque (the feed judges it): absent reads from the start. */
export function feedOptions(args: Xml) {
  const text = soapText(args.Limit);
  if (text === undefined) return { cursor: soapText(args.ChangedSince) ?? '', limit: defaultFeedLimit };
  const problem = integerProblem(text, 1, maxFeedLimit);
  if (problem) throw Refusal.request(problem.code, `Limit: ${problem.message}`, 'Limit', text);
  return { cursor: soapText(args.ChangedSince) ?? '', limit: Number(text) };
}

/** A required `xs:date` element (`From`, `To`): an impossible date is 903/904 naming it. */
function dateElement(args: Xml, name: string): string {
  const text = soapDate(args[name]);
  if (text === undefined) throw Refusal.request('902', `Не указан элемент ${name}`, name);
  const problem = dateProblem(text);
  if (problem) throw Refusal.request(problem.code, `${name}: ${problem.message}`, name, text.slice(0, 40));
  return text;
}

/** `From`, `To` (From not after To) and the optional `Reason` of GetTimeliness. */
export function periodOptions(args: Xml): { from: string; to: string; reason?: InformingReason } {
  const from = dateElement(args, 'From');
  const to = dateElement(args, 'To');
  if (to < from) throw Refusal.request('904', 'To: конец периода раньше его начала', 'To', to);
  const reason = soapText(args.Reason);
  if (reason === undefined) return { from, to };
  if (!(informingReasons as readonly string[]).includes(reason)) {
    throw Refusal.request(
      '904',
      `Неизвестная причина информирования «${reason.slice(0, 16)}»: укажите ${informingReasons.join(', ')}`,
      'Reason',
      reason.slice(0, 40),
    );
  }
  return { from, to, reason: reason as InformingReason };
}
