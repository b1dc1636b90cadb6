import { resolvePatients } from '../../person/db/patients';
import type { ExchangeContext, KindHandler } from '../../platform/exchange/package-processor';
import { checkConsultationRequest, type RequestWrite } from '../domain/consultation-rules';
import { ConsultationRequestRecord } from '../domain/records';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Consultation requests of the МО that asks: checked against the МО of the region, МКБ-10 on the request's date and
 * the register; upserted in one statement by sender and source id (`cancelled` withdraws a request not answered),
 * which links the person to the consulting МО.
 */
export const consultationRequestHandler: Omit<
  KindHandler<ExchangeContext, ConsultationRequestRecord, RequestWrite | null>,
  'permission'
> = {
  schema: ConsultationRequestRecord,
  keys: (r) => [`consultation:${r.sourceId}`],
  async check(ctx, who, records) {
    const [row] = await ctx.tx<{ today: string; mos: string[]; diagnoses: string[] }[]>`
      select current_date::text as today,
        coalesce((select array_agg(code) from org.organisation
                  where kind = 'MO' and code = any(${records.map((r) => r.consultingMoCode)}::text[])), '{}') as mos,
        coalesce((select array_agg(q.code || '/' || q.day)
                  from unnest(${records.map((r) => r.diagnosis)}::text[], ${records.map((r) => r.requestDate)}::text[])
                         q(code, day)
                  where exists (select 1 from nsi.record n
                                where n.directory_code = 'MKB10' and n.code = q.code and n.date_beg <= q.day::date
                                  and (n.date_end is null or n.date_end >= q.day::date))), '{}') as diagnoses`;
    const resolutions = await resolvePatients(
      ctx.tx,
      records.map((r) => ({ ...r, onDate: r.requestDate })),
    );
    const facts = {
      rules: ctx.rules,
      today: row!.today,
      resolutions,
      medicalOrganisations: new Set(row!.mos),
      validDiagnoses: new Set(row!.diagnoses),
    };
    return records.map((r) => checkConsultationRequest(facts, who.orgCode, r));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: r, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: r.sourceId,
      person_id: facts!.personId,
      smo_code: facts!.smoCode,
      consulting_mo_code: r.consultingMoCode,
      type: r.type,
      urgency: r.urgency,
      request_date: r.requestDate,
      diagnosis: r.diagnosis,
      specialty: r.specialty ?? null,
      question: r.question ?? null,
      referral_number: r.referralNumber ?? null,
      cancelled: r.cancelled,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      with stored as (
      insert into consultation.consultation (sender_code, source_id, package_ref, person_id, smo_code,
        requesting_mo_code, consulting_mo_code, type, urgency, request_date, diagnosis, specialty, question,
        referral_number, status)
      select ${who.orgCode}, source_id, package_ref, person_id, smo_code, ${who.orgCode}, consulting_mo_code, type,
             urgency, request_date, diagnosis, specialty, question, referral_number,
             case when cancelled then 'cancelled' else 'requested' end
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, package_ref bigint, source_id text, person_id bigint, smo_code text, consulting_mo_code text,
        type smallint, urgency smallint, request_date date, diagnosis text, specialty int, question text,
        referral_number text, cancelled boolean)
      order by ord
      on conflict (sender_code, source_id) do update
        set package_ref = excluded.package_ref, consulting_mo_code = excluded.consulting_mo_code,
            type = excluded.type, urgency = excluded.urgency, request_date = excluded.request_date,
            diagnosis = excluded.diagnosis, specialty = excluded.specialty, question = excluded.question,
            referral_number = excluded.referral_number,
            status = case when consultation.consultation.status = 'done' then 'done' else excluded.status end,
            updated_at = now(), change_seq = nextval('consultation.change_seq')
        where consultation.consultation.person_id = excluded.person_id
      returning id::text, source_id as "sourceId", person_id, consulting_mo_code
      ), linked as (
        -- The consulting МО reads the person of a request addressed to it (as a hospital its patients').
        select app.link_persons(array_agg(person_id), array_agg(consulting_mo_code), 'consultation') from stored
      )
      select id, "sourceId" from stored, linked`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
