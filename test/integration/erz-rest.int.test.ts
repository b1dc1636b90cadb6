import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { writeErzExtract } from '../../shared/person/formats/erz-extract-writer';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { type ApiAnswer, callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { testDemo } from './global-setup';

let rt: TestRuntime;
let admin: string;
const codes = erzRegionCodes(generateRegionStructure(testDemo.seed));
const header = { date: '2026-01-15', fileName: 'ERZ_99_REST', okato: '99000' };

beforeAll(async () => {
  rt = await startTestRuntime();
  admin = await signInToken(rt.runtime.url, 'test_admin');
});
afterAll(async () => {
  await rt?.stop();
});

function upload(body: Uint8Array, token: string, fileName?: string): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (fileName !== undefined) headers['x-file-name'] = encodeURIComponent(fileName);
  return callApi(rt.runtime.url, '/api/v1/erz/imports', {
    method: 'POST',
    token,
    headers,
    body: new Uint8Array(body),
  });
}

/** Follows an import until the queue consumer has finished it. */
async function finished(id: number): Promise<ApiAnswer> {
  for (let i = 0; i < 150; i++) {
    const answer = await callApi(rt.runtime.url, `/api/v1/erz/imports/${id}`, { token: admin });
    if (!['queued', 'processing'].includes(answer.body?.import?.status)) return answer;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`import ${id} did not finish`);
}

describe('ЕРЗ imports over REST, through the queue', () => {
  it('accepts a zipped windows-1251 extract (202), imports it in the queue consumer and shows the protocol', async () => {
    const good = newErzPerson(900, codes);
    const bad = {
      ...newErzPerson(901, codes),
      policies: [{ ...newErzPerson(901, codes).policies[0]!, smoCode: '98765' }],
    };
    const file = zipSync({ 'ERZ_99_REST.xml': writeErzExtract(header, [good, bad], 'windows-1251') });

    const accepted = await upload(file, admin, 'Выписка ЕРЗ.zip');

    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      status: 'queued',
      fileName: 'Выписка ЕРЗ.zip',
      uploadedBy: 'test_admin',
    });
    const done = await finished(accepted.body.id);
    expect(done.status).toBe(200);
    expect(done.body.import).toMatchObject({
      status: 'done',
      counts: { total: 2, accepted: 1, rejected: 1, created: 1 },
      header: { fileName: 'ERZ_99_REST', okato: '99000', version: '1.0' },
    });
    expect(done.body.protocol).toMatchObject({
      total: 1,
      items: [
        {
          ordinal: 2,
          status: 'rejected',
          findings: [{ code: '904', rule: 'ERZ.SMO.UNKNOWN', value: '98765' }],
        },
      ],
    });
    const [person] = await rt.db.sql`select 1 from person.person where enp = ${good.enp}`;
    expect(person).toBeDefined();

    const again = await upload(file, admin, 'повтор.zip');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', duplicateOf: accepted.body.id });

    const list = await callApi(rt.runtime.url, '/api/v1/erz/imports?pageSize=5', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([again.body.id, accepted.body.id]);
  });

  it('reports a file that cannot be read as an extract as rejected, with the package finding', async () => {
    const broken = new TextEncoder().encode('<?xml version="1.0"?><ERZ_LIST><ZGLV><VERSION>1.0</VERSION>');
    const accepted = await upload(broken, admin, 'broken.xml');
    const done = await finished(accepted.body.id);
    expect(done.body.import.status).toBe('rejected');
    expect(done.body.packageFindings).toMatchObject([{ code: '901' }]);
  });

  it('refuses bad uploads with FLK codes (400) and other roles (403); unknown imports are 404', async () => {
    const xml = writeErzExtract(header, [newErzPerson(902, codes)]);
    const noName = await upload(xml, admin);
    expect(noName.status).toBe(400);
    expect(noName.type).toContain('application/problem+json');
    expect(noName.body.errors).toMatchObject([{ code: '902', field: 'x-file-name' }]);
    expect((await upload(xml, admin, 'erz.txt')).body.errors).toMatchObject([{ code: '802' }]);
    const notXml = await upload(new TextEncoder().encode('ENP;FAM\n1;2'), admin, 'erz.xml');
    expect(notXml.status).toBe(400);
    expect(notXml.body.errors[0]).toMatchObject({ code: '801' });
    expect(notXml.body.errors[0].message).toMatch(/ни ZIP-архивом, ни XML/);
    expect((await upload(new Uint8Array(0), admin, 'erz.xml')).body.errors).toMatchObject([{ code: '902' }]);

    const analyst = await signInToken(rt.runtime.url, 'test_tfoms');
    expect((await upload(xml, analyst, 'erz.xml')).status).toBe(403);
    expect((await callApi(rt.runtime.url, '/api/v1/erz/imports', { token: analyst })).status).toBe(200);
    const mo = await signInToken(rt.runtime.url, 'test_mo');
    expect((await upload(xml, mo, 'erz.xml')).status).toBe(403);
    expect((await callApi(rt.runtime.url, '/api/v1/erz/imports', { token: mo })).status).toBe(403);

    expect((await callApi(rt.runtime.url, '/api/v1/erz/imports/999999', { token: admin })).status).toBe(404);
    expect((await callApi(rt.runtime.url, '/api/v1/erz/imports/abc', { token: admin })).status).toBe(404);
    expect((await callApi(rt.runtime.url, '/api/v1/erz/imports?status=nope', { token: admin })).status).toBe(
      400,
    );
  });
});
