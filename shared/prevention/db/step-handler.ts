import { foundPersons, resolvePatients } from '../../person/db/patients';
import type { KindHandler } from '../../platform/exchange/package-processor';
import type { ExamStepCode } from '../domain/exam-steps';
import { plannedKey } from '../domain/plan-rules';
import { StepRecord } from '../domain/records';
import { checkStep, type StepWrite } from '../domain/step-rules';
import type { PreventionContext } from './lookups';

/** Rows as one JSON parameter for `json_to_recordset`. */
const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Participation steps (D§2.4.3): checked against the register (policy on the step's date) and the sender's plan
 * entries of the same persons; written in one statement that also moves each plan entry's furthest step forward
 * (never back: a lower rank leaves it).
 */
export const stepHandler: Omit<KindHandler<PreventionContext, StepRecord, StepWrite | null>, 'permission'> = {
  schema: StepRecord,
  keys: (step) => [
    `step:${step.sourceId}`,
    `patient:${step.patient.enp ?? step.patient.snils ?? step.sourceId}`,
  ],
  async check(ctx, who, steps) {
    const resolutions = await resolvePatients(
      ctx.tx,
      steps.map((s) => ({ sourceId: s.sourceId, patient: s.patient, onDate: s.date })),
    );
    const years = [...new Set(steps.map((s) => Number(s.date.slice(0, 4))))];
    const [row] = await ctx.tx<
      {
        today: string;
        planned: { year: number; kind: string; personId: string; furthestStep: number | null }[];
      }[]
    >`
      select current_date::text as today,
        (select coalesce(json_agg(json_build_object('year', e.year, 'kind', e.kind, 'personId', e.person_id::text,
                                                    'furthestStep', e.furthest_step)), '[]')
         from prevention.plan_entry e
         where e.mo_code = ${who.orgCode} and e.year = any(${years}::smallint[]) and not e.withdrawn
           and e.person_id = any(${foundPersons(resolutions)}::bigint[])) as planned`;
    const planned = new Map(
      row!.planned.map((p) => [
        plannedKey(p.year, p.kind, p.personId),
        { furthestStep: p.furthestStep as ExamStepCode | null },
      ]),
    );
    const facts = { rules: ctx.rules, today: row!.today, resolutions, planned };
    return steps.map((step) => checkStep(facts, step));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: s, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: s.sourceId,
      person_id: facts!.personId,
      smo_code: facts!.smoCode,
      year: facts!.year,
      kind: s.kind,
      step: s.step,
      rank: facts!.rank,
      step_date: s.date,
      method: s.method,
      previous_date: s.previousDate ?? null,
      source: facts!.source ?? 'direct',
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      with t as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, source_id text, person_id bigint, smo_code text, year smallint, kind text,
          step smallint, rank smallint, step_date date, method smallint, previous_date date, source text)
      ), stored as (
        insert into prevention.step (sender_code, source_id, package_ref, mo_code, person_id, smo_code, year, kind,
                                     step, step_date, method, previous_date, source)
        select ${who.orgCode}, source_id, package_ref, ${who.orgCode}, person_id, smo_code, year, kind, step,
               step_date, method, previous_date, source
        from t order by ord
        on conflict (sender_code, source_id) do update
          set package_ref = excluded.package_ref, step = excluded.step, step_date = excluded.step_date,
              method = excluded.method, previous_date = excluded.previous_date, received_at = now(),
              change_seq = nextval('prevention.change_seq')
        returning id::text, source_id as "sourceId"
      ), furthest as (
        select distinct on (person_id, year, kind) person_id, year, kind, step, rank, step_date
        from t order by person_id, year, kind, rank desc, step_date desc, ord desc
      ), advanced as (
        update prevention.plan_entry e
          set furthest_step = f.step, furthest_rank = f.rank, furthest_step_date = f.step_date, updated_at = now(),
              change_seq = nextval('prevention.change_seq')
        from furthest f
        where e.mo_code = ${who.orgCode} and e.person_id = f.person_id and e.year = f.year and e.kind = f.kind
          and (e.furthest_rank is null or f.rank >= e.furthest_rank)
        returning e.id
      )
      select "sourceId", id from stored`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
