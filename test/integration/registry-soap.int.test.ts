import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { strToU8, zipSync } from 'fflate';
import * as soap from 'soap';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { soapFunctions } from '../../functions/manifest';
import { handler } from '../../functions/soap/registry/registry-service';
import { apiGatewayEvent } from '../../infra/local/api-gateway-event';
import { getPorts, type Ports, setPorts } from '../../shared/platform/ports/ports';
import type { QueueMessage } from '../../shared/platform/ports/queue';
import { registrySoapLimits } from '../../shared/registry/formats/registry-service.wsdl';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { escapeXml, wsSecurity } from '../helpers/soap-xml';

/**
 * SOAP RegistryService (issue 12) through clients generated from its WSDL by node-soap, on a real PostgreSQL:
 * SendRegistry registers the package, stores it in the inbox and queues it (the queue port records the
 * message here: the import consumer is not what this file tests); the same bytes again are a duplicate; every
 * bad request is a Fault with its F012 code and a Russian message, and registers nothing; GetRegistryStatus and
 * GetRegistryProtocol answer for the caller's own imports only.
 *
 * Served by the local runtime once the area registers the service (functions/manifest.ts); until then by a
 * front in this file that turns each request into the same API Gateway event (infra/local/api-gateway-event.ts).
 */
let t: TestRuntime;
let front: Server | null = null;
let baseUrl = '';
let runtimePorts: Ports;

// biome-ignore lint/suspicious/noExplicitAny: node-soap answers untyped objects
type Any = any;

const ns = 'urn:omslink:registry:1';

/** What SendRegistry queued; `failQueue` makes the queue refuse. */
const queued: QueueMessage[] = [];
let failQueue = false;

beforeAll(async () => {
  t = await startTestRuntime();
  runtimePorts = getPorts();
  setPorts({
    ...runtimePorts,
    queue: {
      async send(message) {
        if (failQueue) throw Object.assign(new Error('queue down'), { name: 'QueueDown' });
        queued.push(message);
        return randomUUID();
      },
      health: () => runtimePorts.queue.health(),
    },
  });
  if (soapFunctions.some((s) => s.service === 'RegistryService')) {
    baseUrl = t.runtime.url;
    return;
  }
  front = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const event = apiGatewayEvent(
        {
          method: req.method ?? 'GET',
          url,
          headers: req.headers,
          body: Buffer.concat(chunks),
          sourceIp: '127.0.0.1',
        },
        '/soap/{service}',
        { service: 'RegistryService' },
        null,
      );
      const result: APIGatewayProxyResult = await handler(event);
      res.writeHead(result.statusCode, result.headers as Record<string, string>);
      res.end(result.body);
    });
  });
  await new Promise<void>((resolve) => front!.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (runtimePorts) setPorts(runtimePorts);
  await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)));
  await t?.stop();
});

beforeEach(() => {
  queued.length = 0;
  failQueue = false;
});

const url = () => `${baseUrl}/soap/RegistryService`;

async function client(username: string): Promise<Any> {
  const c = await soap.createClientAsync(`${url()}?wsdl`);
  c.setEndpoint(url());
  c.setSecurity(
    new soap.WSSecurity(username, username, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  return c;
}

async function orgOf(username: string): Promise<string> {
  const [row] = await t.db.sql<{ org_code: string }[]>`
    select org_code from auth.account where username = ${username}`;
  return row!.org_code;
}

/** A small registry package: any two XML files zipped (what is inside is the import's business). */
function registryZip(): Uint8Array {
  const tag = randomUUID();
  return zipSync({
    'HM640001T64_230101.XML': strToU8(`<?xml version="1.0"?><ZL_LIST><!-- ${tag} --></ZL_LIST>`),
    'LM640001T64_230101.XML': strToU8(`<?xml version="1.0"?><PERS_LIST><!-- ${tag} --></PERS_LIST>`),
  });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const header = (senderCode: string) => ({
  PackageId: randomUUID(),
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});

/** A SOAP Fault as node-soap's client rejects it: HTTP status and the whole answer as text. */
async function fault(call: Promise<unknown>): Promise<{ status: number; text: string }> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as Any;
  if (!error) throw new Error('expected a SOAP Fault');
  return { status: error.response?.status, text: String(error.body ?? '') };
}

/** The omslink code and message of a Fault's detail. */
function faultDetail(text: string): {
  code: string | null;
  message: string | null;
  faultcode: string | null;
} {
  const pick = (local: string) =>
    new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${local}>`).exec(text)?.[1] ?? null;
  return { code: pick('code'), message: pick('message'), faultcode: pick('faultcode') };
}

/** A raw request (bodies node-soap would not send as they are). */
async function post(operation: string, inner: string, username = 'soap_mo') {
  const res = await fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body:
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${ns}">` +
      `${wsSecurity(username, username)}<soap:Body><m:${operation}Request>${inner}</m:${operation}Request></soap:Body></soap:Envelope>`,
  });
  return { status: res.status, text: await res.text() };
}

const importCount = async () =>
  (await t.db.sql<{ n: number }[]>`select count(*)::int as n from registry.import`)[0]!.n;

describe('SOAP RegistryService.SendRegistry', () => {
  it('registers a package, stores it in the inbox and queues it; the same bytes again are a duplicate', async () => {
    // Prepare
    const mo = await orgOf('soap_mo');
    const zip = registryZip();
    const c = await client('soap_mo');

    // Act
    const [sent] = await c.SendRegistryAsync({
      Header: header(mo),
      FileName: 'HM640001T64_230101.zip',
      Package: b64(zip),
    });

    // Assess: queued, in the journal as the caller's, the bytes in the inbox, one message for the consumer
    expect(sent.Status).toBe('queued');
    expect(sent.DuplicateOf).toBeUndefined();
    const id = Number(sent.ImportId);
    const [row] = await t.db.sql<
      {
        channel: string;
        status: string;
        org_code: string;
        uploaded_by: string;
        file_size: string;
        blob_key: string;
      }[]
    >`select channel, status, org_code, uploaded_by, file_size::text, blob_key from registry.import where id = ${id}`;
    expect(row).toMatchObject({
      channel: 'soap',
      status: 'queued',
      org_code: mo,
      uploaded_by: 'soap_mo',
      file_size: String(zip.length),
    });
    expect(row!.blob_key).toMatch(/^registry\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.zip$/);
    const stored = Buffer.concat(await (await runtimePorts.blobs.get('inbox', row!.blob_key)).toArray());
    expect(stored.equals(Buffer.from(zip))).toBe(true);
    expect(queued).toEqual([
      {
        kind: 'registry-package',
        requestedBy: { username: 'soap_mo', role: 'mo_system', orgCode: mo, channel: 'soap' },
        importId: id,
        bucket: 'inbox',
        key: row!.blob_key,
      },
    ]);

    // Act + Assess: the same content again is recognised, registered as a duplicate, not queued
    const [again] = await c.SendRegistryAsync({
      Header: header(mo),
      FileName: 'copy.zip',
      Package: b64(zip),
    });
    expect(again).toMatchObject({ Status: 'duplicate', DuplicateOf: id });
    expect(queued).toHaveLength(1);
  });

  it('refuses bad packages and foreign senders with a Fault, its F012 code and a Russian message, registering nothing', async () => {
    const mo = await orgOf('soap_mo');
    const mo2 = await orgOf('soap_mo2');
    const before = await importCount();
    const send = (username: string, args: object) =>
      client(username).then((c) => fault(c.SendRegistryAsync(args)));
    const ok = { Header: header(mo), FileName: 'HM640001T64_230101.zip', Package: b64(registryZip()) };

    const cases: [string, Promise<{ status: number; text: string }>, string, RegExp][] = [
      ['not base64', send('soap_mo', { ...ok, Package: 'это не base64!' }), '903', /base64/],
      ['empty package', send('soap_mo', { ...ok, Package: '' }), '902', /Пакет пуст/],
      [
        'not a ZIP',
        send('soap_mo', { ...ok, Package: b64(strToU8('<ZL_LIST/>')) }),
        '801',
        /не является ZIP-архивом/,
      ],
      [
        'larger than the SOAP package limit',
        send('soap_mo', {
          ...ok,
          Package: b64(new Uint8Array(registrySoapLimits.packageBytes + 1).fill(0x50)),
        }),
        '801',
        /больше 3 МБ.*REST/,
      ],
      ['a path as the file name', send('soap_mo', { ...ok, FileName: '../etc/x.zip' }), '802', /\.zip/],
      ['not a .zip name', send('soap_mo', { ...ok, FileName: 'HM640001T64_230101.xml' }), '802', /\.zip/],
      [
        'another МО as the sender',
        send('soap_mo', { ...ok, Header: header(mo2) }),
        'AUTH-403',
        /Отправитель/,
      ],
      ['an СМО system', send('soap_smo', ok), 'AUTH-403', /не разрешена отправка/],
      ['the fund’s system', send('soap_tfoms', ok), 'AUTH-403', /не разрешена отправка/],
    ];
    for (const [label, pending, code, message] of cases) {
      const answer = await pending;
      const detail = faultDetail(answer.text);
      expect({ status: answer.status, ...detail }, label).toMatchObject({
        status: 400,
        faultcode: 'soap:Client',
        code,
      });
      expect(detail.message, label).toMatch(message);
      expect(detail.message, label).toMatch(/[а-яё]/i);
    }
    expect(await importCount()).toBe(before);
    expect(queued).toEqual([]);
  });

  it('answers a request above 4.4 MB with SOAP-413 naming both limits, before anything is read', async () => {
    const mo = await orgOf('soap_mo');
    const big = 'A'.repeat(registrySoapLimits.requestBytes);
    const answer = await post(
      'SendRegistry',
      `<m:Header><m:PackageId>x</m:PackageId><m:SenderCode>${mo}</m:SenderCode><m:CreatedAt>2026-01-01T00:00:00Z</m:CreatedAt></m:Header>` +
        `<m:FileName>big.zip</m:FileName><m:Package>${big}</m:Package>`,
    );
    expect(answer.status).toBe(413);
    const detail = faultDetail(answer.text);
    expect(detail.code).toBe('SOAP-413');
    expect(detail.message).toMatch(/4,4 МБ.*3 МБ.*\/api\/v1\/registries\/uploads/);
  });

  it('marks the import failed when the package cannot be queued, answers soap:Server 503, and takes the package again', async () => {
    const mo = await orgOf('soap_mo');
    const zip = registryZip();
    const c = await client('soap_mo');
    failQueue = true;
    const refused = await fault(
      c.SendRegistryAsync({ Header: header(mo), FileName: 'HM640001T64_230101.zip', Package: b64(zip) }),
    );
    expect({ status: refused.status, ...faultDetail(refused.text) }).toMatchObject({
      status: 503,
      faultcode: 'soap:Server',
      code: 'UNAVAILABLE',
    });
    const [failed] = await t.db.sql<{ status: string; error: string }[]>`
      select status, error from registry.import where uploaded_by = 'soap_mo' order by id desc limit 1`;
    expect(failed!.status).toBe('failed');
    expect(failed!.error).toMatch(/[а-яё]/i);

    failQueue = false;
    const [again] = await c.SendRegistryAsync({
      Header: header(mo),
      FileName: 'HM640001T64_230101.zip',
      Package: b64(zip),
    });
    expect(again.Status).toBe('queued');
    expect(queued).toHaveLength(1);
  });
});

describe('SOAP RegistryService.GetRegistryStatus and GetRegistryProtocol', () => {
  /** A package of soap_mo, sent and then finished by hand as the consumer would (counts, progress, protocol). */
  async function finishedImport(): Promise<number> {
    const mo = await orgOf('soap_mo');
    const [sent] = await (await client('soap_mo')).SendRegistryAsync({
      Header: header(mo),
      FileName: 'HM640001T64_230101.zip',
      Package: b64(registryZip()),
    });
    const id = Number(sent.ImportId);
    const counts = {
      cases: 3,
      accepted: 2,
      rejected: 1,
      persons: 2,
      sl: 2,
      services: 5,
      onco: 1,
      replaced: 0,
      warnings: 0,
    };
    await t.db.sql`
      update registry.import
      set status = 'done', started_at = now(), finished_at = now(), counts = ${t.db.sql.json(counts)},
          package_name = 'HM640001T64_230101', file_kind = 'H', mo_code = ${mo}
      where id = ${id}`;
    await t.db.sql`
      insert into registry.import_progress (import_id, bytes_total, bytes_read, cases_read, persons_read, phase)
      values (${id}, 1000, 1000, 3, 2, 'done')`;
    await t.db.sql`
      insert into registry.import_error
        (import_id, file, ordinal, seq, severity, code, rule, bas_el, field, value, message, n_zap, idcase, sl_id, idserv, id_pac)
      values
        (${id}, 'case', 2, 1, 'error', '904', 'REG.DS1', 'SL', 'DS1', 'Z99.9', 'Диагноз не найден в справочнике МКБ-10', '2', '102', 'SL1', null, 'P2'),
        (${id}, 'case', 2, 2, 'error', '904', 'REG.DS1', 'SL', 'DS1', 'Z99.8', 'Диагноз не найден в справочнике МКБ-10', '2', '102', 'SL2', null, 'P2'),
        (${id}, 'person', 1, 1, 'error', '902', 'REG.PERS.FAM', 'PERS', 'FAM', null, 'Не указана фамилия', null, null, null, null, 'P9')`;
    return id;
  }

  it('tells the sender its import: status, counts, progress and the protocol grouped by code and field', async () => {
    const id = await finishedImport();
    const [status] = await (await client('soap_mo')).GetRegistryStatusAsync({ ImportId: id });
    expect(status).toMatchObject({
      ImportId: id,
      Status: 'done',
      FileName: 'HM640001T64_230101.zip',
      PackageName: 'HM640001T64_230101',
      Counts: { Cases: 3, Accepted: 2, Rejected: 1, Persons: 2, Services: 5, Onco: 1 },
      Progress: { BytesTotal: 1000, BytesRead: 1000, CasesRead: 3 },
    });
    expect(status.ReceivedAt).toBeInstanceOf(Date);
    expect(status.FinishedAt).toBeInstanceOf(Date);
    const groups = Array.isArray(status.Group) ? status.Group : [status.Group];
    expect(groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Code: '904',
          Rule: 'REG.DS1',
          BasEl: 'SL',
          Field: 'DS1',
          Severity: 'error',
          Count: 2,
        }),
        expect.objectContaining({ Code: '902', Field: 'FAM', Count: 1, Message: 'Не указана фамилия' }),
      ]),
    );
  });

  it('returns the V-file (FLK_P, windows-1251) and the findings with their case and person references', async () => {
    const id = await finishedImport();
    const [answer] = await (await client('soap_mo')).GetRegistryProtocolAsync({ ImportId: id });
    expect(answer).toMatchObject({
      ImportId: id,
      Status: 'done',
      FileName: 'VT64M640001_230101.XML',
      FindingsTotal: 3,
    });
    expect(answer.ProtocolZip).toBeUndefined();
    const xml = new TextDecoder('windows-1251').decode(Buffer.from(answer.Protocol, 'base64'));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="windows-1251"\?>/);
    expect(xml).toContain('<FNAME>VT64M640001_230101</FNAME>');
    expect(xml.match(/<PR>/g)).toHaveLength(3);
    expect(xml).toContain('<OSHIB>904</OSHIB><IM_POL>DS1</IM_POL><ZN_POL>Z99.9</ZN_POL><BAS_EL>SL</BAS_EL>');
    expect(xml).toContain('Диагноз не найден в справочнике МКБ-10');
    const errors = Array.isArray(answer.Error) ? answer.Error : [answer.Error];
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({
      Code: '904',
      Severity: 'error',
      Field: 'DS1',
      Value: 'Z99.9',
      File: 'case',
      BasEl: 'SL',
      N_ZAP: '2',
      IDCASE: '102',
      SL_ID: 'SL1',
      ID_PAC: 'P2',
    });
    expect(errors[2]).toMatchObject({ Code: '902', File: 'person', ID_PAC: 'P9' });
    const [audited] = await t.db.sql<{ username: string; channel: string }[]>`
      select username, channel from audit.entry where entity = 'registry.protocol' and ${String(id)} = any(record_ids)
      order by id desc limit 1`;
    expect(audited).toMatchObject({ username: 'soap_mo', channel: 'soap' });
  });

  it('answers an import the caller cannot see as not found (another МО, an СМО), and refuses accounts without the right', async () => {
    const id = await finishedImport();
    const notFound = async (username: string, operation: string) => {
      const answer = await fault((await client(username))[`${operation}Async`]({ ImportId: id }));
      return { status: answer.status, ...faultDetail(answer.text) };
    };
    for (const operation of ['GetRegistryStatus', 'GetRegistryProtocol']) {
      for (const username of ['soap_mo2', 'soap_smo']) {
        expect(await notFound(username, operation), `${operation} as ${username}`).toMatchObject({
          status: 400,
          faultcode: 'soap:Client',
          code: 'NOT-FOUND',
          message: `Пакет реестра № ${id} не найден`,
        });
      }
      expect(await notFound('soap_tfoms', operation), `${operation} as soap_tfoms`).toMatchObject({
        status: 400,
        code: 'AUTH-403',
      });
    }
    const missing = await fault((await client('soap_mo')).GetRegistryStatusAsync({ ImportId: 999_999_999 }));
    expect(faultDetail(missing.text)).toMatchObject({ code: 'NOT-FOUND' });
    const bad = await post('GetRegistryStatus', `<m:ImportId>${escapeXml('1; drop table x')}</m:ImportId>`);
    expect({ status: bad.status, ...faultDetail(bad.text) }).toMatchObject({ status: 400, code: '903' });
  });
});
