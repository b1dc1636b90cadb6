import { type FlkIssue, fire } from '../../platform/flk/issue';
import { futureIssues, orderIssues } from './common-checks';
import { type KindRules, personsOf } from './kind-rules';
import type { ReferralByNumber } from './package-facts';
import { type CancellationRecord, cancelReasons } from './records';

export interface CancellationFacts {
  referral: ReferralByNumber | null;
  /** Who cancels (TYPE_S): 1 СМО, 2 the hospital, 3 the referring МО. */
  source: 1 | 2 | 3;
  alreadyDone: boolean;
}

/** T4: a referral cancelled by the referring МО, the hospital or the person's СМО, with a reason 1–9. */
export const cancellationRules: KindRules<CancellationRecord, CancellationFacts> = {
  keys: (c) => [`referral:${c.referralNumber}`],

  needs(needs, _sender, c) {
    needs.referralNumbers.add(c.referralNumber);
  },

  check(f, sender, c) {
    const issues: FlkIssue[] = [];
    if (!cancelReasons[c.reason])
      issues.push(...fire(f.rules, 'HOSP.CANCEL.REASON', String(c.reason), 'reason'));
    issues.push(...futureIssues(f, c.date, 'date'));
    const referral = f.referralByNumber(c.referralNumber);
    const source: 1 | 2 | 3 = sender.orgKind === 'SMO' ? 1 : referral?.toMoCode === sender.orgCode ? 2 : 3;
    if (!referral) {
      issues.push(...fire(f.rules, 'HOSP.REF.UNKNOWN', c.referralNumber, 'referralNumber'));
      return { issues, facts: { referral, source, alreadyDone: false }, persons: [] };
    }
    const party =
      referral.fromMoCode === sender.orgCode ||
      referral.toMoCode === sender.orgCode ||
      referral.smoCode === sender.orgCode;
    if (!party) {
      issues.push(...fire(f.rules, 'HOSP.SENDER', sender.orgCode, 'referralNumber'));
      return { issues, facts: { referral, source, alreadyDone: false }, persons: [] };
    }
    if (referral.referralDate !== c.referralDate) {
      issues.push(...fire(f.rules, 'HOSP.REF.DATE', c.referralDate, 'referralDate'));
    }
    issues.push(...orderIssues(f, referral.referralDate, c.date, 'date'));
    const alreadyDone =
      referral.status === 'cancelled' &&
      referral.cancelOrgCode === sender.orgCode &&
      referral.cancelSourceId === c.sourceId;
    if (referral.status !== 'issued' && !alreadyDone) {
      issues.push(...fire(f.rules, 'HOSP.REF.STATE', referral.status, 'referralNumber'));
    }
    return { issues, facts: { referral, source, alreadyDone }, persons: personsOf(referral.personId) };
  },
};
