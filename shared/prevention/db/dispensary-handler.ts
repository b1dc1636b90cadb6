import type { KindHandler } from '../../platform/exchange/package-processor';
import { checkDispensary, dispensaryCodes, type ObservationWrite } from '../domain/dispensary-rules';
import { DispensaryRecord } from '../domain/records';
import type { PreventionContext } from './lookups';
import { loadObservationFacts } from './observation-facts';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Dispensary observation (ДН, DN_LIST with its DN_PLAN windows): upserted in one statement by sender and source
 * id. The last visit is the later of the one sent and the МО's latest polyclinic case of the person in the same
 * diagnosis block; `overdue_from` (the end of the first window without a visit since it opened) follows from it.
 */
export const dispensaryHandler: Omit<
  KindHandler<PreventionContext, DispensaryRecord, ObservationWrite | null>,
  'permission'
> = {
  schema: DispensaryRecord,
  keys: (dn) => [`dn:${dn.sourceId}`],
  async check(ctx, _who, records) {
    const facts = await loadObservationFacts(
      ctx,
      // The policy of an open observation is today's; of a closed one, its last day's.
      records.map((dn) => ({ ...dn, onDate: dn.dateOut, codes: dispensaryCodes(dn) })),
    );
    return records.map((dn) => checkDispensary(facts, dn));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: dn, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: dn.sourceId,
      person_id: facts!.personId,
      smo_code: facts!.smoCode,
      diagnosis: dn.diagnosis,
      diagnosis_date: dn.diagnosisDate ?? null,
      date_in: dn.dateIn,
      date_out: dn.dateOut ?? null,
      status_in: dn.statusIn,
      reason_in: dn.reasonIn ?? null,
      reason_out: dn.reasonOut ?? null,
      specialty: dn.specialty,
      doctor_snils: dn.doctorSnils ?? null,
      mo_assign: dn.moAssign,
      visit_from: dn.visits.map((v) => v.from),
      visit_to: dn.visits.map((v) => v.to),
      last_visit: dn.lastVisit ?? null,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      with t as (
        select t.*, array(select json_array_elements_text(t.visit_from)::date) as vf,
               array(select json_array_elements_text(t.visit_to)::date) as vt,
               (select greatest(t.last_visit, max(c.date_to)) from prevention.polyclinic_case c
                where c.mo_code = ${who.orgCode} and c.person_id = t.person_id
                  and left(c.diagnosis, 3) = left(t.diagnosis, 3) and c.date_to >= t.date_in) as seen
        from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, source_id text, person_id bigint, smo_code text, diagnosis text,
          diagnosis_date date, date_in date, date_out date, status_in smallint, reason_in smallint,
          reason_out smallint, specialty int, doctor_snils text, mo_assign smallint, visit_from json,
          visit_to json, last_visit date)
      )
      insert into prevention.dispensary (sender_code, source_id, package_ref, mo_code, person_id, smo_code,
        diagnosis, diagnosis_date, date_in, date_out, status_in, reason_in, reason_out, specialty, doctor_snils,
        mo_assign, visit_from, visit_to, last_visit, overdue_from)
      select ${who.orgCode}, source_id, package_ref, ${who.orgCode}, person_id, smo_code, diagnosis,
             diagnosis_date, date_in, date_out, status_in, reason_in, reason_out, specialty, doctor_snils,
             mo_assign, vf, vt, coalesce(seen, last_visit), prevention.overdue_from(vf, vt, coalesce(seen, last_visit))
      from t order by ord
      on conflict (sender_code, source_id) do update
        set package_ref = excluded.package_ref, person_id = excluded.person_id, smo_code = excluded.smo_code,
            diagnosis = excluded.diagnosis, diagnosis_date = excluded.diagnosis_date, date_in = excluded.date_in,
            date_out = excluded.date_out, status_in = excluded.status_in, reason_in = excluded.reason_in,
            reason_out = excluded.reason_out, specialty = excluded.specialty,
            doctor_snils = excluded.doctor_snils, mo_assign = excluded.mo_assign,
            visit_from = excluded.visit_from, visit_to = excluded.visit_to, last_visit = excluded.last_visit,
            overdue_from = excluded.overdue_from, updated_at = now(),
            change_seq = nextval('prevention.change_seq')
      returning id::text, source_id as "sourceId"`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
