import { defaultFeedLimit, maxFeedLimit } from '../../../shared/platform/exchange/feed';
import { integerProblem, maxPageNumber } from '../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { type PreventionKind, preventionKinds } from '../../../shared/prevention/domain/exam-steps';
import { soapText } from '../../lib/soap-values';
import type { Xml } from './records-from-soap';

/**
 * The elements of the Get… requests of PreventionService, each checked as the REST query of the same read: a
 * value out of its bounds or of the wrong form is the caller's mistake for the whole request (a Fault with its
 * F012 code naming the element); an absent optional element means "no filter" or the default.
 */

/** An integer element within `min..max`; `fallback` when absent (undefined: required, 902 when absent). */
function intElement(args: Xml, name: string, min: number, max: number, fallback?: number): number {
  const text = soapText(args[name]);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw Refusal.request('902', `Не указан элемент ${name}`, name);
  }
  const problem = integerProblem(text, min, max);
  if (problem) throw Refusal.request(problem.code, `${name}: ${problem.message}`, name, text);
  return Number(text);
}

/** `ChangedSince` + `Limit` as feed options. The cursor is opaque (the feed judges it): absent reads from the start. */
export function feedOptions(args: Xml) {
  return {
    cursor: soapText(args.ChangedSince) ?? '',
    limit: intElement(args, 'Limit', 1, maxFeedLimit, defaultFeedLimit),
  };
}

/** `Page` / `PageSize` of a list (at most 500 entries a page, 50 by default). */
export function pageOptions(args: Xml) {
  return {
    page: intElement(args, 'Page', 1, maxPageNumber, 1),
    pageSize: intElement(args, 'PageSize', 1, 500, 50),
  };
}

/** `Year`: a plan year 2000–2100; required unless `optional`. */
export function yearElement(args: Xml, optional: true): number | undefined;
export function yearElement(args: Xml): number;
export function yearElement(args: Xml, optional = false): number | undefined {
  if (optional && soapText(args.Year) === undefined) return undefined;
  return intElement(args, 'Year', 2000, 2100);
}

/** `Kind`: PMO, DVN, UDVN or DN; required unless `optional`. */
export function kindElement(args: Xml, optional: true): PreventionKind | undefined;
export function kindElement(args: Xml): PreventionKind;
export function kindElement(args: Xml, optional = false): PreventionKind | undefined {
  const text = soapText(args.Kind);
  if (text === undefined) {
    if (optional) return undefined;
    throw Refusal.request('902', 'Не указан вид мероприятия Kind (PMO, DVN, UDVN, DN)', 'Kind');
  }
  if (!(preventionKinds as readonly string[]).includes(text)) {
    throw Refusal.request(
      '904',
      `Неизвестный вид мероприятия «${text.slice(0, 16)}»: укажите PMO, DVN, UDVN или DN`,
      'Kind',
      text.slice(0, 40),
    );
  }
  return text as PreventionKind;
}

/** `Month` of the due list: `ГГГГ-ММ`. */
export function monthElement(args: Xml): string {
  const text = soapText(args.Month);
  if (text === undefined) throw Refusal.request('902', 'Не указан месяц Month (ГГГГ-ММ)', 'Month');
  if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(text)) {
    throw Refusal.request('904', 'Month: месяц в формате ГГГГ-ММ (01–12)', 'Month', text.slice(0, 40));
  }
  return text;
}

/** An optional code element: an МО code of six digits (`MoCode`) or a district (`DistrictCode`, ≤ 20). */
export function codeElement(args: Xml, name: 'MoCode' | 'DistrictCode'): string | undefined {
  const text = soapText(args[name]);
  if (text === undefined) return undefined;
  const ok = name === 'MoCode' ? /^\d{6}$/.test(text) : text.length <= 20;
  if (!ok) {
    const expected = name === 'MoCode' ? 'код МО из 6 цифр' : 'код участка не длиннее 20 знаков';
    throw Refusal.request('904', `${name}: ${expected}`, name, text.slice(0, 40));
  }
  return text;
}
