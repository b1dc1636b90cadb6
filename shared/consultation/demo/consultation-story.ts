import { Random } from '../../demo/random';
import { type DemoOrganisation, generateRegionStructure } from '../../demo/region-structure';
import { addDays, ageOn, iso, sendInChunks, systemOf } from '../../demo/story-support';
import type { AccessContext } from '../../platform/access/scoped';
import type { DemoStory } from '../../platform/area';
import type { Sql } from '../../platform/db/connection';
import { type ConsultationMessageKind, processConsultationPackage } from '../db/process-package';
import type { ConclusionRecord, ConsultationRequestRecord } from '../domain/records';
import {
  type ConsultationTopic,
  type ConsultingCentre,
  consultingCentres,
  topicDiagnoses,
  topicsOf,
} from './consultation-topics';

interface Attached {
  moCode: string;
  enp: string;
  sex: 1 | 2;
  birthDate: string;
}

/** The centres an МО asks, by whom its districts serve, with their weights. */
function centresFor(mo: DemoOrganisation): [ConsultingCentre[], number[]] {
  if (mo.serves === 'children') return [['ОДКБ'], [1]];
  if (mo.serves === 'adults')
    return [
      ['ООД', 'ОККД', 'ОКБ № 1'],
      [40, 35, 25],
    ];
  return [
    ['ООД', 'ОККД', 'ОКБ № 1', 'ОДКБ'],
    [35, 30, 25, 10],
  ];
}

/**
 * The demo region's telemedicine consultations of the last year, sent through the consultation exchange: each
 * primary-care МО (its system account) asks the regional centres — the oncology and cardiology dispensaries, the
 * regional hospital, the children's hospital — about its attached persons, mostly doctor–doctor; the centre answers
 * a few days later with its conclusion and recommendations. The newest requests still wait, a few older ones too,
 * and a couple are withdrawn by the МО. Runs before the informing story, which tells the persons of the
 * recommendations (shared/area-demos.ts).
 */
export const consultationDemoStory: DemoStory = {
  title: 'demo telemedicine consultations',
  async run(sql, options) {
    const present =
      await sql`select 1 from consultation.package where package_id like 'demo-cons-conclusions-%' limit 1`;
    if (present.length > 0) return { status: 'present', summary: '', ms: 0 };
    const started = performance.now();
    const interrupted = () => ({
      status: 'interrupted' as const,
      summary: '',
      ms: performance.now() - started,
    });
    const today = iso(new Date());
    const yearAgo = addDays(today, -364);
    const region = generateRegionStructure(options.seed);
    const mos = region.organisations.filter((o) => o.kind === 'MO');
    const centreCodes = new Map(
      consultingCentres.map((c) => [c, mos.find((o) => o.shortName === c)?.code] as const),
    );
    const primary = mos.filter((o) => o.serves !== null);
    const valid = new Set(await validDiagnoses(sql, yearAgo));
    const attached = await attachedPersons(
      sql,
      primary.map((o) => o.code),
      yearAgo,
    );
    const totals = { requests: 0, conclusions: 0, cancelled: 0 };
    const conclusionsBy = new Map<string, ConclusionRecord[]>();
    for (const mo of primary) {
      if (options.signal?.aborted) return interrupted();
      const rnd = new Random(`${options.seed}/consultation/${mo.code}`);
      const persons = attached.get(mo.code) ?? [];
      const [centres, weights] = centresFor(mo);
      const requests: ConsultationRequestRecord[] = [];
      const cancellations: ConsultationRequestRecord[] = [];
      const count = mo.serves === 'children' ? rnd.int(4, 8) : rnd.int(10, 22);
      for (let i = 1; i <= count && persons.length > 0; i++) {
        const centre = rnd.weighted(centres, weights);
        const centreCode = centreCodes.get(centre);
        const requestDate = addDays(today, -rnd.int(0, 364));
        const chosen = choose(rnd, persons, topicsOf[centre], valid, requestDate);
        if (!centreCode || !chosen) continue;
        const { person, topic } = chosen;
        const urgency = rnd.weighted([1, 2] as const, [85, 15]);
        const request: ConsultationRequestRecord = {
          sourceId: `demo-cons-${mo.code}-${i}`,
          patient: { enp: person.enp },
          requestingMoCode: mo.code,
          consultingMoCode: centreCode,
          type: rnd.chance(0.85) ? 1 : 2,
          urgency,
          requestDate,
          diagnosis: topic.diagnosis,
          specialty: topic.specialty,
          question: topic.question,
          cancelled: false,
        };
        requests.push(request);
        const consultDate = addDays(requestDate, urgency === 2 ? rnd.int(0, 1) : rnd.int(1, 7));
        const fate = rnd.next();
        if (fate < 0.012) cancellations.push({ ...request, cancelled: true });
        else if (consultDate <= today && fate >= 0.03) {
          const answer = rnd.int(0, topic.conclusions.length - 1);
          const list = conclusionsBy.get(centreCode) ?? [];
          list.push({
            sourceId: `demo-concl-${mo.code}-${i}`,
            request: { requestingMoCode: mo.code, sourceId: request.sourceId },
            consultDate,
            diagnosis: topic.diagnosis,
            conclusion: topic.conclusions[answer]!,
            recommendations: topic.recommendations[answer]!,
          });
          conclusionsBy.set(centreCode, list);
        }
      }
      const who = systemOf('mo_system', mo.code);
      totals.requests += await send(sql, who, 'request', `demo-cons-requests-${mo.code}`, requests);
      totals.cancelled += await send(sql, who, 'request', `demo-cons-cancel-${mo.code}`, cancellations);
    }
    for (const [centreCode, conclusions] of conclusionsBy) {
      if (options.signal?.aborted) return interrupted();
      totals.conclusions += await send(
        sql,
        systemOf('mo_system', centreCode),
        'conclusion',
        `demo-cons-conclusions-${centreCode}`,
        conclusions,
      );
    }
    const ms = Math.round(performance.now() - started);
    const waiting = totals.requests - totals.conclusions - totals.cancelled;
    return {
      status: 'generated',
      ms,
      summary:
        `Demo telemedicine consultations of the last year sent through the exchange in ${(ms / 1000).toFixed(1)} s: ` +
        `${totals.requests} consultations requested by ${primary.length} МО, ${totals.conclusions} conclusions, ` +
        `${totals.cancelled} cancelled, ${waiting} awaiting a conclusion.`,
    };
  },
};

/** A person attached to the МО whom one of the centre's topics fits (age, sex), the topic's diagnosis valid. */
function choose(
  rnd: Random,
  persons: readonly Attached[],
  topics: readonly ConsultationTopic[],
  valid: ReadonlySet<string>,
  date: string,
): { person: Attached; topic: ConsultationTopic } | null {
  for (let attempt = 0; attempt < 12; attempt++) {
    const person = rnd.pick(persons);
    const age = ageOn(person.birthDate, date);
    const fitting = topics.filter(
      (t) =>
        valid.has(t.diagnosis) &&
        age >= t.minAge &&
        age <= (t.maxAge ?? 120) &&
        (t.sex === undefined || t.sex === person.sex),
    );
    if (fitting.length > 0) return { person, topic: rnd.pick(fitting) };
  }
  return null;
}

/** Sends records in packages of at most 1 000 (the exchange's limit); answers how many were accepted. */
function send(
  sql: Sql,
  who: AccessContext,
  kind: ConsultationMessageKind,
  packageId: string,
  records: readonly unknown[],
): Promise<number> {
  return sendInChunks(records, 1_000, packageId, (id, chunk) =>
    processConsultationPackage(sql, who, kind, { packageId: id, senderCode: who.orgCode }, chunk),
  );
}

/** The topics' diagnoses valid in МКБ-10 over the whole year. */
async function validDiagnoses(sql: Sql, from: string): Promise<string[]> {
  const rows = await sql<{ code: string }[]>`
    select code from nsi.record
    where directory_code = 'MKB10' and code = any(${topicDiagnoses}) and date_beg <= ${from}::date
      and (date_end is null or date_end >= current_date)`;
  return rows.map((r) => r.code);
}

/** The persons attached to these МО today and insured all year, by МО. */
async function attachedPersons(sql: Sql, moCodes: string[], insuredSince: string) {
  const rows = await sql<Attached[]>`
    select a.mo_code as "moCode", p.enp, p.sex, p.birth_date::text as "birthDate"
    from person.attachment a
    join person.person p on p.id = a.person_id
    where a.date_end is null and a.mo_code = any(${moCodes})
      and exists (select 1 from person.policy po
                  where po.person_id = p.id and po.date_beg <= ${insuredSince}::date and po.date_end is null)
    order by p.id`;
  const byMo = new Map<string, Attached[]>();
  for (const r of rows) {
    const list = byMo.get(r.moCode);
    if (list) list.push(r);
    else byMo.set(r.moCode, [r]);
  }
  return byMo;
}
