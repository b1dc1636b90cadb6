import { Random } from '../../demo/random';
import type { Sql } from '../../platform/db/connection';
import type { ResultRecord } from '../domain/records';
import { addDays, maxDate, minDate, sendInforming, systemOf } from './demo-support';
import { representativesOf } from './operators';

interface OpenRequest {
  id: string;
  smoCode: string;
  reason: string;
  requestDate: string;
  deadline: string;
}

/** How the СМО reached the person when it did (SMS, e-mail, phone, mail, other, ЕПГУ, messenger). */
const methods = [1, 2, 3, 4, 5, 6, 7] as const;
const methodWeights = [28, 5, 30, 3, 4, 17, 13];

/**
 * Each СМО's results for the open requests the demo has not answered yet, as its system would send them: most
 * persons informed by the deadline, some late, a few refuse or have died or moved, some never reached; a share
 * after failed attempts (no answer, wrong contacts) with a reminder. Answers how many results were accepted.
 */
export async function sendResults(sql: Sql, seed: string, today: string): Promise<number> {
  const requests = await sql<OpenRequest[]>`
    select id::text, smo_code as "smoCode", reason, request_date::text as "requestDate", deadline::text
    from informing.request r
    where status = 'open' and request_date <= ${today}::date
      and not exists (select 1 from informing.result s where s.request_id = r.id)
    order by id`;
  const bySmo = new Map<string, ResultRecord[]>();
  for (const r of requests) {
    const records = resultsOf(new Random(`${seed}/informing/${r.id}`), r, today);
    if (records.length === 0) continue;
    const list = bySmo.get(r.smoCode);
    if (list) list.push(...records);
    else bySmo.set(r.smoCode, records);
  }
  let accepted = 0;
  for (const [smoCode, records] of bySmo) {
    const packageId = `demo-results-${smoCode}-${records[0]!.requestId}`;
    accepted += await sendInforming(sql, systemOf('smo_system', smoCode), 'result', packageId, records);
  }
  return accepted;
}

/** One request's results in the order they happened (attempts first), none dated after today. */
function resultsOf(rnd: Random, r: OpenRequest, today: string): ResultRecord[] {
  const dice = rnd.next();
  if (dice >= 0.93) return []; // not reached yet
  const [firstStep, reminderStep] = r.reason === 'DVN2' ? [3, 4] : [1, 2];
  const span = Math.max(0, Math.round((Date.parse(r.deadline) - Date.parse(r.requestDate)) / 86_400_000));
  const operator = rnd.pick(representativesOf(r.smoCode));
  const closing: { outcome: number; date: string } | null =
    dice < 0.72
      ? { outcome: 1, date: addDays(r.requestDate, rnd.int(0, span)) }
      : dice < 0.82
        ? { outcome: 1, date: addDays(r.deadline, rnd.int(1, 10)) }
        : dice < 0.855
          ? { outcome: 2, date: addDays(r.requestDate, rnd.int(0, span)) }
          : dice < 0.865
            ? { outcome: 5, date: addDays(r.requestDate, rnd.int(0, span + 5)) }
            : null; // attempts only: never reached
  const late = dice >= 0.72 && dice < 0.82;
  const attemptsFirst = rnd.chance(late ? 0.6 : 0.2) ? rnd.weighted([1, 2], [75, 25]) : 0;
  const attempts = closing === null ? rnd.int(1, 2) : attemptsFirst;
  const lastAttempt = closing ? closing.date : minDate(today, addDays(r.deadline, 7));
  const records: ResultRecord[] = [];
  const attemptDays = Array.from({ length: attempts }, () =>
    rnd.int(0, Math.max(0, Math.round((Date.parse(lastAttempt) - Date.parse(r.requestDate)) / 86_400_000))),
  ).sort((a, b) => a - b);
  attemptDays.forEach((days, n) => {
    const wrongContacts = rnd.chance(0.2);
    records.push({
      sourceId: `demo-attempt-${r.id}-${n + 1}`,
      requestId: r.id,
      date: addDays(r.requestDate, days),
      method: wrongContacts
        ? rnd.weighted([1, 2, 3, 4], [30, 15, 45, 10])
        : rnd.weighted([3, 1, 7], [70, 15, 15]),
      step: n === 0 ? firstStep : reminderStep,
      outcome: wrongContacts ? 4 : 3,
      operator,
    });
  });
  if (closing) {
    records.push({
      sourceId: `demo-result-${r.id}`,
      requestId: r.id,
      date: maxDate(closing.date, records.at(-1)?.date ?? closing.date),
      method: closing.outcome === 5 ? rnd.weighted([3, 5], [40, 60]) : rnd.weighted(methods, methodWeights),
      step: attempts > 0 && rnd.chance(0.6) ? reminderStep : firstStep,
      outcome: closing.outcome,
      operator,
    });
  }
  return records.filter((x) => x.date <= today);
}
