import { PlanRecord } from '../domain/records';
import { planKey, planRules } from '../domain/report-checks';
import { hospKind, jsonRows } from './kind-handler';

/** Hospitalisation plan lines (a hospital's planned admissions per month, profile, conditions and СМО), upserted. */
export const planHandler = hospKind<PlanRecord, null>(PlanRecord, planRules, async (ctx, who, items) => {
  const rows = items.map(({ record: p, packageRef }, ord) => ({
    ord,
    package_ref: packageRef,
    year: p.year,
    month: p.month,
    mo_code: p.moCode,
    profile_v002: p.profile,
    conditions_v006: p.conditions,
    smo_code: p.smoCode,
    planned: p.planned,
    source_id: p.sourceId,
  }));
  const tx = ctx.tx;
  await tx`
    insert into hosp.plan (year, month, mo_code, profile_v002, conditions_v006, smo_code, planned, sender_code,
                           source_id, package_ref)
    select year, month, mo_code, profile_v002, conditions_v006, smo_code, planned, ${who.orgCode}, source_id,
           package_ref
    from json_to_recordset(${jsonRows(rows)}::text::json) as t(
      ord int, package_ref bigint, year integer, month integer, mo_code text, profile_v002 integer, conditions_v006 smallint,
      smo_code text, planned integer, source_id text)
    order by ord
    on conflict (year, month, mo_code, profile_v002, conditions_v006, smo_code) do update
      set planned = excluded.planned, source_id = excluded.source_id, package_ref = excluded.package_ref,
          received_at = now(), change_seq = nextval('hosp.change_seq')`;
  return { ids: items.map(({ record }) => planKey(record)) };
});
