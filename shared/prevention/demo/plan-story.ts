import { Random } from '../../demo/random';
import { generateRegionStructure } from '../../demo/region-structure';
import { addDays, iso } from '../../demo/story-support';
import { type AccessContext, withCaller } from '../../platform/access/scoped';
import type { DemoStory } from '../../platform/area';
import type { Sql } from '../../platform/db/connection';
import { type DraftEntry, draftList } from '../db/draft-list';
import {
  maxPreventionRecords,
  type PreventionMessageKind,
  processPreventionPackage,
} from '../db/process-package';
import type { ExamStepCode, PreventionKind } from '../domain/exam-steps';
import type { DispensaryRecord, PolyclinicCaseRecord, StepRecord } from '../domain/records';

/** Diagnoses the demo puts under dispensary observation (hypertension, diabetes, COPD, ischaemic heart disease). */
const observedDiagnoses = ['I10', 'I11.9', 'E11.9', 'J44.9', 'I25.1'];

/** A person's path this year so far: the steps their month has reached (deterministic per seed and person). */
function pathOf(rnd: Random, kind: PreventionKind): ExamStepCode[] {
  const r = rnd.next();
  if (kind === 'PMO') return r < 0.05 ? [201] : r < 0.85 ? [202, 203] : r < 0.92 ? [202] : [];
  if (r < 0.05) return [101];
  if (r < 0.6) return [102, 103];
  if (r < 0.72) return [102, 103, 104, 106, 107];
  if (r < 0.78) return [102, 103, 104];
  if (r < 0.86) return [102];
  return [];
}

/**
 * The demo region's prevention year, sent through the prevention exchange as each primary-care МО's system account,
 * the way an МО works: it draws its draft plan lists (ДВН, ПМО) and sends them; reports the steps of the persons
 * whose planned month has come (most finish stage 1, some go to stage 2, a few refuse); puts a share of its older
 * persons under dispensary observation with quarterly visit windows, most visited, some overdue; and reports the
 * polyclinic visits that kept them. Then the ДН plan list from its draft.
 */
export const preventionPlanStory: DemoStory = {
  title: 'demo prevention plans, steps and ДН',
  async run(sql, options) {
    const present = await sql`select 1 from prevention.package where package_id like 'demo-plan-%' limit 1`;
    if (present.length > 0) return { status: 'present', summary: '', ms: 0 };
    const started = performance.now();
    const today = iso(new Date());
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const region = generateRegionStructure(options.seed);
    const primary = region.organisations.filter(
      (o) => o.kind === 'MO' && o.serves !== null && o.serves !== 'children',
    );
    const codes = await currentCodes(sql);
    const totals = { plan: 0, steps: 0, dispensary: 0, cases: 0 };
    for (const mo of primary) {
      if (options.signal?.aborted)
        return { status: 'interrupted', summary: '', ms: performance.now() - started };
      const who: AccessContext = {
        username: 'demo',
        role: 'mo_system',
        orgCode: mo.code,
        orgKind: 'MO',
        channel: 'file',
        requestId: 'demo',
      };
      const send = (kind: PreventionMessageKind, packageId: string, records: unknown[]) =>
        sendAll(sql, who, kind, packageId, records);
      const rnd = new Random(`${options.seed}/prevention/${mo.code}`);
      const steps: StepRecord[] = [];
      const dispensary: DispensaryRecord[] = [];
      const cases: PolyclinicCaseRecord[] = [];
      for (const kind of ['DVN', 'PMO'] as const) {
        const draft = await drawDraft(sql, who, year, kind);
        totals.plan += await send(
          'plan-entry',
          `demo-plan-${mo.code}-${year}-${kind}`,
          draft.map(planRecord),
        );
        for (const entry of draft) {
          const planned = entry.months[0] ?? 1;
          const path = planned <= month ? pathOf(rnd, kind) : [];
          let date = `${year}-${String(planned).padStart(2, '0')}-${String(rnd.int(1, 25)).padStart(2, '0')}`;
          for (const step of path) {
            if (date >= today) break;
            steps.push({
              sourceId: `demo-step-${entry.personId}-${kind}-${step}`,
              patient: entry.patient,
              kind,
              step,
              date,
              method: 1,
            });
            date = addDays(date, rnd.int(1, 14));
          }
          if (kind === 'DVN' && codes.specialty && entry.birthDate < `${year - 45}` && rnd.chance(0.12)) {
            const diagnosis = rnd.pick(codes.diagnoses);
            const dateIn = addDays(today, -rnd.int(200, 900));
            const visits = [-270, -180, -90, 0, 90]
              .map((d) => ({ from: addDays(today, d - 30), to: addDays(today, d) }))
              .filter((w) => w.from >= dateIn);
            const keptUp = rnd.chance(0.75);
            dispensary.push({
              sourceId: `demo-dn-${entry.personId}-${diagnosis}`,
              patient: entry.patient,
              diagnosis,
              dateIn,
              statusIn: rnd.chance(0.7) ? 1 : 2,
              specialty: codes.specialty,
              moAssign: 1,
              visits,
              ...(keptUp ? {} : { lastVisit: addDays(today, -rnd.int(150, 200)) }),
            });
            if (keptUp && codes.purpose) {
              const visit = addDays(today, -rnd.int(1, 25));
              cases.push({
                sourceId: `demo-case-${entry.personId}-${diagnosis}`,
                patient: entry.patient,
                dateFrom: visit,
                dateTo: visit,
                purpose: codes.purpose,
                diagnosis,
                specialty: codes.specialty,
                visits: 1,
              });
            }
          }
        }
      }
      totals.steps += await send('step', `demo-steps-${mo.code}-${today}`, steps);
      totals.dispensary += await send('dispensary', `demo-dn-${mo.code}`, dispensary);
      totals.cases += await send('polyclinic-case', `demo-cases-${mo.code}-${today}`, cases);
      const dnDraft = await drawDraft(sql, who, year, 'DN');
      totals.plan += await send('plan-entry', `demo-plan-${mo.code}-${year}-DN`, dnDraft.map(planRecord));
    }
    const ms = Math.round(performance.now() - started);
    return {
      status: 'generated',
      ms,
      summary:
        `Demo prevention year sent through the exchange in ${(ms / 1000).toFixed(1)} s: ${totals.plan} plan entries, ` +
        `${totals.steps} steps, ${totals.dispensary} ДН records, ${totals.cases} polyclinic cases of ${primary.length} МО.`,
    };
  },
};

const planRecord = (e: DraftEntry) => ({
  sourceId: e.sourceId,
  patient: e.patient,
  year: e.year,
  kind: e.kind,
  months: e.months,
  ...(e.districtCode ? { districtCode: e.districtCode } : {}),
  ...(e.doctorSnils ? { doctorSnils: e.doctorSnils } : {}),
});

/** The МО's whole draft list for a year and kind, page by page. */
async function drawDraft(
  sql: Sql,
  who: AccessContext,
  year: number,
  kind: PreventionKind,
): Promise<DraftEntry[]> {
  const all: DraftEntry[] = [];
  for (let page = 1; ; page++) {
    const got = await withCaller(sql, who, (tx) =>
      draftList(tx, { moCode: who.orgCode, year, kind, page, pageSize: 5_000 }),
    );
    all.push(...got.items);
    if (!got.hasMore) return all;
  }
}

/** Sends records in packages of the most a package may hold; answers how many were accepted. */
async function sendAll(
  sql: Sql,
  who: AccessContext,
  kind: PreventionMessageKind,
  packageId: string,
  records: readonly unknown[],
): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < records.length; i += maxPreventionRecords) {
    const protocol = await processPreventionPackage(
      sql,
      who,
      kind,
      { packageId: `${packageId}-${i / maxPreventionRecords}`, senderCode: who.orgCode },
      records.slice(i, i + maxPreventionRecords),
    );
    accepted += protocol.accepted;
  }
  return accepted;
}

/** Codes valid today in the region's НСИ: the observed diagnoses, a therapist's specialty, a visit purpose. */
async function currentCodes(sql: Sql) {
  const valid = (directory: string, codes: string[]) => sql<{ code: string }[]>`
    select code from nsi.record
    where directory_code = ${directory} and code = any(${codes}) and date_beg <= current_date
      and (date_end is null or date_end >= current_date)
    order by array_position(${codes}::text[], code)`;
  const diagnoses = (await valid('MKB10', observedDiagnoses)).map((r) => r.code);
  const specialty = (await valid('V021', ['76', '27', '49']))[0]?.code;
  const purpose = (await valid('V025', ['1.3', '1.0', '3.0']))[0]?.code;
  return {
    diagnoses: diagnoses.length > 0 ? diagnoses : observedDiagnoses,
    specialty: specialty ? Number(specialty) : null,
    purpose: purpose ?? null,
  };
}
