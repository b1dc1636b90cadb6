import { type FlkIssue, fire } from '../../platform/flk/issue';
import { MovementRecord } from '../domain/records';
import {
  bedProfileIssues,
  codeIssues,
  departmentIssues,
  futureIssues,
  orderIssues,
  sexIssues,
} from './common-checks';
import { type KindHandler, recordEvent } from './kind-handler';
import { findOwnStay, type StayFacts } from './stay-lookup';

/** A move between departments of the same hospital: the stay's current department and profiles follow it. */
export const movementHandler: KindHandler<MovementRecord, StayFacts | null> = {
  schema: MovementRecord,

  async check(ctx, who, m) {
    const issues: FlkIssue[] = [];
    issues.push(...(await codeIssues(ctx, m.date, { profile: m.profile, bedProfile: m.bedProfile })));
    issues.push(...(await bedProfileIssues(ctx, m.bedProfile, m.profile)));
    issues.push(...futureIssues(ctx, m.date, 'date'));
    const stay = await findOwnStay(ctx.tx, who.orgCode, m.admissionSourceId);
    if (!stay) {
      issues.push(...fire(ctx.rules, 'HOSP.STAY.UNKNOWN', m.admissionSourceId, 'admissionSourceId'));
      return { issues, facts: null };
    }
    issues.push(
      ...(
        await departmentIssues(ctx, stay.moCode, m.departmentCode, m.bedProfile, {
          mo: 'moCode',
          department: 'departmentCode',
        })
      ).issues,
    );
    issues.push(...(await sexIssues(ctx, await ctx.personSex(stay.personId), { bedProfile: m.bedProfile })));
    issues.push(...orderIssues(ctx, stay.admittedOn, m.date, 'date'));
    if (stay.dischargedOn && m.date > stay.dischargedOn) {
      issues.push(...fire(ctx.rules, 'HOSP.STAY.DISCHARGED', stay.dischargedOn, 'date'));
    }
    return { issues, facts: stay };
  },

  async write(ctx, who, m, stay) {
    const s = stay!;
    const [row] = await ctx.tx<{ id: string; inserted: boolean }[]>`
      insert into hosp.movement (stay_id, sender_code, source_id, department_code, profile_v002, bed_profile_v020, moved_on)
      values (${s.id}, ${who.orgCode}, ${m.sourceId}, ${m.departmentCode}, ${m.profile}, ${m.bedProfile}, ${m.date})
      on conflict (sender_code, source_id) do update
        set department_code = excluded.department_code, profile_v002 = excluded.profile_v002,
            bed_profile_v020 = excluded.bed_profile_v020, moved_on = excluded.moved_on
      returning id::text, (xmax = 0) as inserted`;
    await ctx.tx`
      update hosp.stay s set department_code = m.department_code, profile_v002 = m.profile_v002,
             bed_profile_v020 = m.bed_profile_v020, updated_at = now(), change_seq = nextval('hosp.change_seq')
      from (select department_code, profile_v002, bed_profile_v020 from hosp.movement
            where stay_id = ${s.id} order by moved_on desc, id desc limit 1) m
      where s.id = ${s.id}`;
    if (row!.inserted) {
      await recordEvent(ctx.tx, {
        entity: 'stay',
        entityId: s.id,
        event: 'moved',
        personId: s.personId,
        fromMoCode: s.referringMoCode,
        toMoCode: s.moCode,
        smoCode: s.smoCode,
        details: { departmentCode: m.departmentCode },
      });
    }
    return s.id;
  },
};
