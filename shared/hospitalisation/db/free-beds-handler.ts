import { FreeBedsRecord } from '../domain/records';
import { freeBedsKey, freeBedsRules } from '../domain/report-checks';
import { hospKind, jsonRows } from './kind-handler';

/** T6: free beds for a day per department × bed profile × conditions (+ forecast), upserted in one statement. */
export const freeBedsHandler = hospKind<FreeBedsRecord, null>(
  FreeBedsRecord,
  freeBedsRules,
  async (ctx, who, items) => {
    const rows = items.map(({ record: b, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
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
      forecast: b.forecast,
      source_id: b.sourceId,
    }));
    const tx = ctx.tx;
    await tx`
      insert into hosp.free_beds (mo_code, department_code, bed_profile_v020, conditions_v006, report_date,
                                  profile_v002, occupied_at_start, admitted, discharged, planned_today, free_total,
                                  free_male, free_female, free_adult, free_child, forecast, sender_code, source_id,
                                  package_ref)
      select mo_code, department_code, bed_profile_v020, conditions_v006, report_date, profile_v002,
             occupied_at_start, admitted, discharged, planned_today, free_total, free_male, free_female, free_adult,
             free_child, forecast, ${who.orgCode}, source_id, package_ref
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, package_ref bigint, mo_code text, department_code text, bed_profile_v020 integer, conditions_v006 smallint,
        report_date date, profile_v002 integer, occupied_at_start integer, admitted integer, discharged integer,
        planned_today integer, free_total integer, free_male integer, free_female integer, free_adult integer,
        free_child integer, forecast jsonb, source_id text)
      order by ord
      on conflict (mo_code, department_code, bed_profile_v020, conditions_v006, report_date) do update
        set profile_v002 = excluded.profile_v002, occupied_at_start = excluded.occupied_at_start,
            admitted = excluded.admitted, discharged = excluded.discharged, planned_today = excluded.planned_today,
            free_total = excluded.free_total, free_male = excluded.free_male, free_female = excluded.free_female,
            free_adult = excluded.free_adult, free_child = excluded.free_child, forecast = excluded.forecast,
            source_id = excluded.source_id, package_ref = excluded.package_ref, received_at = now(),
            change_seq = nextval('hosp.change_seq')`;
    return { ids: items.map(({ record }) => freeBedsKey(record)) };
  },
);
