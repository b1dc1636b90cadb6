// SOAP exchange under load: single-record SendReferrals at 16 and 64 connections, GetReferrals of 50 items and
// with nothing new — each against the bare ceiling (ceiling-server.ts: HTTP + one INSERT, same PostgreSQL, same
// pool size) measured in the same run with the same connections. The servers run in child processes; autocannon
// drives them from this process. Part of `npm run bench`.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { Sql } from '../../shared/platform/db/connection';
import { hospFixture } from '../helpers/hospitalisation-fixtures';
import { startChild } from './child';
import { report } from './report';

const hospNs = 'urn:omslink:hospitalization:1';
const soapNs = 'http://schemas.xmlsoap.org/soap/envelope/';
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  connections: number,
  body: () => string,
  headers: Record<string, string>,
  duration = seconds,
): Promise<Load> {
  const result = await autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const detail = (l: Load) =>
  `p50 ${l.p50} ms, p99 ${l.p99} ms${l.errors + l.non2xx > 0 ? `, ${l.errors} errors, ${l.non2xx} non-2xx` : ''}`;

function envelope(op: string, inner: string): string {
  return (
    `<soap:Envelope xmlns:soap="${soapNs}" xmlns:h="${hospNs}"><soap:Body>` +
    `<h:${op}Request>${inner}</h:${op}Request></soap:Body></soap:Envelope>`
  );
}

/** The runtime's SOAP endpoint and the owner's connection (fixtures, rate limits). */
export async function benchExchange(owner: Sql, runtimeUrl: string, databaseUrl: string): Promise<void> {
  const f = await hospFixture(owner);
  const year = new Date().getUTCFullYear();
  let n = 0;
  const referral = () => {
    n += 1;
    const person = f.persons[n % f.persons.length]!;
    const number = `${f.polyclinic.slice(-4)}${year % 100}${String(n).padStart(10, '0')}`;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    return envelope(
      'SendReferrals',
      `<h:Header><h:PackageId>${randomUUID()}</h:PackageId><h:SenderCode>${f.polyclinic}</h:SenderCode></h:Header>` +
        `<h:Referral><h:SourceId>${randomUUID()}</h:SourceId><h:Number>${number}</h:Number><h:Date>${day(-3)}</h:Date>` +
        `<h:Form>3</h:Form><h:FromMoCode>${f.polyclinic}</h:FromMoCode><h:ToMoCode>${f.hospital}</h:ToMoCode>` +
        `<h:ToDepartmentCode>${f.department.code}</h:ToDepartmentCode><h:Conditions>${f.department.conditions}</h:Conditions>` +
        `<h:Profile>${f.department.profile}</h:Profile><h:BedProfile>${f.department.bedProfile}</h:BedProfile>` +
        `<h:Diagnosis>I20.8</h:Diagnosis><h:DoctorSnils>${f.doctorSnils}</h:DoctorSnils><h:PlannedDate>${day(5)}</h:PlannedDate>` +
        `<h:Kind>plain</h:Kind><h:Patient><h:Enp>${person.enp}</h:Enp></h:Patient></h:Referral>`,
    );
  };
  const basic = (user: string) => `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`;
  const soapHeaders = (user: string, action: string) => ({
    authorization: basic(user),
    'content-type': 'text/xml; charset=utf-8',
    soapaction: `"${hospNs}#${action}"`,
  });

  const ceiling = await startChild('test/bench/ceiling-server.ts', { CEILING_DATABASE_URL: databaseUrl });
  const ceilings = new Map<number, Load>();
  try {
    for (const connections of [16, 64]) {
      await load(ceiling.url, connections, referral, {}, 2);
      ceilings.set(connections, await load(ceiling.url, connections, referral, {}));
    }
  } finally {
    await ceiling.stop();
  }
  const ceilingOf = (connections: number) => ({
    label: `bare HTTP + one INSERT, ${connections} connections`,
    value: ceilings.get(connections)!.rps,
    unit: 'req/s',
  });

  // Sends are checked before measuring: a bench of Faults would measure the wrong thing.
  const probe = await fetch(`${runtimeUrl}/soap/HospitalizationService`, {
    method: 'POST',
    body: referral(),
    headers: soapHeaders('soap_mo', 'SendReferrals'),
  });
  const answer = await probe.text();
  if (!probe.ok || (!answer.includes('<Status>accepted</Status>') && !/Status>accepted</.test(answer))) {
    throw new Error(`SendReferrals probe failed (${probe.status}): ${answer.slice(0, 600)}`);
  }
  const sendUrl = `${runtimeUrl}/soap/HospitalizationService`;
  for (const connections of [16, 64]) {
    await load(sendUrl, connections, referral, soapHeaders('soap_mo', 'SendReferrals'), 2);
    const l = await load(sendUrl, connections, referral, soapHeaders('soap_mo', 'SendReferrals'));
    report({
      path: `SOAP SendReferrals, 1 record, ${connections} connections`,
      value: l.rps,
      unit: 'req/s',
      better: 'higher',
      detail: detail(l),
      ceiling: ceilingOf(connections),
      ...(connections === 16 ? { goal: 1000 } : {}),
    });
    if (connections === 16) {
      report({
        path: 'SOAP SendReferrals, 1 record, 16 connections, p99',
        value: l.p99,
        unit: 'ms',
        better: 'lower',
        goal: 50,
      });
    }
  }

  const feed = (inner: string) => () => envelope('GetReferrals', inner);
  const first = feed('<h:Limit>50</h:Limit>');
  const page = await (
    await fetch(sendUrl, { method: 'POST', body: first(), headers: soapHeaders('soap_hosp', 'GetReferrals') })
  ).text();
  const items = (page.match(/<(?:\w+:)?Referral>/g) ?? []).length;
  // The cursor after everything there is: read to the end once.
  let cursor = '';
  for (;;) {
    const text = await (
      await fetch(sendUrl, {
        method: 'POST',
        body: feed(`<h:ChangedSince>${cursor}</h:ChangedSince><h:Limit>1000</h:Limit>`)(),
        headers: soapHeaders('soap_hosp', 'GetReferrals'),
      })
    ).text();
    cursor = /<(?:\w+:)?NextCursor>([^<]*)</.exec(text)?.[1] ?? cursor;
    if (!/<(?:\w+:)?Referral>/.test(text)) break;
  }
  for (const [label, body] of [
    [`SOAP GetReferrals, ${items} items, 16 connections`, first],
    ['SOAP GetReferrals, nothing new, 16 connections', feed(`<h:ChangedSince>${cursor}</h:ChangedSince>`)],
  ] as const) {
    await load(sendUrl, 16, body, soapHeaders('soap_hosp', 'GetReferrals'), 2);
    const l = await load(sendUrl, 16, body, soapHeaders('soap_hosp', 'GetReferrals'));
    report({
      path: label,
      value: l.rps,
      unit: 'req/s',
      better: 'higher',
      detail: detail(l),
      ceiling: ceilingOf(16),
      ...(label.includes('nothing new') ? { goal: 2000 } : {}),
    });
  }
}
