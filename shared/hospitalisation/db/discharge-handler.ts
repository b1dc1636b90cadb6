import type { StayFacts } from '../domain/package-facts';
import { DischargeRecord } from '../domain/records';
import { dischargeRules } from '../domain/stay-checks';
import { hospKind, jsonRows } from './kind-handler';

/**
 * T5: patients left the hospital (date, outcome). The write, in one statement: the stays discharged where the
 * record changes them, their history, and their referrals, if any, become discharged with theirs.
 */
export const dischargeHandler = hospKind<DischargeRecord, StayFacts | null>(
  DischargeRecord,
  dischargeRules,
  async (ctx, _who, items) => {
    const rows = items.map(({ record: d, facts }, ord) => {
      const s = facts!;
      return {
        ord,
        stay_id: s.id,
        date: d.date,
        outcome: d.outcome,
        source_id: d.sourceId,
        referral_id: s.referralId,
        person_id: s.personId,
        referring_mo_code: s.referringMoCode,
        mo_code: s.moCode,
        smo_code: s.smoCode,
      };
    });
    const tx = ctx.tx;
    const [result] = await tx<{ referrals: string[] | null }[]>`
      with input as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, stay_id bigint, date date, outcome smallint, source_id text, referral_id bigint,
          person_id bigint, referring_mo_code text, mo_code text, smo_code text)
      ), changed as (
        update hosp.stay s
        set discharged_on = i.date, outcome = i.outcome, discharge_source_id = i.source_id, updated_at = now(),
            change_seq = nextval('hosp.change_seq')
        from input i
        where s.id = i.stay_id
          and (s.discharged_on, s.outcome, s.discharge_source_id) is distinct from (i.date, i.outcome, i.source_id)
        returning i.ord
      ), events as (
        insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                                from_mo_code, to_mo_code, smo_code)
        select entity, entity_id, 'discharged', app.org_code(), app.username(), app.channel(), details, person_id,
               referring_mo_code, mo_code, smo_code
        from (
          select i.ord, 1 as seq, 'stay' as entity, i.stay_id as entity_id,
                 jsonb_build_object('outcome', i.outcome) as details, i.person_id, i.referring_mo_code,
                 i.mo_code, i.smo_code
          from changed c join input i on i.ord = c.ord
          union all
          select i.ord, 2, 'referral', i.referral_id, null, i.person_id, i.referring_mo_code, i.mo_code, i.smo_code
          from changed c join input i on i.ord = c.ord where i.referral_id is not null
        ) e
        order by ord, seq
        returning entity, entity_id
      )
      select array_agg(id::text) as referrals
      from hosp.set_referral_statuses(
        (select array_agg(entity_id) filter (where entity = 'referral') from events), 'discharged') id`;
    const itemOf = new Map(items.map(({ facts }, item) => [facts!.referralId, item]));
    return {
      ids: items.map(({ facts }) => facts!.id),
      also: (result!.referrals ?? []).map((record) => ({ item: itemOf.get(record)!, record })),
    };
  },
);
