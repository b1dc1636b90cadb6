import type { KindHandler } from '../../platform/exchange/package-processor';
import { fire } from '../../platform/flk/issue';
import { PlanVolumeRecord } from '../domain/records';
import type { PreventionContext } from './lookups';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Plan volumes of an МО (`CevPlanQuantity`): how many persons it plans per year, month and kind; the year last,
 * this or next; upserted by sender and source id (one volume per МО, year, month and kind). No personal data.
 */
export const planVolumeHandler: Omit<KindHandler<PreventionContext, PlanVolumeRecord, null>, 'permission'> = {
  schema: PlanVolumeRecord,
  keys: (v) => [`volume:${v.sourceId}`, `volume:${v.year}/${v.month}/${v.kind}`],
  async check(ctx, _who, volumes) {
    const [row] = await ctx.tx<{ year: number }[]>`select extract(year from current_date)::int as year`;
    return volumes.map((v) => ({
      issues:
        v.year < row!.year - 1 || v.year > row!.year + 1
          ? fire(ctx.rules, 'PREV.VOLUME.YEAR', String(v.year), 'year')
          : [],
      facts: null,
      persons: [],
    }));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: v, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: v.sourceId,
      year: v.year,
      month: v.month,
      kind: v.kind,
      quantity: v.quantity,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      insert into prevention.plan_volume (sender_code, source_id, package_ref, mo_code, year, month, kind, quantity)
      select ${who.orgCode}, source_id, package_ref, ${who.orgCode}, year, month, kind, quantity
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, package_ref bigint, source_id text, year smallint, month smallint, kind text, quantity int)
      order by ord
      on conflict (sender_code, source_id) do update
        set package_ref = excluded.package_ref, year = excluded.year, month = excluded.month,
            kind = excluded.kind, quantity = excluded.quantity, received_at = now(),
            change_seq = nextval('prevention.change_seq')
      returning id::text, source_id as "sourceId"`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
