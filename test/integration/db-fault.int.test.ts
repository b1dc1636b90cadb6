import { createServer, type Server, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/embedded-postgres';
import type { LocalRuntime } from '../../infra/local/runtime';
import {
  baseOptions,
  connectionWaitMs,
  type Sql,
  withConnectionDeadline,
} from '../../shared/platform/db/connection';
import { signInToken, startRuntimeWithOwnDatabase } from '../helpers/runtime';

/**
 * The database lost and back (issue 9), against the whole local runtime on its own embedded PostgreSQL, under
 * load: authenticated REST and SOAP calls in a loop while PostgreSQL is stopped and started again. While it is
 * down every call answers 503 promptly — REST problem+json, SOAP a soap:Server Fault, both with Retry-After —
 * and /health answers 503; once it is back calls succeed again without restarting omslink; nothing answers 500.
 */
let own: { runtime: LocalRuntime; stop(): Promise<void> };
let token: string;

const workersPerChannel = 10;
/** Longest a call may take while the database is down. */
const downLatencyLimitMs = 5_000;
/** Longest the service may take to answer again once PostgreSQL accepts connections. */
const recoveryLimitMs = 10_000;

interface Call {
  channel: 'rest' | 'soap';
  startedAt: number;
  endedAt: number;
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

const soapBody =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="urn:omslink:hospitalization:1"><soap:Body><m:GetReferralsRequest><m:ChangedSince></m:ChangedSince>' +
  '<m:Limit>5</m:Limit></m:GetReferralsRequest></soap:Body></soap:Envelope>';

async function call(channel: Call['channel']): Promise<Call> {
  const startedAt = performance.now();
  const url = own.runtime.url;
  let res: Response;
  try {
    res =
      channel === 'rest'
        ? await fetch(`${url}/api/v1/referrals?limit=5`, {
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(60_000),
          })
        : await fetch(`${url}/soap/HospitalizationService`, {
            method: 'POST',
            headers: {
              'content-type': 'text/xml; charset=utf-8',
              authorization: `Basic ${Buffer.from('soap_mo:soap_mo').toString('base64')}`,
            },
            body: soapBody,
            signal: AbortSignal.timeout(60_000),
          });
  } catch (error) {
    // A transport failure or a hang past a minute is recorded as status 0: it fails the test like a 500.
    return {
      channel,
      startedAt,
      endedAt: performance.now(),
      status: 0,
      contentType: '',
      retryAfter: null,
      text: String((error as Error).name),
    };
  }
  const text = await res.text();
  return {
    channel,
    startedAt,
    endedAt: performance.now(),
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    text,
  };
}

/** Calls in a loop on `workers` parallel workers per channel until `until()` says stop. */
function load(calls: Call[], until: () => boolean): Promise<void> {
  const worker = async (channel: Call['channel']) => {
    while (!until()) {
      calls.push(await call(channel));
      // A refused call returns in milliseconds: pace the loop so the log stays readable.
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return Promise.all(
    Array.from({ length: workersPerChannel }, () => [worker('rest'), worker('soap')]).flat(),
  ).then(() => undefined);
}

const describeCall = (c: Call) =>
  `${c.channel} HTTP ${c.status} in ${Math.round(c.endedAt - c.startedAt)} ms, ${c.contentType}: ${c.text.slice(0, 300)}`;

beforeAll(async () => {
  own = await startRuntimeWithOwnDatabase();
  token = await signInToken(own.runtime.url, 'test_mo');
}, 180_000);
afterAll(async () => {
  await own?.stop();
});

describe('database lost and back', () => {
  it('answers 503 with Retry-After on REST and SOAP while PostgreSQL is down, recovers by itself, never 500', async () => {
    const pg = own.runtime.embeddedPostgres;
    if (!pg) throw new Error('the runtime runs on DATABASE_URL, not on its own embedded PostgreSQL');
    const calls: Call[] = [];
    let done = false;
    const running = load(calls, () => done);

    // Warm: the pool is open and calls succeed.
    await new Promise((r) => setTimeout(r, 1_000));
    const stopAsked = performance.now();
    await pg.stop();
    const stopped = performance.now();
    await new Promise((r) => setTimeout(r, 4_000));
    const healthAsked = performance.now();
    const health = await fetch(`${own.runtime.url}/health`);
    const healthMs = performance.now() - healthAsked;
    const startAsked = performance.now();
    await pg.start();
    const started = performance.now();
    // Every worker sees success again, or the recovery limit passes.
    const recovered = { rest: Number.NaN, soap: Number.NaN };
    while (performance.now() - started < recoveryLimitMs + 2_000) {
      for (const channel of ['rest', 'soap'] as const) {
        const ok = calls.find((c) => c.channel === channel && c.startedAt >= started && c.status === 200);
        if (ok && Number.isNaN(recovered[channel])) recovered[channel] = ok.endedAt - started;
      }
      if (!Number.isNaN(recovered.rest) && !Number.isNaN(recovered.soap)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // A little more load after recovery: calls keep succeeding.
    await new Promise((r) => setTimeout(r, 1_000));
    done = true;
    await running;
    const healthText = await health.text();

    const down = calls.filter((c) => c.startedAt >= stopped && c.endedAt <= startAsked);
    const afterRecovery = calls.filter(
      (c) => c.startedAt >= started + Math.max(recovered.rest, recovered.soap) + 500,
    );
    const downLatency = Math.max(0, ...down.map((c) => c.endedAt - c.startedAt));
    console.info(
      JSON.stringify({
        calls: calls.length,
        stopMs: Math.round(stopped - stopAsked),
        startMs: Math.round(started - startAsked),
        down: down.length,
        downMaxLatencyMs: Math.round(downLatency),
        recoveredAfterStartMs: { rest: Math.round(recovered.rest), soap: Math.round(recovered.soap) },
        healthStatus: health.status,
        healthMs: Math.round(healthMs),
      }),
    );

    // Nothing answered 500 (or broke, or hung) at any time: around the stop, while down, around the start.
    const failures = calls.filter((c) => c.status !== 200 && c.status !== 503);
    expect(failures.map(describeCall).slice(0, 5)).toEqual([]);

    // While down: every call is a prompt 503 with Retry-After, in each channel's shape.
    expect(down.filter((c) => c.channel === 'rest').length).toBeGreaterThan(10);
    expect(down.filter((c) => c.channel === 'soap').length).toBeGreaterThan(10);
    for (const c of down) {
      expect(c.status, describeCall(c)).toBe(503);
      expect(c.endedAt - c.startedAt, describeCall(c)).toBeLessThan(downLatencyLimitMs);
      expect(Number(c.retryAfter), describeCall(c)).toBeGreaterThan(0);
      if (c.channel === 'rest') {
        expect(c.contentType).toContain('application/problem+json');
        expect(JSON.parse(c.text)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      } else {
        expect(c.contentType).toContain('text/xml');
        expect(c.text).toContain('<faultcode>soap:Server</faultcode>');
        expect(c.text).toContain('UNAVAILABLE');
      }
    }
    expect(health.status, healthText).toBe(503);

    // Back: both channels answer again within the limit, and keep answering.
    expect(recovered.rest).toBeLessThan(recoveryLimitMs);
    expect(recovered.soap).toBeLessThan(recoveryLimitMs);
    expect(afterRecovery.length).toBeGreaterThan(0);
    for (const c of afterRecovery) expect(c.status, describeCall(c)).toBe(200);
    expect((await fetch(`${own.runtime.url}/health`)).status).toBe(200);
  }, 90_000);
});

/** The pool against a server that refuses, or accepts and never answers: every wait ends, no slot is lost. */
describe('the pool without its server', () => {
  const settle = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: { code?: string }) => e.code ?? 'error',
    );

  it('fails every query promptly on a refused port, also after more queries than pool slots (no slot stays «connecting»)', async () => {
    const port = await freePort();
    const sql = postgres(`postgres://nobody:x@127.0.0.1:${port}/none`, baseOptions(2)) as unknown as Sql;
    try {
      const started = performance.now();
      const first = await Promise.all(Array.from({ length: 10 }, () => settle(sql`select 1`)));
      const second = await Promise.all(Array.from({ length: 10 }, () => settle(sql`select 1`)));
      expect([...first, ...second]).toEqual(Array(20).fill('ECONNREFUSED'));
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('gives up a transaction that waits for an unanswered connect after the wait limit; its work never runs', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const sql = withConnectionDeadline(
      postgres(`postgres://nobody:x@127.0.0.1:${port}/none`, baseOptions(1)) as unknown as Sql,
    );
    let ran = 0;
    try {
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: 4 }, () =>
          settle(
            sql.begin(async () => {
              ran += 1;
            }),
          ),
        ),
      );
      const waited = performance.now() - started;
      for (const outcome of outcomes)
        expect(['CONNECT_TIMEOUT', 'CONNECTION_WAIT_TIMEOUT']).toContain(outcome);
      expect(waited).toBeLessThan(connectionWaitMs + 2_000);
      expect(ran).toBe(0);
    } finally {
      await sql.end({ timeout: 1 });
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
