import type { Resolution } from '../../person/domain/identity-input';
import { checkPatient } from '../../person/domain/patient-check';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import type { RequestStatus } from './codes';
import type { RequestRecord, ResultRecord } from './records';

/** What a package of requests is checked against, answered once for the package. */
export interface RequestFacts {
  rules: FlkRuleSet;
  today: string;
  /** The register's answer per request (policy on today: the СМО it goes to). */
  resolutions: ReadonlyMap<string, Resolution>;
}

export interface RequestWrite {
  personId: string;
  smoCode: string;
}

/**
 * A request: its window in order, its deadline between today and the window's end, the details an upcoming
 * procedure or a consultation's information needs (INF.DETAILS), and a person the register knows
 * with a policy today — the СМО it is routed to (INF.PERSON.NO_SMO otherwise).
 */
export function checkRequest(
  f: RequestFacts,
  r: RequestRecord,
): { issues: FlkIssue[]; facts: RequestWrite | null; persons: string[] } {
  const issues: FlkIssue[] = [];
  if (r.windowFrom && r.windowTo && r.windowTo < r.windowFrom) {
    issues.push(...fire(f.rules, 'INF.WINDOW', `${r.windowFrom}–${r.windowTo}`, 'windowTo'));
  }
  if (r.deadline < f.today || (r.windowTo !== undefined && r.deadline > r.windowTo)) {
    issues.push(...fire(f.rules, 'INF.DEADLINE', r.deadline, 'deadline'));
  }
  const details = r.details ?? {};
  if (
    (r.reason === 'PROCEDURE' && (!details.procedure || !details.date)) ||
    (r.reason === 'CARE_INFO' && !details.methods)
  ) {
    issues.push(...fire(f.rules, 'INF.DETAILS', r.reason, 'details'));
  }
  const patient = checkPatient(f.rules, r.patient, f.resolutions.get(r.sourceId));
  issues.push(...patient.issues.filter((i) => i.rule !== 'ID.NOT_INSURED'));
  if (!patient.person) return { issues, facts: null, persons: [] };
  const { personId, smoCode } = patient.person;
  if (!smoCode) {
    issues.push(...fire(f.rules, 'INF.PERSON.NO_SMO', undefined, 'patient'));
    return { issues, facts: null, persons: [personId] };
  }
  return { issues, facts: { personId, smoCode }, persons: [personId] };
}

/** A request as a result's checks see it. */
export interface KnownRequest {
  id: string;
  smoCode: string;
  status: RequestStatus;
  requestDate: string;
  personId: string;
  senderCode: string;
}

export interface ResultFacts {
  rules: FlkRuleSet;
  today: string;
  /** The requests named, by `id:<id>` or `src:<sender>/<sourceId>`. */
  requests: ReadonlyMap<string, KnownRequest>;
  /** Results the СМО already sent, by source id → the request they were for (a re-sent result may stay). */
  earlier: ReadonlyMap<string, string>;
}

export const requestKey = (r: ResultRecord) =>
  r.requestId !== undefined ? `id:${r.requestId}` : `src:${r.request!.senderCode}/${r.request!.sourceId}`;

/**
 * A result: for a request of the calling СМО (INF.REQUEST.UNKNOWN), still open unless this very result closed it
 * (INF.RESULT.CLOSED), dated between the request's day and today (INF.RESULT.DATE).
 */
export function checkResult(
  f: ResultFacts,
  smoCode: string,
  r: ResultRecord,
): { issues: FlkIssue[]; facts: KnownRequest | null; persons: string[] } {
  const request = f.requests.get(requestKey(r));
  if (!request || request.smoCode !== smoCode) {
    return {
      issues: fire(f.rules, 'INF.REQUEST.UNKNOWN', r.requestId ?? r.request?.sourceId, 'requestId'),
      facts: null,
      persons: [],
    };
  }
  const issues: FlkIssue[] = [];
  const resent = f.earlier.get(r.sourceId) === request.id;
  if (request.status !== 'open' && !resent) {
    issues.push(...fire(f.rules, 'INF.RESULT.CLOSED', request.status, 'requestId'));
  }
  if (r.date > f.today || r.date < request.requestDate) {
    issues.push(...fire(f.rules, 'INF.RESULT.DATE', r.date, 'date'));
  }
  return { issues, facts: request, persons: [request.personId] };
}
