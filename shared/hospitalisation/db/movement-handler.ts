import type { StayFacts } from '../domain/package-facts';
import { MovementRecord } from '../domain/records';
import { movementRules } from '../domain/stay-checks';
import { hospKind, jsonRows } from './kind-handler';

/**
 * Moves between departments of the same hospital. The write, in one statement: the movements upserted by sender +
 * source id, each stay's current department and profiles set from its latest movement, and the history of the
 * new ones.
 */
export const movementHandler = hospKind<MovementRecord, StayFacts | null>(
  MovementRecord,
  movementRules,
  async (ctx, who, items) => {
    const rows = items.map(({ record: m, facts }, ord) => {
      const s = facts!;
      return {
        ord,
        stay_id: s.id,
        source_id: m.sourceId,
        department_code: m.departmentCode,
        profile_v002: m.profile,
        bed_profile_v020: m.bedProfile,
        moved_on: m.date,
        person_id: s.personId,
        referring_mo_code: s.referringMoCode,
        mo_code: s.moCode,
        smo_code: s.smoCode,
      };
    });
    const tx = ctx.tx;
    await tx`
      with input as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, stay_id bigint, source_id text, department_code text, profile_v002 integer,
          bed_profile_v020 integer, moved_on date, person_id bigint, referring_mo_code text, mo_code text,
          smo_code text)
      ), upserted as (
        insert into hosp.movement (stay_id, sender_code, source_id, department_code, profile_v002,
                                   bed_profile_v020, moved_on)
        select stay_id, ${who.orgCode}, source_id, department_code, profile_v002, bed_profile_v020, moved_on
        from input order by ord
        on conflict (sender_code, source_id) do update
          set department_code = excluded.department_code, profile_v002 = excluded.profile_v002,
              bed_profile_v020 = excluded.bed_profile_v020, moved_on = excluded.moved_on
        returning id, stay_id, source_id, department_code, profile_v002, bed_profile_v020, moved_on,
                  (xmax = 0) as inserted
      ), latest as (
        -- The stays' movements as they are after this statement: the ones it wrote and the others.
        select distinct on (m.stay_id) m.stay_id, m.department_code, m.profile_v002, m.bed_profile_v020
        from (
          select id, stay_id, department_code, profile_v002, bed_profile_v020, moved_on from upserted
          union all
          select m.id, m.stay_id, m.department_code, m.profile_v002, m.bed_profile_v020, m.moved_on
          from hosp.movement m
          where m.stay_id in (select stay_id from input) and m.id not in (select id from upserted)
        ) m
        order by m.stay_id, m.moved_on desc, m.id desc
      ), stays as (
        update hosp.stay s
        set department_code = l.department_code, profile_v002 = l.profile_v002,
            bed_profile_v020 = l.bed_profile_v020, updated_at = now(), change_seq = nextval('hosp.change_seq')
        from latest l where s.id = l.stay_id
        returning s.id
      )
      insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                              from_mo_code, to_mo_code, smo_code)
      select 'stay', i.stay_id, 'moved', app.org_code(), app.username(), app.channel(),
             jsonb_build_object('departmentCode', i.department_code), i.person_id, i.referring_mo_code, i.mo_code,
             i.smo_code
      from upserted u join input i on i.source_id = u.source_id
      where u.inserted
      order by i.ord`;
    return { ids: items.map(({ facts }) => facts!.id) };
  },
);
