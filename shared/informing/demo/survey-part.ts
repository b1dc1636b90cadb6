import { Random } from '../../demo/random';
import type { RegionStructure } from '../../demo/region-structure';
import type { Sql } from '../../platform/db/connection';
import { questionnaires, type SurveyRecord } from '../domain/surveys';
import { addDays, ageOn, sendInforming, systemOf } from './demo-support';

type Condition = 1 | 2 | 3;
const conditionOf = { polyclinic: 1, day_hospital: 2, inpatient: 3 } as const;

/** How a question fares against the МО's level: waiting and buildings rate worse, staff and free care better. */
const questionBias: Record<string, number> = {
  WAITING_TIME: -0.15,
  SEE_A_DOCTOR: -0.1,
  EQUIPMENT: -0.08,
  REPAIRS: -0.08,
  FOOD: -0.1,
  MEDICINES: -0.05,
  DOCTOR: 0.05,
  NURSES: 0.05,
  FREE_HELP: 0.08,
};

const ageBands: readonly [number, number][] = [
  [18, 34],
  [35, 54],
  [55, 74],
  [75, 90],
];

interface Respondent {
  enp: string;
  sex: 1 | 2;
  birthDate: string;
  smoCode: string;
  moCode: string | null;
}

/**
 * Surveys on the quality and accessibility of care over the last twelve months, recorded by each СМО's system
 * through the informing exchange: for every МО and care condition it provides (polyclinic, day hospital,
 * hospital), a few questionnaires a month, answered after the МО's own level (drawn once per МО, so the МО differ
 * visibly); about one in five respondents gave themselves (an insured person of that СМО, attached to the МО for a
 * polyclinic), the others mostly their age and sex. Answers how many surveys were accepted.
 */
export async function sendSurveys(
  sql: Sql,
  region: RegionStructure,
  seed: string,
  today: string,
): Promise<number> {
  const smos = region.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code);
  const respondents = await insuredAdults(sql, today);
  const bySmo = new Map<string, SurveyRecord[]>(smos.map((s) => [s, []]));
  for (const mo of region.organisations.filter((o) => o.kind === 'MO')) {
    const rnd = new Random(`${seed}/surveys/${mo.code}`);
    const level = 0.4 + 0.55 * rnd.next();
    const conditions = [
      ...new Set(region.departments.filter((d) => d.moCode === mo.code).map((d) => conditionOf[d.kind])),
    ].sort();
    for (const condition of conditions) {
      const conditionLevel = level + (rnd.next() - 0.5) * 0.1;
      for (let back = 11; back >= 0; back--) {
        const month = monthBack(today, back);
        for (let k = 1, n = rnd.int(2, 5); k <= n; k++) {
          const date = addDays(month, rnd.int(0, 27));
          if (date > today) continue;
          const smoCode = rnd.weighted(smos, [45, 35, 20]);
          const candidates =
            (condition === 1 && mo.serves !== 'children'
              ? respondents.attached.get(`${smoCode}/${mo.code}`)
              : respondents.all.get(smoCode)) ?? [];
          const named = candidates.length > 0 && rnd.chance(0.2) ? rnd.pick(candidates) : null;
          const record: SurveyRecord = {
            sourceId: `demo-survey-${mo.code}-${condition}-${month.slice(0, 7)}-${k}`,
            moCode: mo.code,
            condition: condition as Condition,
            date,
            answers: answersFor(rnd, condition as Condition, conditionLevel, mo.serves === 'children'),
          };
          if (named) {
            record.patient = { enp: named.enp };
            record.age = ageOn(named.birthDate, date);
            record.sex = named.sex;
          } else {
            if (rnd.chance(0.85)) {
              const [from, to] = rnd.weighted(ageBands, [25, 35, 30, 10]);
              record.age = rnd.int(from, to);
            }
            if (rnd.chance(0.9)) record.sex = rnd.chance(0.6) ? 2 : 1;
          }
          bySmo.get(smoCode)!.push(record);
        }
      }
    }
  }
  let accepted = 0;
  for (const [smoCode, records] of bySmo) {
    accepted += await sendInforming(
      sql,
      systemOf('smo_system', smoCode),
      'survey',
      `demo-surveys-${smoCode}`,
      records,
    );
  }
  return accepted;
}

/** The first day of the month `back` months before today's. */
function monthBack(today: string, back: number): string {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** One questionnaire's answers: mostly satisfied at a good МО, a few "cannot say", a question now and then left out. */
function answersFor(
  rnd: Random,
  condition: Condition,
  level: number,
  children: boolean,
): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const code of Object.keys(questionnaires[condition])) {
    if ((children && code === 'THERAPIST') || rnd.chance(0.08)) continue;
    const p = Math.min(0.97, Math.max(0.05, level + (questionBias[code] ?? 0)));
    answers[code] = rnd.chance(0.04)
      ? 5
      : rnd.chance(p)
        ? rnd.chance(0.6)
          ? 1
          : 2
        : rnd.chance(0.55)
          ? 3
          : 4;
  }
  if (Object.keys(answers).length === 0) answers.FREE_HELP = 1;
  return answers;
}

/** A sample of adults insured today (by СМО, and by СМО and the МО they are attached to). */
async function insuredAdults(sql: Sql, today: string) {
  const rows = await sql<Respondent[]>`
    select p.enp, p.sex, p.birth_date::text as "birthDate", po.smo_code as "smoCode", a.mo_code as "moCode"
    from person.person p
    join person.policy po on po.person_id = p.id and po.date_end is null
    left join person.attachment a on a.person_id = p.id and a.date_end is null
    where p.id % 7 = 0 and p.birth_date <= ${addDays(today, -19 * 366)}::date
      and po.date_beg <= ${addDays(today, -366)}::date
    order by p.id`;
  const all = new Map<string, Respondent[]>();
  const attached = new Map<string, Respondent[]>();
  const add = (map: Map<string, Respondent[]>, key: string, r: Respondent) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of rows) {
    add(all, r.smoCode, r);
    if (r.moCode) add(attached, `${r.smoCode}/${r.moCode}`, r);
  }
  return { all, attached };
}
