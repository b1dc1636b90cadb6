import { type FlkIssue, fire } from '../../platform/flk/issue';
import { CancellationRecord, cancelReasons } from '../domain/records';
import { futureIssues, orderIssues } from './common-checks';
import { type KindHandler, recordEvent } from './kind-handler';
import type { ReferralByNumber } from './lookups';

interface CancellationFacts {
  referral: ReferralByNumber | null;
  /** Who cancels (TYPE_S): 1 СМО, 2 the hospital, 3 the referring МО. */
  source: 1 | 2 | 3;
  alreadyDone: boolean;
}

/** T4: a referral cancelled by the referring МО, the hospital or the person's СМО, with a reason 1–9. */
export const cancellationHandler: KindHandler<CancellationRecord, CancellationFacts> = {
  schema: CancellationRecord,

  async check(ctx, who, c) {
    const issues: FlkIssue[] = [];
    if (!cancelReasons[c.reason])
      issues.push(...fire(ctx.rules, 'HOSP.CANCEL.REASON', String(c.reason), 'reason'));
    issues.push(...futureIssues(ctx, c.date, 'date'));
    const referral = await ctx.referralByNumber(c.referralNumber);
    const source: 1 | 2 | 3 = who.orgKind === 'SMO' ? 1 : referral?.toMoCode === who.orgCode ? 2 : 3;
    if (!referral) {
      issues.push(...fire(ctx.rules, 'HOSP.REF.UNKNOWN', c.referralNumber, 'referralNumber'));
      return { issues, facts: { referral, source, alreadyDone: false } };
    }
    const party =
      referral.fromMoCode === who.orgCode ||
      referral.toMoCode === who.orgCode ||
      referral.smoCode === who.orgCode;
    if (!party) {
      issues.push(...fire(ctx.rules, 'HOSP.SENDER', who.orgCode, 'referralNumber'));
      return { issues, facts: { referral, source, alreadyDone: false } };
    }
    if (referral.referralDate !== c.referralDate) {
      issues.push(...fire(ctx.rules, 'HOSP.REF.DATE', c.referralDate, 'referralDate'));
    }
    issues.push(...orderIssues(ctx, referral.referralDate, c.date, 'date'));
    const [previous] = await ctx.tx<{ cancel_source_id: string | null; cancel_org_code: string | null }[]>`
      select cancel_source_id, cancel_org_code from hosp.referral where id = ${referral.id}`;
    const alreadyDone =
      referral.status === 'cancelled' &&
      previous?.cancel_org_code === who.orgCode &&
      previous?.cancel_source_id === c.sourceId;
    if (referral.status !== 'issued' && !alreadyDone) {
      issues.push(...fire(ctx.rules, 'HOSP.REF.STATE', referral.status, 'referralNumber'));
    }
    return { issues, facts: { referral, source, alreadyDone } };
  },

  async write(ctx, who, c, facts) {
    const referral = facts.referral!;
    if (facts.alreadyDone) return referral.id;
    await ctx.tx`
      update hosp.referral
      set status = 'cancelled', cancel_source = ${facts.source}, cancel_org_code = ${who.orgCode},
          cancel_reason = ${c.reason}, cancel_date = ${c.date}, cancel_comment = ${c.comment ?? null},
          cancel_source_id = ${c.sourceId}, updated_at = now(), change_seq = nextval('hosp.change_seq')
      where id = ${referral.id}`;
    await recordEvent(ctx.tx, {
      entity: 'referral',
      entityId: referral.id,
      event: 'cancelled',
      personId: referral.personId,
      fromMoCode: referral.fromMoCode,
      toMoCode: referral.toMoCode,
      smoCode: referral.smoCode,
      details: { reason: c.reason, source: facts.source },
    });
    return referral.id;
  },
};
