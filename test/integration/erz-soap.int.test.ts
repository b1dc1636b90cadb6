import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { testDemo } from './global-setup';

/** ErzService.SendErzExtract through a client generated from the WSDL: per-record protocol, sender checks. */
let t: TestRuntime;
const region = generateRegionStructure(testDemo.seed);
const codes = erzRegionCodes(region);

beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(async () => {
  await t?.stop();
});

async function client(username: string) {
  const c = await soap.createClientAsync(`${t.runtime.url}/soap/ErzService?wsdl`);
  c.setEndpoint(`${t.runtime.url}/soap/ErzService`);
  c.setSecurity(
    new soap.WSSecurity(username, username, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  return c;
}

function soapPerson(p: ErzPerson) {
  return {
    RecordId: p.recordId,
    Enp: p.enp,
    ...(p.snils ? { Snils: p.snils } : {}),
    Fam: p.fam,
    Im: p.im,
    ...(p.ot ? { Ot: p.ot } : {}),
    Sex: p.sex,
    BirthDate: p.birthDate,
    Document: p.documents.map((d) => ({
      DocType: d.docType,
      ...(d.docSer ? { DocSer: d.docSer } : {}),
      DocNum: d.docNum,
      ...(d.docDate ? { DocDate: d.docDate } : {}),
    })),
    Policy: p.policies.map((x) => ({
      PolicyType: x.policyType,
      Number: x.number,
      SmoCode: x.smoCode,
      DateBeg: x.dateBeg,
      ...(x.dateEnd ? { DateEnd: x.dateEnd } : {}),
    })),
    Attachment: p.attachments.map((a) => ({
      MoCode: a.moCode,
      DistrictCode: a.districtCode,
      DoctorSnils: a.doctorSnils,
      DateBeg: a.dateBeg,
      ...(a.dateEnd ? { DateEnd: a.dateEnd } : {}),
    })),
  };
}

const header = (packageId: string, senderCode = '99') => ({
  PackageId: packageId,
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});

describe('SOAP ErzService.SendErzExtract', () => {
  it('accepts the valid records of a package, rejects the bad one with its FLK code, and stores nothing of it', async () => {
    // Prepare: two new persons, the second with a wrong ЕНП check digit
    const good = newErzPerson(1, codes, 'soap');
    const bad = newErzPerson(2, codes, 'soap');
    bad.enp = bad.enp.slice(0, 15) + String((Number(bad.enp[15]) + 1) % 10);
    const c = await client('soap_tfoms');

    // Act
    const [protocol] = await c.SendErzExtractAsync({
      Header: header('pkg-soap-1'),
      Person: [soapPerson(good), soapPerson(bad)],
    });

    // Assess: partially accepted, the bad record named with code 904, only the good person registered
    expect(protocol).toMatchObject({
      Status: 'partially_accepted',
      Total: 2,
      Accepted: 1,
      Rejected: 1,
      Created: 1,
    });
    const records = Array.isArray(protocol.Record) ? protocol.Record : [protocol.Record];
    const rejected = records.find((r: { Status: string }) => r.Status === 'rejected');
    expect(rejected.RecordId).toBe(bad.recordId);
    const errors = Array.isArray(rejected.Error) ? rejected.Error : [rejected.Error];
    expect(errors.map((e: { Code: string }) => e.Code)).toContain('904');
    expect(errors[0].Message).toMatch(/ЕНП/);
    const stored = await t.db.sql`select enp from person.person where enp in (${good.enp}, ${bad.enp})`;
    expect(stored.map((r) => r.enp)).toEqual([good.enp]);

    // Act + Assess: the same package again is recognised, not applied twice
    const [again] = await c.SendErzExtractAsync({
      Header: header('pkg-soap-1'),
      Person: [soapPerson(good), soapPerson(bad)],
    });
    expect(again.Status).toBe('duplicate');
    expect((await t.db.sql`select count(*)::int as n from person.person where enp = ${good.enp}`)[0]!.n).toBe(
      1,
    );

    // Assess: the new person is now found by the insurance-affiliation query
    const [answer] = await (await client('soap_smo')).GetInsuranceAffiliationAsync({ Enp: good.enp });
    expect(answer).toMatchObject({ Outcome: 'identified', Person: { Fam: good.fam } });
  });

  it('refuses a package sent for another organisation, and an account not entitled to load the register', async () => {
    const person = newErzPerson(3, codes, 'soap');
    const forOther = await (await client('soap_tfoms'))
      .SendErzExtractAsync({ Header: header('pkg-soap-2', '99001'), Person: [soapPerson(person)] })
      .catch((e: { response: { status: number }; root: unknown }) => e);
    expect(forOther.response.status).toBe(400);
    expect(JSON.stringify(forOther.root)).toContain('AUTH-403');
    const notEntitled = await (await client('soap_smo'))
      .SendErzExtractAsync({ Header: header('pkg-soap-3', '99001'), Person: [soapPerson(person)] })
      .catch((e: { response: { status: number }; root: unknown }) => e);
    expect(notEntitled.response.status).toBe(400);
    expect(JSON.stringify(notEntitled.root)).toContain('загрузка выписок ЕРЗ');
    expect(await t.db.sql`select 1 from person.person where enp = ${person.enp}`).toHaveLength(0);
  });
});
