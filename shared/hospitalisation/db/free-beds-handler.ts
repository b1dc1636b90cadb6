import { type FlkIssue, fire } from '../../platform/flk/issue';
import { freeBedsCountIssues } from '../domain/free-beds-rules';
import { FreeBedsRecord } from '../domain/records';
import { bedProfileIssues, codeIssues, departmentIssues, futureIssues } from './common-checks';
import type { KindHandler } from './kind-handler';

/** T6: a hospital's bed fund and free beds for a day per department × bed profile × conditions (+ forecast). */
export const freeBedsHandler: KindHandler<FreeBedsRecord, null> = {
  schema: FreeBedsRecord,

  async check(ctx, who, b) {
    const issues: FlkIssue[] = [];
    if (b.moCode !== who.orgCode) issues.push(...fire(ctx.rules, 'HOSP.SENDER', b.moCode, 'moCode'));
    issues.push(
      ...(await codeIssues(ctx, b.date, {
        conditions: b.conditions,
        bedProfile: b.bedProfile,
        profile: b.profile,
      })),
    );
    if (b.profile !== undefined) issues.push(...(await bedProfileIssues(ctx, b.bedProfile, b.profile)));
    const department = await departmentIssues(ctx, b.moCode, b.departmentCode, b.bedProfile, {
      mo: 'moCode',
      department: 'departmentCode',
    });
    issues.push(...department.issues);
    issues.push(...futureIssues(ctx, b.date, 'date'));
    issues.push(...freeBedsCountIssues(b, department.beds, ctx.rules));
    return { issues, facts: null };
  },

  async write(ctx, who, b, _facts, packageRef) {
    const tx = ctx.tx;
    const values = {
      mo_code: b.moCode,
      department_code: b.departmentCode,
      bed_profile_v020: b.bedProfile,
      conditions_v006: b.conditions,
      report_date: b.date,
      profile_v002: b.profile ?? null,
      occupied_at_start: b.occupiedAtStart,
      admitted: b.admitted,
      discharged: b.discharged,
      planned_today: b.plannedToday,
      free_total: b.freeTotal,
      free_male: b.freeMale,
      free_female: b.freeFemale,
      free_adult: b.freeAdult,
      free_child: b.freeChild,
      forecast: tx.json(b.forecast as never) as unknown as string,
      sender_code: who.orgCode,
      source_id: b.sourceId,
      package_ref: packageRef,
    };
    await tx`
      insert into hosp.free_beds ${tx(values)}
      on conflict (mo_code, department_code, bed_profile_v020, conditions_v006, report_date) do update
        set profile_v002 = excluded.profile_v002, occupied_at_start = excluded.occupied_at_start,
            admitted = excluded.admitted, discharged = excluded.discharged, planned_today = excluded.planned_today,
            free_total = excluded.free_total, free_male = excluded.free_male, free_female = excluded.free_female,
            free_adult = excluded.free_adult, free_child = excluded.free_child, forecast = excluded.forecast,
            source_id = excluded.source_id, package_ref = excluded.package_ref, received_at = now(),
            change_seq = nextval('hosp.change_seq')`;
    return `${b.moCode}/${b.departmentCode}/${b.bedProfile}/${b.conditions}/${b.date}`;
  },
};
