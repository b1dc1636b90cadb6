import { type FlkIssue, fire } from '../../platform/flk/issue';
import { PlanRecord } from '../domain/records';
import { codeIssues } from './common-checks';
import type { KindHandler } from './kind-handler';

/** A hospitalisation plan line: planned admissions of a hospital for a month, profile, conditions and СМО. */
export const planHandler: KindHandler<PlanRecord, null> = {
  schema: PlanRecord,

  async check(ctx, who, p) {
    const issues: FlkIssue[] = [];
    if (p.moCode !== who.orgCode) issues.push(...fire(ctx.rules, 'HOSP.SENDER', p.moCode, 'moCode'));
    const thisYear = Number(ctx.today.slice(0, 4));
    if (p.month < 1 || p.month > 12 || p.year < thisYear - 1 || p.year > thisYear + 1) {
      issues.push(...fire(ctx.rules, 'HOSP.PLAN.PERIOD', `${p.year}-${p.month}`, 'month'));
      return { issues, facts: null };
    }
    if (p.planned < 0) issues.push(...fire(ctx.rules, 'HOSP.BEDS.COUNTS', String(p.planned), 'planned'));
    const firstDay = `${p.year}-${String(p.month).padStart(2, '0')}-01`;
    issues.push(...(await codeIssues(ctx, firstDay, { profile: p.profile, conditions: p.conditions })));
    if ((await ctx.organisationKind(p.smoCode)) !== 'SMO')
      issues.push(...fire(ctx.rules, 'HOSP.PLAN.SMO', p.smoCode, 'smoCode'));
    return { issues, facts: null };
  },

  async write(ctx, who, p, _facts, packageRef) {
    await ctx.tx`
      insert into hosp.plan (year, month, mo_code, profile_v002, conditions_v006, smo_code, planned, sender_code,
                             source_id, package_ref)
      values (${p.year}, ${p.month}, ${p.moCode}, ${p.profile}, ${p.conditions}, ${p.smoCode}, ${p.planned},
              ${who.orgCode}, ${p.sourceId}, ${packageRef})
      on conflict (year, month, mo_code, profile_v002, conditions_v006, smo_code) do update
        set planned = excluded.planned, source_id = excluded.source_id, package_ref = excluded.package_ref,
            received_at = now(), change_seq = nextval('hosp.change_seq')`;
    return `${p.year}-${p.month}/${p.moCode}/${p.profile}/${p.conditions}/${p.smoCode}`;
  },
};
