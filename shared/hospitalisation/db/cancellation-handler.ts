import { type CancellationFacts, cancellationRules } from '../domain/cancellation-checks';
import { CancellationRecord } from '../domain/records';
import { hospKind, jsonRows } from './kind-handler';

/**
 * T4: referrals cancelled by the referring МО, the hospital or the person's СМО, with a reason 1–9. The write, in
 * one statement: the referrals cancelled and their history (a cancellation sent again changes nothing).
 */
export const cancellationHandler = hospKind<CancellationRecord, CancellationFacts>(
  CancellationRecord,
  cancellationRules,
  async (ctx, who, items) => {
    const ids = items.map(({ facts }) => facts.referral!.id);
    const rows = items.flatMap(({ record: c, facts }, ord) => {
      const r = facts.referral!;
      return facts.alreadyDone
        ? []
        : [
            {
              ord,
              referral_id: r.id,
              source: facts.source,
              reason: c.reason,
              date: c.date,
              comment: c.comment ?? null,
              source_id: c.sourceId,
              person_id: r.personId,
              from_mo_code: r.fromMoCode,
              to_mo_code: r.toMoCode,
              smo_code: r.smoCode,
            },
          ];
    });
    if (rows.length === 0) return { ids };
    const tx = ctx.tx;
    await tx`
      with input as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, referral_id bigint, source smallint, reason smallint, date date, comment text, source_id text,
          person_id bigint, from_mo_code text, to_mo_code text, smo_code text)
      ), cancelled as (
        update hosp.referral r
        set status = 'cancelled', cancel_source = i.source, cancel_org_code = ${who.orgCode},
            cancel_reason = i.reason, cancel_date = i.date, cancel_comment = i.comment,
            cancel_source_id = i.source_id, updated_at = now(), change_seq = nextval('hosp.change_seq')
        from input i where r.id = i.referral_id
        returning r.id
      )
      insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                              from_mo_code, to_mo_code, smo_code)
      select 'referral', referral_id, 'cancelled', app.org_code(), app.username(), app.channel(),
             jsonb_build_object('reason', reason, 'source', source), person_id, from_mo_code, to_mo_code, smo_code
      from input order by ord`;
    return { ids };
  },
);
