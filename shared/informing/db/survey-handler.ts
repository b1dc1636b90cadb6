import { resolvePatients } from '../../person/db/patients';
import { checkPatient } from '../../person/domain/patient-check';
import type { ExchangeContext, KindHandler } from '../../platform/exchange/package-processor';
import { SurveyRecord, surveyIssues } from '../domain/surveys';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Surveys the СМО records: checked against the МО of the region, today and the condition's questionnaire (and the
 * register, when the respondent gave themselves); upserted in one statement by sender and source id.
 */
export const surveyHandler: Omit<
  KindHandler<ExchangeContext, SurveyRecord, { personId: string | null }>,
  'permission'
> = {
  schema: SurveyRecord,
  keys: (s) => [`survey:${s.sourceId}`],
  async check(ctx, _who, records) {
    const [row] = await ctx.tx<{ today: string; mos: string[] }[]>`
        select current_date::text as today,
          coalesce((select array_agg(code) from org.organisation
                    where kind = 'MO' and code = any(${records.map((r) => r.moCode)}::text[])), '{}') as mos`;
    const named = records.flatMap((r) =>
      r.patient ? [{ sourceId: r.sourceId, patient: r.patient, onDate: r.date }] : [],
    );
    const resolutions = named.length > 0 ? await resolvePatients(ctx.tx, named) : new Map();
    const facts = { today: row!.today, medicalOrganisations: new Set(row!.mos) };
    return records.map((s) => {
      const issues = surveyIssues(ctx.rules, s, facts);
      if (!s.patient) return { issues, facts: { personId: null }, persons: [] };
      const patient = checkPatient(ctx.rules, s.patient, resolutions.get(s.sourceId));
      issues.push(...patient.issues.filter((i) => i.rule !== 'ID.NOT_INSURED'));
      const personId = patient.person?.personId ?? null;
      return { issues, facts: { personId }, persons: personId ? [personId] : [] };
    });
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: s, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: s.sourceId,
      mo_code: s.moCode,
      person_id: facts.personId,
      condition: s.condition,
      survey_date: s.date,
      answers: s.answers,
      age: s.age ?? null,
      sex: s.sex ?? null,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
        insert into informing.survey (sender_code, source_id, package_ref, smo_code, mo_code, person_id, condition,
                                      survey_date, answers, age, sex)
        select ${who.orgCode}, source_id, package_ref, ${who.orgCode}, mo_code, person_id, condition, survey_date,
               answers, age, sex
        from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, source_id text, mo_code text, person_id bigint, condition smallint,
          survey_date date, answers jsonb, age smallint, sex smallint)
        order by ord
        on conflict (sender_code, source_id) do update
          set package_ref = excluded.package_ref, mo_code = excluded.mo_code, person_id = excluded.person_id,
              condition = excluded.condition, survey_date = excluded.survey_date, answers = excluded.answers,
              age = excluded.age, sex = excluded.sex, change_seq = nextval('informing.change_seq')
        returning id::text, source_id as "sourceId"`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
