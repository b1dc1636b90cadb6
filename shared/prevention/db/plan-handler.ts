import { foundPersons, resolvePatients } from '../../person/db/patients';
import type { KindHandler } from '../../platform/exchange/package-processor';
import { checkPlanEntry, type PlanFacts, type PlanWrite, plannedKey } from '../domain/plan-rules';
import { PlanEntryRecord } from '../domain/records';
import type { PreventionContext } from './lookups';

/** Rows as one JSON parameter for `json_to_recordset`. */
const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * The facts of a package of plan entries in three statements: today and the sender's districts; the register's
 * answer for every entry's patient (policy on today); the resolved persons' birth dates and attachment in each
 * plan year (`prevention.plan_persons`) with the sender's entries already planned.
 */
async function loadPlanFacts(
  ctx: PreventionContext,
  moCode: string,
  entries: readonly PlanEntryRecord[],
): Promise<PlanFacts> {
  const [first] = await ctx.tx<{ today: string; districts: string[] }[]>`
    select current_date::text as today,
      coalesce((select array_agg(code) from org.district where mo_code = ${moCode}), '{}') as districts`;
  const resolutions = await resolvePatients(ctx.tx, entries);
  const personIds = foundPersons(resolutions);
  const years = [...new Set(entries.map((e) => e.year))];
  const [second] = await ctx.tx<
    {
      persons: { year: number; id: string; birthDate: string; attached: boolean }[];
      planned: { year: number; kind: string; personId: string; sourceId: string }[];
    }[]
  >`
    select
      (select coalesce(json_agg(json_build_object('year', y, 'id', p.person_id::text, 'birthDate', p.birth_date,
                                                  'attached', p.attached)), '[]')
       from unnest(${years}::int[]) y, prevention.plan_persons(y, ${personIds}::bigint[]) p) as persons,
      (select coalesce(json_agg(json_build_object('year', e.year, 'kind', e.kind, 'personId', e.person_id::text,
                                                  'sourceId', e.source_id)), '[]')
       from prevention.plan_entry e
       where e.mo_code = ${moCode} and e.year = any(${years}::smallint[])
         and e.person_id = any(${personIds}::bigint[])) as planned`;
  const persons = new Map<string, { birthDate: string; attachedIn: Set<number> }>();
  for (const p of second!.persons) {
    const person = persons.get(p.id) ?? { birthDate: p.birthDate, attachedIn: new Set<number>() };
    if (p.attached) person.attachedIn.add(p.year);
    persons.set(p.id, person);
  }
  return {
    rules: ctx.rules,
    today: first!.today,
    districts: new Set(first!.districts),
    resolutions,
    persons,
    planned: new Map(second!.planned.map((p) => [plannedKey(p.year, p.kind, p.personId), p.sourceId])),
  };
}

/**
 * Plan entries (D§2.4.1): each person of the МО's yearly list for ПМО, ДВН, УДВН or ДН, by month or quarter,
 * district and doctor; upserted in one statement by sender and source id (`withdrawn` takes a person off the
 * list). The furthest step stays as the steps left it.
 */
export const planEntryHandler: Omit<
  KindHandler<PreventionContext, PlanEntryRecord, PlanWrite | null>,
  'permission'
> = {
  schema: PlanEntryRecord,
  keys: (entry) => [`plan:${entry.sourceId}`],
  async check(ctx, who, entries) {
    const facts = await loadPlanFacts(ctx, who.orgCode, entries);
    return entries.map((entry) => checkPlanEntry(facts, entry));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: e, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: e.sourceId,
      person_id: facts!.personId,
      smo_code: facts!.smoCode,
      year: e.year,
      kind: e.kind,
      months: e.months,
      quarter: e.quarter ?? null,
      district_code: e.districtCode ?? null,
      doctor_snils: e.doctorSnils ?? null,
      category: e.category,
      phone: e.phone ?? null,
      comment: e.comment ?? null,
      withdrawn: e.withdrawn,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      insert into prevention.plan_entry (sender_code, source_id, package_ref, mo_code, person_id, smo_code, year,
                                         kind, months, quarter, district_code, doctor_snils, category, phone,
                                         comment, withdrawn, sort_name)
      select ${who.orgCode}, source_id, package_ref, ${who.orgCode}, person_id, smo_code, year, kind,
             array(select json_array_elements_text(months)::smallint), quarter, district_code, doctor_snils,
             category, phone, comment, withdrawn,
             coalesce((select concat_ws(' ', p.fam, p.im, p.ot) from person.person p where p.id = t.person_id), '')
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, package_ref bigint, source_id text, person_id bigint, smo_code text, year smallint, kind text,
        months json, quarter smallint, district_code text, doctor_snils text, category smallint, phone text,
        comment text, withdrawn boolean)
      order by ord
      on conflict (sender_code, source_id) do update
        set package_ref = excluded.package_ref, person_id = excluded.person_id, smo_code = excluded.smo_code,
            year = excluded.year, kind = excluded.kind, months = excluded.months, quarter = excluded.quarter,
            district_code = excluded.district_code, doctor_snils = excluded.doctor_snils,
            category = excluded.category, phone = excluded.phone, comment = excluded.comment,
            withdrawn = excluded.withdrawn, sort_name = excluded.sort_name, updated_at = now(), change_seq = nextval('prevention.change_seq')
      returning id::text, source_id as "sourceId"`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
