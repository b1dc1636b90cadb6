import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeXmlText } from '../../shared/platform/formats/xml-text-encoding';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import type { DispensaryRecord, PlanEntryRecord } from '../../shared/prevention/domain/records';
import { dnPlanRowsOf } from '../../shared/prevention/formats/gis-dn/gis-dn-mapping';
import { gisDnNameFor } from '../../shared/prevention/formats/gis-dn/gis-dn-name';
import { readDnListAll, readDnPlanAll } from '../../shared/prevention/formats/gis-dn/gis-dn-reader';
import { writeDnList, writeDnPlan } from '../../shared/prevention/formats/gis-dn/gis-dn-writer';
import type { PlanListName } from '../../shared/prevention/formats/plan-list/plan-list-name';
import { readPlanListAll } from '../../shared/prevention/formats/plan-list/plan-list-reader';
import { planListXml, writePlanList } from '../../shared/prevention/formats/plan-list/plan-list-writer';
import { type ApiAnswer, callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * The prevention files of issue 13 over REST (docs/formats/prevention-files.md): an МО uploads a plan list
 * (`PROF`) and gets each record's protocol and the error answer `OSHIB_PR`; bad records store nothing; the plan
 * list and the ГИС ОМС ДН files (`GST`, `GPT`) export and import again unchanged.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
const orgs = new Map<string, string>();
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
let region = '';
interface Person {
  id: string;
  enp: string;
  birthDate: string;
  district: string;
}
let attached: Person[];
let elsewhere: Person;
const codes = { diagnosis: '', specialty: 0 };

beforeAll(async () => {
  t = await startTestRuntime();
  for (const username of ['test_mo', 'test_mo2', 'test_smo', 'test_tfoms']) {
    tokens.set(username, await signInToken(t.runtime.url, username));
  }
  for (const a of await t.db.sql<{ username: string; org_code: string }[]>`
    select username, org_code from auth.account`)
    orgs.set(a.username, a.org_code);
  const persons = (mo: string) => t.db.sql<Person[]>`
    select p.id::text, p.enp, p.birth_date::text as "birthDate", a.district_code as district
    from person.person p
    join person.attachment a on a.person_id = p.id and a.mo_code = ${mo} and a.date_end is null
    join person.policy po on po.person_id = p.id and po.date_end is null
    where p.birth_date < make_date(${year} - 18, 1, 1) and p.enp is not null and a.district_code is not null
    order by p.id limit 40`;
  attached = await persons(orgs.get('test_mo')!);
  elsewhere = (await persons(orgs.get('test_mo2')!))[0]!;
  region = (
    await t.db.sql<{ code: string }[]>`
    select region_code as code from org.organisation where kind = 'TFOMS' order by code limit 1`
  )[0]!.code;
  const valid = (directory: string) => t.db.sql<{ code: string }[]>`
    select code from nsi.record
    where directory_code = ${directory} and date_beg <= ${daysAgo(400)}::date and date_end is null
      and (${directory} <> 'MKB10' or code ~ '^I1[0-5]')
    order by code limit 1`;
  codes.diagnosis = (await valid('MKB10'))[0]!.code;
  codes.specialty = Number((await valid('V021'))[0]!.code);
});
afterAll(async () => {
  await t?.stop();
});

const mo = () => orgs.get('test_mo')!;
const upload = (bytes: Uint8Array, fileName: string, username = 'test_mo'): Promise<ApiAnswer> =>
  callApi(t.runtime.url, '/api/v1/prevention/files', {
    method: 'POST',
    token: tokens.get(username),
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(bytes),
  });
/** An upload answered with the error answer file itself (windows-1251). */
async function uploadForAnswer(bytes: Uint8Array, fileName: string) {
  const res = await fetch(`${t.runtime.url}/api/v1/prevention/files?answer=file`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.get('test_mo')}`,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(fileName),
    },
    body: new Uint8Array(bytes),
  });
  const text = new TextDecoder('windows-1251').decode(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}
async function download(username: string, path: string) {
  const res = await fetch(`${t.runtime.url}${path}`, {
    headers: { authorization: `Bearer ${tokens.get(username)}` },
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}
async function* one(bytes: Uint8Array) {
  yield bytes;
}

let fileNumber = 0;
/** A new plan-list name of the МО (a new number each time: the same name twice is still another file). */
const profName = (moCode = mo()): PlanListName => ({
  moCode,
  region,
  smoCode: null,
  year: Number(today.slice(0, 4)),
  month: Number(today.slice(5, 7)),
  number: String(++fileNumber),
});
const profFile = (name = profName()) => ({ date: today, year, name });
const age = (p: Person) => year - Number(p.birthDate.slice(0, 4));
const entry = (p: Person, over: Partial<PlanEntryRecord> = {}): PlanEntryRecord => ({
  sourceId: `F-${randomUUID()}`,
  patient: { enp: p.enp },
  year,
  kind: dispensarisationYear(age(p)) ? 'DVN' : 'PMO',
  months: [3, 4],
  districtCode: p.district,
  category: 0,
  withdrawn: false,
  ...over,
});
const stored = (sourceIds: string[]) => t.db.sql<
  { sourceId: string; months: number[]; districtCode: string; kind: string; withdrawn: boolean }[]
>`
  select source_id as "sourceId", months::int[] as months, district_code as "districtCode", kind, withdrawn
  from prevention.plan_entry where source_id = any(${sourceIds}::text[]) order by source_id`;
const decode = (bytes: Uint8Array) => new TextDecoder('windows-1251').decode(bytes);

describe('plan-list files', () => {
  it('an МО uploads a PROF file: its entries are stored, each record answered, OSHIB_PR offered; the same file again is a duplicate', async () => {
    // Arrange
    const records = attached.slice(0, 3).map((p, i) => entry(p, i === 2 ? { months: [], quarter: 3 } : {}));
    const file = writePlanList(profFile(), records);

    // Act
    const sent = await upload(file.bytes, file.fileName);
    const again = await upload(file.bytes, file.fileName);

    // Assess
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({
      fileName: file.fileName,
      family: 'plan-list',
      status: 'accepted',
      total: 3,
      accepted: 3,
      rejected: 0,
      records: records.map((r, i) => ({
        ordinal: i + 1,
        nomerZ: String(i + 1),
        sourceId: r.sourceId,
        status: 'accepted',
        id: expect.any(String),
        issues: [],
      })),
    });
    const answer = decode(Buffer.from(sent.body.answerFile.base64, 'base64'));
    expect(sent.body.answerFile.fileName).toBe(`ERR_${file.fileName.replace('.xml', '')}.xml`);
    expect(answer).toContain(`<FNAME_I>${file.fileName.replace('.xml', '')}</FNAME_I>`);
    expect(answer).not.toContain('<ZAP_OSHIB>');
    expect(await stored(records.map((r) => r.sourceId))).toEqual(
      records
        .map((r) => ({
          sourceId: r.sourceId,
          months: r.months,
          districtCode: r.districtCode,
          kind: r.kind,
          withdrawn: false,
        }))
        .sort((a, b) => a.sourceId.localeCompare(b.sourceId)),
    );
    const packages = await t.db.sql<{ channel: string; kind: string }[]>`
      select channel, kind from prevention.package where package_id = any(${sent.body.packages}::text[])`;
    expect(packages).toEqual([{ channel: 'file', kind: 'plan-entry' }]);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', accepted: 3, packages: sent.body.packages });
  });

  it('a file with bad records: OSHIB_PR names each error by NOMER_Z, tag and F012 code; nothing of them is stored', async () => {
    // Arrange: a good entry, two the exchange refuses, two the format refuses
    const [good, unknownDistrict, foreign, badDate, unknownTag] = [
      entry(attached[3]!),
      entry(attached[4]!, { districtCode: 'НЕТ-7' }),
      entry(elsewhere),
      entry(attached[5]!),
      entry(attached[6]!),
    ];
    const name = profName();
    const xml = planListXml(profFile(name), [good, unknownDistrict, foreign, badDate, unknownTag])
      .replace(`<ENP>${badDate.patient.enp}</ENP>`, `<ENP>${badDate.patient.enp}</ENP><DR>2026-02-31</DR>`)
      .replace(
        `<ID_ZAP>${unknownTag.sourceId}</ID_ZAP>`,
        `<ID_ZAP>${unknownTag.sourceId}</ID_ZAP><XYZ>1</XYZ>`,
      );
    const bytes = encodeXmlText(xml, 'windows-1251');
    const fileName = `PROF_M${name.moCode}T${name.region}_${today.slice(2, 4)}${today.slice(5, 7)}${name.number}.xml`;

    // Act
    const sent = await upload(bytes, fileName);
    const answer = await uploadForAnswer(bytes, fileName);

    // Assess
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'partially_accepted', accepted: 1, rejected: 4 });
    const rules = sent.body.records.map((r: { issues: { rule: string }[] }) => r.issues.map((i) => i.rule));
    expect(rules[0]).toEqual([]);
    expect(rules[1]).toContain('PREV.DISTRICT');
    expect(rules[2]).toContain('PREV.PERSON.NOT_ATTACHED');
    expect(rules[3]).toEqual(['PROF.XML.TYPE']);
    expect(rules[4]).toEqual(['PROF.XML.TAG']);
    expect(
      (await stored([good, unknownDistrict, foreign, badDate, unknownTag].map((r) => r.sourceId))).map(
        (r) => r.sourceId,
      ),
    ).toEqual([good.sourceId]);
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('application/xml');
    const text = answer.text.replace(/\s+</g, '<');
    expect(text).toContain(
      `<ZAP_OSHIB><OSHIB>904</OSHIB><NOMER_Z>2</NOMER_Z><ID_ZAP>${unknownDistrict.sourceId}</ID_ZAP><IM_POL>LPUREGION_NAME</IM_POL><ZN_POL>НЕТ-7</ZN_POL>`,
    );
    expect(text).toContain(
      `<OSHIB>904</OSHIB><NOMER_Z>3</NOMER_Z><ID_ZAP>${foreign.sourceId}</ID_ZAP><IM_POL>ENP</IM_POL>`,
    );
    expect(text).toContain(
      `<OSHIB>903</OSHIB><NOMER_Z>4</NOMER_Z><ID_ZAP>${badDate.sourceId}</ID_ZAP><IM_POL>DR</IM_POL><ZN_POL>2026-02-31</ZN_POL>`,
    );
    expect(text).toContain(
      `<OSHIB>901</OSHIB><NOMER_Z>5</NOMER_Z><ID_ZAP>${unknownTag.sourceId}</ID_ZAP><IM_POL>XYZ</IM_POL>`,
    );
    expect(text).not.toContain(`<ID_ZAP>${good.sourceId}</ID_ZAP>`);
  });

  it('refuses a file it cannot read as a whole (name, sender, DOCTYPE) and a caller not entitled to send', async () => {
    const records = [entry(attached[7]!)];
    const otherMo = writePlanList(profFile(profName(orgs.get('test_mo2')!)), records);
    const ok = writePlanList(profFile(), records);
    const doctype = new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE ZL_LIST><ZL_LIST/>');

    const wrongName = await upload(ok.bytes, 'plan-2026.xml');
    const wrongSender = await upload(otherMo.bytes, otherMo.fileName);
    const notXml = await upload(doctype, ok.fileName);
    const bySmo = await upload(ok.bytes, ok.fileName, 'test_smo');
    const refusedAnswer = await uploadForAnswer(doctype, ok.fileName);

    expect(wrongName.status).toBe(400);
    expect(wrongName.body.errors).toMatchObject([{ code: '802', field: 'FILENAME' }]);
    expect(wrongSender.status).toBe(400);
    expect(wrongSender.body.errors).toMatchObject([{ code: '802', value: orgs.get('test_mo2') }]);
    expect(notXml.status).toBe(400);
    expect(notXml.body.errors).toMatchObject([{ code: '901' }]);
    expect(bySmo.status).toBe(403);
    expect(refusedAnswer.status).toBe(400);
    expect(refusedAnswer.text).toContain('<OSHIB>901</OSHIB>');
    expect(await stored(records.map((r) => r.sourceId))).toEqual([]);
  });

  it('exports the МО’s plan list as a PROF file that imports again unchanged; another МО and an СМО do not get it', async () => {
    // Arrange
    const records = [
      entry(attached[8]!, { months: [5] }),
      entry(attached[9]!, { months: [], quarter: 2 }),
      entry(attached[10]!, { withdrawn: true }),
    ];
    const written = writePlanList(profFile(), records);
    const sent = await upload(written.bytes, written.fileName);
    expect(sent.body, sent.text).toMatchObject({ accepted: 3 });
    const before = await stored(records.map((r) => r.sourceId));

    // Act
    const exported = await download('test_mo', `/api/v1/prevention/files/plan-list?year=${year}`);
    const foreign = await download('test_mo2', `/api/v1/prevention/files/plan-list?year=${year}`);
    const bySmo = await download('test_smo', `/api/v1/prevention/files/plan-list?year=${year}`);
    const fileName =
      /filename="([^"]+)"/.exec(exported.res.headers.get('content-disposition') ?? '')?.[1] ?? '';
    const read = await readPlanListAll(one(exported.bytes), { uploadName: fileName });
    const reimported = await upload(exported.bytes, fileName);

    // Assess
    expect(exported.res.status).toBe(200);
    expect(fileName).toMatch(new RegExp(`^PROF_M${mo()}T${region}_\\d{4}1\\.xml$`));
    expect(read.items.every((i) => i.kind === 'record')).toBe(true);
    const bySource = new Map(read.items.map((i) => [i.kind === 'record' ? i.record.sourceId : '', i]));
    for (const r of records) {
      expect(bySource.get(r.sourceId)).toMatchObject({
        kind: 'record',
        record: { ...r, patient: { enp: r.patient.enp } },
      });
    }
    expect(reimported.status, reimported.text).toBe(200);
    expect(reimported.body).toMatchObject({ status: 'accepted', rejected: 0, total: read.items.length });
    expect(await stored(records.map((r) => r.sourceId))).toEqual(before);
    const foreignRead = await readPlanListAll(one(foreign.bytes));
    expect(foreignRead.header.name.moCode).toBe(orgs.get('test_mo2'));
    expect(
      foreignRead.items.some(
        (i) => i.kind === 'record' && records.some((r) => r.sourceId === i.record.sourceId),
      ),
    ).toBe(false);
    expect(bySmo.res.status).toBe(403);
    const audited = await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from audit.entry where action = 'export' and entity = 'prevention.plan_entry'
        and ${attached[8]!.id}::bigint = any(person_ids)`;
    expect(audited[0]!.n).toBeGreaterThanOrEqual(1);
  });
});

describe('ГИС ОМС ДН files', () => {
  const observation = (p: Person, over: Partial<DispensaryRecord> = {}): DispensaryRecord => ({
    sourceId: `DN-${randomUUID()}`,
    patient: { enp: p.enp },
    diagnosis: codes.diagnosis,
    dateIn: daysAgo(200),
    statusIn: 1,
    specialty: codes.specialty,
    moAssign: 1,
    visits: [],
    ...over,
  });
  const gst = (records: DispensaryRecord[], number: number) =>
    writeDnList(
      { name: gisDnNameFor('GST', mo(), today, number), date: today, regionCode: region },
      records.map((record) => ({ record })),
    );
  const gpt = (records: DispensaryRecord[], number: number) =>
    writeDnPlan(
      { name: gisDnNameFor('GPT', mo(), today, number), date: today, regionCode: region },
      dnPlanRowsOf(records, { mcodPlan: mo() }),
    );
  const visitsOf = async (sourceId: string) =>
    (
      await t.db.sql<{ visits: { from: string; to: string }[] }[]>`
        select coalesce((select json_agg(json_build_object('from', f, 'to', t) order by o)
                         from unnest(visit_from, visit_to) with ordinality w(f, t, o)), '[]') as visits
        from prevention.dispensary where source_id = ${sourceId}`
    )[0]?.visits;

  it('GST stores the observations, GPT their windows (a window of no observation is rejected); GST again keeps the windows; both export and import again', async () => {
    // Arrange
    const windows = [
      { from: daysAgo(120), to: daysAgo(90) },
      { from: daysAgo(30), to: daysAgo(10) },
    ];
    const [a, b] = [observation(attached[11]!), observation(attached[12]!, { lastVisit: daysAgo(100) })];
    const stray = observation(attached[13]!, { visits: [{ from: daysAgo(20), to: daysAgo(5) }] });

    // Act: the list, then its plan (and a window of an observation never sent), then the list again
    const list = gst([a, b], 1);
    const listed = await upload(list.bytes, list.fileName);
    const plan = gpt([{ ...a, visits: windows }, { ...b, visits: windows.slice(0, 1) }, stray], 2);
    const planned = await upload(plan.bytes, plan.fileName);
    const changed = gst([{ ...a, dateOut: daysAgo(1), reasonOut: 1 }], 3);
    const relisted = await upload(changed.bytes, changed.fileName);

    // Assess
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toMatchObject({ family: 'dn-list', status: 'accepted', accepted: 2 });
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body).toMatchObject({
      family: 'dn-plan',
      status: 'partially_accepted',
      accepted: 3,
      rejected: 1,
    });
    expect(planned.body.records[3]).toMatchObject({
      sourceId: `${stray.sourceId}/1`,
      status: 'rejected',
      issues: [{ rule: 'GISDN.PLAN.MATCH', code: '904', field: 'DS_CODE' }],
    });
    expect(relisted.body).toMatchObject({ accepted: 1 });
    expect(await visitsOf(a.sourceId)).toEqual(windows);
    expect(await visitsOf(b.sourceId)).toEqual(windows.slice(0, 1));
    expect(await visitsOf(stray.sourceId)).toBeUndefined();

    // Act: export both files and send them again
    const exportedList = await download('test_mo', '/api/v1/prevention/files/dn?type=GST');
    const exportedPlan = await download('test_mo', '/api/v1/prevention/files/dn?type=GPT');
    const nameOf = (res: Response) =>
      /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
    const readList = await readDnListAll(one(exportedList.bytes), { uploadName: nameOf(exportedList.res) });
    const readPlan = await readDnPlanAll(one(exportedPlan.bytes), { uploadName: nameOf(exportedPlan.res) });
    const bySmo = await download('test_smo', '/api/v1/prevention/files/dn?type=GST');

    // Assess: the records as stored, and a second import changes nothing
    expect(exportedList.res.status).toBe(200);
    const records = readList.items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
    expect(records.find((r) => r.sourceId === a.sourceId)).toEqual({
      ...a,
      dateOut: daysAgo(1),
      reasonOut: 1,
      visits: [],
    });
    expect(records.find((r) => r.sourceId === b.sourceId)).toMatchObject({
      lastVisit: daysAgo(100),
      visits: [],
    });
    expect(readPlan.items.filter((i) => i.kind === 'window' && i.row.enp === a.patient.enp)).toHaveLength(2);
    const relist = await upload(exportedList.bytes, nameOf(exportedList.res));
    const replan = await upload(exportedPlan.bytes, nameOf(exportedPlan.res));
    expect(relist.body).toMatchObject({ status: 'accepted', rejected: 0 });
    expect(replan.body).toMatchObject({ status: 'accepted', rejected: 0 });
    expect(await visitsOf(a.sourceId)).toEqual(windows);
    expect(await visitsOf(b.sourceId)).toEqual(windows.slice(0, 1));
    expect(bySmo.res.status).toBe(403);
  });
});
