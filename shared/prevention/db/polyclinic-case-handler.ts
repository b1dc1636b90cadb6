import type { KindHandler } from '../../platform/exchange/package-processor';
import { checkPolyclinicCase, type ObservationWrite, polyclinicCaseCodes } from '../domain/dispensary-rules';
import { PolyclinicCaseRecord } from '../domain/records';
import type { PreventionContext } from './lookups';
import { loadObservationFacts } from './observation-facts';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Polyclinic service cases, upserted in one statement by sender and source id. A case closes the visit a ДН record
 * of the same МО, person and diagnosis block owes: the record's last visit moves forward to the case's end and its
 * `overdue_from` follows, in the same statement.
 */
export const polyclinicCaseHandler: Omit<
  KindHandler<PreventionContext, PolyclinicCaseRecord, ObservationWrite | null>,
  'permission'
> = {
  schema: PolyclinicCaseRecord,
  keys: (c) => [`case:${c.sourceId}`],
  async check(ctx, _who, records) {
    const facts = await loadObservationFacts(
      ctx,
      records.map((c) => ({ ...c, onDate: c.dateTo, codes: polyclinicCaseCodes(c) })),
    );
    return records.map((c) => checkPolyclinicCase(facts, c));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: c, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: c.sourceId,
      person_id: facts!.personId,
      smo_code: facts!.smoCode,
      date_from: c.dateFrom,
      date_to: c.dateTo,
      purpose: c.purpose,
      diagnosis: c.diagnosis,
      specialty: c.specialty,
      doctor_snils: c.doctorSnils ?? null,
      visits: c.visits,
      source: facts!.source ?? 'direct',
    }));
    const [result] = await ctx.tx<{ stored: [string, string][]; closed: [string, string][] }[]>`
      with t as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, source_id text, person_id bigint, smo_code text, date_from date,
          date_to date, purpose text, diagnosis text, specialty int, doctor_snils text, visits smallint,
          source text)
      ), stored as (
        insert into prevention.polyclinic_case (sender_code, source_id, package_ref, mo_code, person_id, smo_code,
          date_from, date_to, purpose, diagnosis, specialty, doctor_snils, visits, source)
        select ${who.orgCode}, source_id, package_ref, ${who.orgCode}, person_id, smo_code, date_from, date_to,
               purpose, diagnosis, specialty, doctor_snils, visits, source
        from t order by ord
        on conflict (sender_code, source_id) do update
          set package_ref = excluded.package_ref, person_id = excluded.person_id, smo_code = excluded.smo_code,
              date_from = excluded.date_from, date_to = excluded.date_to, purpose = excluded.purpose,
              diagnosis = excluded.diagnosis, specialty = excluded.specialty,
              doctor_snils = excluded.doctor_snils, visits = excluded.visits, received_at = now(),
              change_seq = nextval('prevention.change_seq')
        returning id::text, source_id as "sourceId"
      ), seen as (
        select d.id, max(t.date_to) as last_visit
        from t join prevention.dispensary d
          on d.mo_code = ${who.orgCode} and d.person_id = t.person_id
         and left(d.diagnosis, 3) = left(t.diagnosis, 3) and t.date_to >= d.date_in
        group by d.id
      ), closed as (
        update prevention.dispensary d
          set last_visit = s.last_visit,
              overdue_from = prevention.overdue_from(d.visit_from, d.visit_to, s.last_visit),
              updated_at = now(), change_seq = nextval('prevention.change_seq')
        from seen s
        where d.id = s.id and (d.last_visit is null or d.last_visit < s.last_visit)
        returning d.id, d.person_id
      )
      select (select coalesce(json_agg(json_build_array("sourceId", id)), '[]') from stored) as stored,
             (select coalesce(json_agg(json_build_array(id::text, person_id::text)), '[]') from closed) as closed`;
    const ids = new Map(result!.stored);
    // A ДН record whose owed visit a case closed goes into the audit entry of the first case of its person.
    const itemOf = new Map<string, number>();
    items.forEach(({ facts }, item) => {
      if (!itemOf.has(facts!.personId)) itemOf.set(facts!.personId, item);
    });
    return {
      ids: items.map(({ record }) => ids.get(record.sourceId) ?? null),
      also: result!.closed.map(([record, person]) => ({ item: itemOf.get(person)!, record, person })),
    };
  },
};
