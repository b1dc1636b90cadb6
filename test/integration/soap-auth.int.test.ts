import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateSystem, callBatchMs } from '../../functions/lib/system-credentials';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * SOAP authentication and rate limits (issue 10): a verified credential costs one statement (auth.system_call);
 * its calls are counted in memory and added to the account's minute about once a second; the limit is the account's own when an administrator set one, else
 * OMSLINK_SYSTEM_RATE_LIMIT; wrong secrets never use up an account's calls; a revoked secret stops working at
 * once even right after it was verified; concurrent calls of one account share the look-up already on its way.
 */
let t: TestRuntime;

beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(async () => {
  delete process.env.OMSLINK_SYSTEM_RATE_LIMIT;
  await t?.stop();
});

const request =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:omslink:nsi:1"><soap:Body>' +
  '<n:GetDirectoryRecordsRequest><n:DirectoryCode>V002</n:DirectoryCode><n:PageSize>1</n:PageSize>' +
  '</n:GetDirectoryRecordsRequest></soap:Body></soap:Envelope>';

async function call(
  username: string,
  password = username,
): Promise<{ status: number; code: string | null; text: string }> {
  const res = await fetch(`${t.runtime.url}/soap/NsiService`, {
    method: 'POST',
    body: request,
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    },
  });
  const text = await res.text();
  return { status: res.status, code: /<omslink:code>([^<]*)</.exec(text)?.[1] ?? null, text };
}

/** Runs the calls within one minute of the counter (waits for the next minute when this one is nearly over). */
async function withinOneMinute(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe('SOAP rate limits', () => {
  it('refuses the call above the limit an administrator set for the account', async () => {
    await t.db.sql`update auth.account set rate_limit_per_minute = 3 where username = 'soap_mo2'`;
    await withinOneMinute();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call('soap_mo2'));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[3]).toMatchObject({ status: 400, code: 'AUTH-429' });
    expect(answers[3]!.text).toContain('Превышен лимит вызовов (3 в минуту)');
  });

  it('applies OMSLINK_SYSTEM_RATE_LIMIT to an account without a limit of its own', async () => {
    const [account] = await t.db.sql<{ limit: number | null }[]>`
      select rate_limit_per_minute as limit from auth.account where username = 'soap_tfoms'`;
    expect(account!.limit).toBeNull();
    process.env.OMSLINK_SYSTEM_RATE_LIMIT = '2';
    try {
      await withinOneMinute();
      const answers = [await call('soap_tfoms'), await call('soap_tfoms'), await call('soap_tfoms')];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 400]);
      expect(answers[2]!.text).toContain('Превышен лимит вызовов (2 в минуту)');
    } finally {
      delete process.env.OMSLINK_SYSTEM_RATE_LIMIT;
    }
  });

  it('does not count wrong secrets against the account', async () => {
    await t.db.sql`update auth.account set rate_limit_per_minute = 3 where username = 'soap_smo'`;
    await withinOneMinute();
    for (let i = 0; i < 3; i++) expect((await call('soap_smo', 'wrong')).code).toBe('AUTH-401');
    const right = [];
    for (let i = 0; i < 4; i++) right.push(await call('soap_smo'));
    expect(right.map((a) => a.status)).toEqual([200, 200, 200, 400]);
    expect(right[3]!.code).toBe('AUTH-429');
  });

  it("adds the calls counted in memory to the account's minute within about a second", async () => {
    await t.db.sql`update auth.account set rate_limit_per_minute = null where username = 'soap_hosp'`;
    await withinOneMinute();
    const stored = async () =>
      (
        await t.db.sql<{ calls: number | null }[]>`
          select sum(calls)::int as calls from auth.rate_window
          where username = 'soap_hosp' and window_start = date_trunc('minute', now())`
      )[0]!.calls ?? 0;
    for (let i = 0; i < 4; i++) expect((await call('soap_hosp')).status).toBe(200);
    // The first call verified the secret (counted at once); the next three wait in memory for their batch.
    expect(await stored()).toBe(1);
    await new Promise((r) => setTimeout(r, callBatchMs + 100));
    expect((await call('soap_hosp')).status).toBe(200);
    expect(await stored()).toBe(5);
  });
});

describe('SOAP credentials', () => {
  it('stops a secret revoked right after it was verified (the verified-credential cache does not outlive it)', async () => {
    expect((await call('soap_hosp')).status).toBe(200);
    await t.db.sql`update auth.system_secret set revoked_at = now() where username = 'soap_hosp'`;
    expect(await call('soap_hosp')).toMatchObject({ status: 400, code: 'AUTH-401' });
  });

  it('lets concurrent calls of one account share the account look-up, and still stops a call that follows a disable', async () => {
    let lookUps = 0;
    const db = new Proxy(t.db.app, {
      apply(target, self, args) {
        lookUps += 1;
        return Reflect.apply(target, self, args);
      },
    });
    expect(await authenticateSystem(db, 'soap_smo', 'soap_smo', '10.1.2.3')).toMatchObject({ ok: true });
    lookUps = 0;

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => authenticateSystem(db, 'soap_smo', 'soap_smo', '10.1.2.3')),
    );

    expect(answers.every((a) => a.ok)).toBe(true);
    expect(lookUps).toBeGreaterThan(0);
    expect(lookUps).toBeLessThan(20);
    await t.db.sql`update auth.account set status = 'disabled' where username = 'soap_smo'`;
    try {
      expect(await authenticateSystem(db, 'soap_smo', 'soap_smo', '10.1.2.3')).toMatchObject({ ok: false });
    } finally {
      await t.db.sql`update auth.account set status = 'active' where username = 'soap_smo'`;
    }
  });

  it('stops a disabled account at once', async () => {
    expect((await call('soap_mo')).status).toBe(200);
    await t.db.sql`update auth.account set status = 'disabled' where username = 'soap_mo'`;
    expect((await call('soap_mo')).status).toBe(400);
    await t.db.sql`update auth.account set status = 'active' where username = 'soap_mo'`;
    expect((await call('soap_mo')).status).toBe(200);
  });
});
