import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HospFixture, hospFixture, referral, referralAsSoap } from '../helpers/hospitalisation-fixtures';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { xmlOf as toXml } from '../helpers/soap-xml';

/**
 * The same record in packages sent at the same moment (issue 9): ten packages with the same sender + source id
 * and different package ids, and ten copies of one package id, over SOAP `HospitalizationService.SendReferrals`
 * and REST `/api/v1/hospitalisation/packages/referral`. A concurrent duplicate gets the answer a sequential one
 * gets — the record accepted idempotently (its one stored id) or rejected by an FLK rule, the package accepted
 * or `duplicate` — and never a 5xx; the database holds the record once.
 */
let t: TestRuntime;
let f: HospFixture;
let token: string;

const hospNs = 'urn:omslink:hospitalization:1';
const copies = 10;

interface Answer {
  status: number;
  packageStatus: string | null;
  records: { status: string; id: string | null; codes: string[] }[];
  text: string;
}

/** Text of every element with this local name (any prefix). */
function texts(xml: string, local: string): string[] {
  const re = new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${local}>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]!);
}

/** A referral in canonical shape → the SOAP `Referral` element (PascalCase, in the WSDL's order). */
function soapReferral(r: ReturnType<typeof referral>) {
  return referralAsSoap(r);
}

async function sendSoap(packageId: string, r: ReturnType<typeof referral>): Promise<Answer> {
  const body =
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${hospNs}">` +
    `<soap:Body>${toXml('SendReferralsRequest', {
      Header: { PackageId: packageId, SenderCode: f.polyclinic, CreatedAt: new Date().toISOString() },
      Referral: soapReferral(r),
    })}</soap:Body></soap:Envelope>`;
  const res = await fetch(`${t.runtime.url}/soap/HospitalizationService`, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      authorization: `Basic ${Buffer.from('soap_mo:soap_mo').toString('base64')}`,
    },
    body,
  });
  const text = await res.text();
  const record = /<(?:[\w-]+:)?Record>([\s\S]*?)<\/(?:[\w-]+:)?Record>/.exec(text)?.[1] ?? '';
  return {
    status: res.status,
    packageStatus: texts(text, 'Status')[0] ?? null,
    records: record
      ? [
          {
            status: texts(record, 'Status')[0]!,
            id: texts(record, 'Id')[0] ?? null,
            codes: texts(record, 'Code'),
          },
        ]
      : [],
    text,
  };
}

async function sendRest(packageId: string, r: ReturnType<typeof referral>): Promise<Answer> {
  const answer = await callApi(t.runtime.url, '/api/v1/hospitalisation/packages/referral', {
    method: 'POST',
    token,
    json: { header: { packageId, senderCode: f.polyclinic }, records: [r] },
  });
  return {
    status: answer.status,
    packageStatus: answer.body?.status ?? null,
    records: (answer.body?.records ?? []).map(
      (x: { status: string; id?: string; issues: { code: string }[] }) => ({
        status: x.status,
        id: x.id ?? null,
        codes: x.issues.map((i) => i.code),
      }),
    ),
    text: answer.text,
  };
}

const channels = { soap: sendSoap, rest: sendRest };

async function stored(sourceId: string) {
  return t.db.sql<{ id: string }[]>`
    select id::text from hosp.referral where sender_code = ${f.polyclinic} and source_id = ${sourceId}`;
}

beforeAll(async () => {
  t = await startTestRuntime();
  f = await hospFixture(t.db.sql);
  token = await signInToken(t.runtime.url, 'test_mo');
});
afterAll(async () => {
  await t?.stop();
});

describe('concurrent duplicates', () => {
  for (const [channel, send] of Object.entries(channels)) {
    it(`${channel}: ten packages with the same record at once store it once and answer each sender without a 5xx`, async () => {
      const r = referral(f, f.persons[channel === 'soap' ? 0 : 1]!);
      const answers = await Promise.all(
        Array.from({ length: copies }, () => send(`${channel}-same-record-${randomUUID()}`, r)),
      );
      const rows = await stored(r.sourceId);
      expect(rows).toHaveLength(1);
      for (const a of answers) {
        expect(a.status, a.text.slice(0, 500)).toBe(200);
        expect(a.records, a.text.slice(0, 500)).toHaveLength(1);
        const [record] = a.records;
        if (record!.status === 'accepted') {
          // The idempotent answer: the one stored record's id.
          expect(record!.id, a.text.slice(0, 500)).toBe(rows[0]!.id);
          expect(a.packageStatus).toBe('accepted');
        } else {
          // The FLK duplicate rule (F012 905), as a sequential re-send under another number would get.
          expect(record!.status, a.text.slice(0, 500)).toBe('rejected');
          expect(record!.codes.length, a.text.slice(0, 500)).toBeGreaterThan(0);
          for (const code of record!.codes) expect(code).toMatch(/^9\d\d$/);
          expect(a.packageStatus).toBe('rejected');
        }
      }
      expect(answers.filter((a) => a.records[0]?.status === 'accepted').length).toBeGreaterThan(0);

      // The same record once more, sequentially: the idempotent answer.
      const again = await send(`${channel}-same-record-${randomUUID()}`, r);
      expect(again.records[0], again.text.slice(0, 500)).toMatchObject({
        status: 'accepted',
        id: rows[0]!.id,
      });
    });

    it(`${channel}: ten copies of one package id at once process it once; the others answer duplicate`, async () => {
      const r = referral(f, f.persons[channel === 'soap' ? 2 : 3]!);
      const packageId = `${channel}-same-package-${randomUUID()}`;
      const answers = await Promise.all(Array.from({ length: copies }, () => send(packageId, r)));
      for (const a of answers) expect(a.status, a.text.slice(0, 500)).toBe(200);
      const statuses = answers.map((a) => a.packageStatus).sort();
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(copies - 1);
      expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
      expect(await stored(r.sourceId)).toHaveLength(1);
      const [journal] = await t.db.sql<{ n: number }[]>`
        select count(*)::int as n from hosp.package where sender_code = ${f.polyclinic} and package_id = ${packageId}`;
      expect(journal!.n).toBe(1);
    });
  }
});
