import { type FlkIssue, fire } from '../../platform/flk/issue';
import { DischargeRecord, dischargeOutcomes } from '../domain/records';
import { futureIssues, orderIssues } from './common-checks';
import { type KindHandler, recordEvent } from './kind-handler';
import { findOwnStay, type StayFacts } from './stay-lookup';

/** T5: the patient left the hospital (date, outcome); the referral, if any, becomes discharged. */
export const dischargeHandler: KindHandler<DischargeRecord, StayFacts | null> = {
  schema: DischargeRecord,

  async check(ctx, who, d) {
    const issues: FlkIssue[] = [];
    if (!dischargeOutcomes[d.outcome])
      issues.push(...fire(ctx.rules, 'HOSP.OUTCOME', String(d.outcome), 'outcome'));
    issues.push(...futureIssues(ctx, d.date, 'date'));
    const stay = await findOwnStay(ctx.tx, who.orgCode, d.admissionSourceId);
    if (!stay) {
      issues.push(...fire(ctx.rules, 'HOSP.STAY.UNKNOWN', d.admissionSourceId, 'admissionSourceId'));
      return { issues, facts: null };
    }
    issues.push(...orderIssues(ctx, stay.admittedOn, d.date, 'date'));
    return { issues, facts: stay };
  },

  async write(ctx, _who, d, stay) {
    const s = stay!;
    const [changed] = await ctx.tx<{ id: string }[]>`
      update hosp.stay set discharged_on = ${d.date}, outcome = ${d.outcome}, discharge_source_id = ${d.sourceId},
             updated_at = now(), change_seq = nextval('hosp.change_seq')
      where id = ${s.id} and (discharged_on, outcome, discharge_source_id)
            is distinct from (${d.date}::date, ${d.outcome}::smallint, ${d.sourceId})
      returning id::text`;
    if (!changed) return s.id;
    const scope = {
      personId: s.personId,
      fromMoCode: s.referringMoCode,
      toMoCode: s.moCode,
      smoCode: s.smoCode,
    };
    await recordEvent(ctx.tx, {
      ...scope,
      entity: 'stay',
      entityId: s.id,
      event: 'discharged',
      details: { outcome: d.outcome },
    });
    if (s.referralId) {
      await ctx.tx`select hosp.set_referral_status(${s.referralId}, 'discharged')`;
      await recordEvent(ctx.tx, {
        ...scope,
        entity: 'referral',
        entityId: s.referralId,
        event: 'discharged',
      });
    }
    return s.id;
  },
};
