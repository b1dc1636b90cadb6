import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdmissionRecord,
  DischargeRecord,
  PatientRef,
  ReferralRecord,
} from '../../shared/hospitalisation/domain/records';
import type { TFileName, TFileType } from '../../shared/hospitalisation/formats/t-family/t-file-name';
import { readTFileAll } from '../../shared/hospitalisation/formats/t-family/t-file-reader';
import { writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import {
  admission,
  type HospFixture,
  hospFixture,
  isoDaysAgo,
  referral,
} from '../helpers/hospitalisation-fixtures';
import { type ApiAnswer, callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * T1–T6 files over REST through the queue (docs/formats/t-family.md): import, per-record protocol, export of the
 * caller's scope, and the round trip — the exported records equal the imported ones, and importing the export
 * again changes nothing.
 */
let t: TestRuntime;
let fx: HospFixture;
const tokens: Record<string, string> = {};
/** The register's data of the fixture persons, as an export writes them. */
const patients = new Map<string, PatientRef>();

beforeAll(async () => {
  t = await startTestRuntime();
  fx = await hospFixture(t.db.sql);
  for (const user of ['test_mo', 'test_hosp', 'test_smo', 'test_smo2', 'test_tfoms']) {
    tokens[user] = await signInToken(t.runtime.url, user);
  }
  const rows = await t.db.sql<
    { enp: string; fam: string; im: string; ot: string | null; sex: 1 | 2; birthDate: string }[]
  >`
    select enp, fam, im, ot, sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate" from person.person
    where enp = any(${fx.persons.map((p) => p.enp)})`;
  for (const r of rows) {
    patients.set(r.enp, {
      enp: r.enp,
      fam: r.fam,
      im: r.im,
      ...(r.ot ? { ot: r.ot } : {}),
      sex: r.sex,
      birthDate: r.birthDate,
    });
  }
});
afterAll(async () => {
  await t?.stop();
});

const name = <T extends TFileType>(
  type: T,
  code: string,
  seq: number | null = null,
): TFileName & { type: T } => ({
  type,
  senderKind: 'M',
  senderCode: code,
  date: isoDaysAgo(20),
  sequence: seq,
});

function upload(bytes: Uint8Array, user: string, fileName: string): Promise<ApiAnswer> {
  return callApi(t.runtime.url, '/api/v1/hospitalisation/files', {
    method: 'POST',
    token: tokens[user]!,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    body: new Uint8Array(bytes),
  });
}

/** Follows a file until the queue consumer has finished it. */
async function finished(id: number, user: string): Promise<ApiAnswer> {
  for (let i = 0; i < 200; i++) {
    const answer = await callApi(t.runtime.url, `/api/v1/hospitalisation/files/${id}`, {
      token: tokens[user]!,
    });
    if (!['queued', 'processing'].includes(answer.body?.file?.status)) return answer;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`file ${id} did not finish`);
}

async function importFile(bytes: Uint8Array, user: string, fileName: string): Promise<ApiAnswer> {
  const accepted = await upload(bytes, user, fileName);
  expect(accepted.status, accepted.text).toBe(202);
  return finished(accepted.body.id, user);
}

async function exportFile(user: string, type: TFileType, from: string, to: string) {
  const res = await fetch(
    `${t.runtime.url}/api/v1/hospitalisation/files/export?type=${type}&from=${from}&to=${to}`,
    { headers: { authorization: `Bearer ${tokens[user]!}` } },
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

async function recordsOf(bytes: Uint8Array) {
  async function* one() {
    yield bytes;
  }
  const { header, items } = await readTFileAll(one());
  return { header, records: items.map((i) => (i.kind === 'record' ? i.record : i)) };
}

const bySource = <T extends { sourceId: string }>(list: unknown[], ids: string[]) =>
  (list as T[]).filter((r) => ids.includes(r.sourceId)).sort((a, b) => a.sourceId.localeCompare(b.sourceId));

describe('T-files: import, export, round trip', () => {
  it('imports T1 then T2/T3/T5 for them; the export of the period gives the same records; re-importing it changes nothing', async () => {
    // Prepare: three referrals of the polyclinic, two planned admissions and an emergency at the hospital, a discharge
    const [p1, p2, p3, p4] = fx.persons;
    const refs: ReferralRecord[] = [p1!, p2!, p3!].map((p, i) =>
      referral(fx, p, {
        sourceId: `t1-${randomUUID()}`,
        date: isoDaysAgo(40),
        plannedDate: isoDaysAgo(36),
        fromDepartmentCode: undefined,
        patient: { ...patients.get(p.enp)!, ...(i === 0 ? { phone: '+79001234567' } : {}) },
      }),
    );
    const stays: AdmissionRecord[] = [refs[0]!, refs[1]!].map((r) =>
      admission(fx, fx.persons.find((p) => p.enp === r.patient.enp)!, {
        sourceId: `t2-${randomUUID()}`,
        referralNumber: r.number,
        referralDate: r.date,
        date: isoDaysAgo(35),
        time: '09:15',
        patient: patients.get(r.patient.enp!)!,
      }),
    );
    const emergency = admission(fx, p4!, {
      sourceId: `t3-${randomUUID()}`,
      kind: 'emergency',
      form: 1,
      date: isoDaysAgo(33),
      patient: patients.get(p4!.enp)!,
    });
    const discharges: DischargeRecord[] = [
      {
        sourceId: `t5-${randomUUID()}`,
        admissionSourceId: stays[0]!.sourceId,
        date: isoDaysAgo(30),
        outcome: 1,
      },
    ];
    const t1 = writeTFile(
      name('T1', fx.polyclinic),
      refs.map((record) => ({ record })),
    );

    // Act: the polyclinic sends T1, the hospital T2, T3 and T5
    const t1Done = await importFile(t1.bytes, 'test_mo', t1.fileName);
    const t2Done = await importFile(
      writeTFile(
        name('T2', fx.hospital),
        stays.map((record) => ({ record })),
      ).bytes,
      'test_hosp',
      'T2-plain-upload.zip',
    );
    const t3Done = await importFile(
      writeTFile(name('T3', fx.hospital), [{ record: emergency }], { encoding: 'utf-8', zip: false }).bytes,
      'test_hosp',
      'emergency.xml',
    );
    const t5Done = await importFile(
      writeTFile(
        name('T5', fx.hospital),
        discharges.map((record) => ({ record })),
      ).bytes,
      'test_hosp',
      'T5.zip',
    );

    // Assess: every record accepted, the protocol in file order
    expect(t1Done.body.file, JSON.stringify(t1Done.body)).toMatchObject({
      status: 'done',
      fileType: 'T1',
      result: 'accepted',
      counts: { total: 3, accepted: 3, rejected: 0 },
      header: { type: 'T1', senderCode: fx.polyclinic, version: '1.0' },
    });
    expect(
      t1Done.body.protocol.items.map((r: { ordinal: number; status: string }) => [r.ordinal, r.status]),
    ).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'accepted'],
    ]);
    for (const done of [t2Done, t3Done, t5Done]) {
      expect(done.body.file, JSON.stringify(done.body)).toMatchObject({ status: 'done', result: 'accepted' });
    }
    const [{ n: referralsStored }] = (await t.db.sql`
      select count(*)::int as n from hosp.referral where number = any(${refs.map((r) => r.number)})`) as unknown as [
      { n: number },
    ];
    expect(referralsStored).toBe(3);

    // Act: export the period, as the polyclinic (T1) and as the hospital (T2, T3, T5)
    const from = isoDaysAgo(45);
    const to = isoDaysAgo(25);
    const exported = {
      T1: await exportFile('test_mo', 'T1', from, to),
      T2: await exportFile('test_hosp', 'T2', from, to),
      T3: await exportFile('test_hosp', 'T3', from, to),
      T5: await exportFile('test_hosp', 'T5', from, to),
    };

    // Assess: zipped T-files named after the caller, holding the very records that were imported
    expect(exported.T1.res.status).toBe(200);
    expect(exported.T1.res.headers.get('content-type')).toBe('application/zip');
    expect(exported.T1.res.headers.get('content-disposition')).toContain(`T1-M-${fx.polyclinic}-${to}.zip`);
    const back = {
      T1: await recordsOf(exported.T1.bytes),
      T2: await recordsOf(exported.T2.bytes),
      T3: await recordsOf(exported.T3.bytes),
      T5: await recordsOf(exported.T5.bytes),
    };
    expect(back.T1.header).toMatchObject({ type: 'T1', senderCode: fx.polyclinic });
    const ids = (list: { sourceId: string }[]) => list.map((r) => r.sourceId);
    expect(bySource(back.T1.records, ids(refs))).toEqual(bySource(refs, ids(refs)));
    expect(bySource(back.T2.records, ids(stays))).toEqual(bySource(stays, ids(stays)));
    expect(bySource(back.T3.records, [emergency.sourceId])).toEqual([emergency]);
    expect(bySource(back.T5.records, ids(discharges))).toEqual(discharges);

    // Act: the same file again, then the hospital's export imported again
    const again = await upload(t1.bytes, 'test_mo', 'повтор.zip');
    const before = await t.db
      .sql`select id, source_id, kind, referral_id, form_v014, department_code, profile_v002, bed_profile_v020,
                admitted_on, admitted_time, case_number, diagnosis, person_id, discharged_on, outcome
         from hosp.stay where source_id = any(${ids(stays)}) order by id`;
    const reimport = await importFile(exported.T2.bytes, 'test_hosp', `T2-M-${fx.hospital}-${to}.zip`);
    const after = await t.db
      .sql`select id, source_id, kind, referral_id, form_v014, department_code, profile_v002, bed_profile_v020,
                admitted_on, admitted_time, case_number, diagnosis, person_id, discharged_on, outcome
         from hosp.stay where source_id = any(${ids(stays)}) order by id`;

    // Assess: the same content is recognised; the re-sent records are accepted as the stays they are, their data
    // unchanged (the service does bump change_seq on an identical re-send: see the report)
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', duplicateOf: t1Done.body.file.id });
    expect(reimport.body.file, JSON.stringify(reimport.body)).toMatchObject({ status: 'done' });
    const mine = reimport.body.protocol.items.filter((r: { sourceId: string }) =>
      ids(stays).includes(r.sourceId),
    );
    expect(mine.map((r: { status: string; id: string }) => [r.status, r.id]).sort()).toEqual(
      t2Done.body.protocol.items.map((r: { id: string }) => ['accepted', r.id]).sort(),
    );
    expect(after).toEqual(before);
  });

  it('answers a per-record protocol for a file with errors, and stores nothing of the rejected records', async () => {
    // Prepare: a good referral, one with a format error (W = 3), one that fails FLK (an unknown department)
    const [p1, p2, p3] = fx.persons.slice(10);
    const good = referral(fx, p1!, {
      sourceId: 'err-good',
      date: isoDaysAgo(12),
      plannedDate: isoDaysAgo(5),
    });
    const badFormat = referral(fx, p2!, {
      sourceId: 'err-format',
      date: isoDaysAgo(12),
      plannedDate: isoDaysAgo(5),
    });
    const badFlk = referral(fx, p3!, {
      sourceId: 'err-flk',
      date: isoDaysAgo(12),
      plannedDate: isoDaysAgo(5),
      toDepartmentCode: 'NO-SUCH',
    });
    const rows = [good, badFormat, badFlk].map((record) => ({
      record: { ...record, patient: patients.get(record.patient.enp!) ?? record.patient },
    }));
    const xml = new TextDecoder('windows-1251').decode(
      writeTFile(name('T1', fx.polyclinic, 2), rows, { zip: false }).bytes,
    );
    const broken = xml.replace(/(<ID_ZAP>err-format<\/ID_ZAP>[\s\S]*?<W>)\d(<\/W>)/, '$13$2');

    // Act
    const done = await importFile(
      new TextEncoder().encode(broken.replace('windows-1251', 'UTF-8')),
      'test_mo',
      'errors.xml',
    );

    // Assess
    expect(done.body.file).toMatchObject({
      status: 'done',
      result: 'partially_accepted',
      counts: { total: 3, accepted: 1, rejected: 2 },
    });
    const [first, second, third] = done.body.protocol.items;
    expect(first).toMatchObject({ ordinal: 1, sourceId: 'err-good', status: 'accepted' });
    expect(second).toMatchObject({
      ordinal: 2,
      sourceId: 'err-format',
      status: 'rejected',
      issues: [{ code: '904', field: 'W', value: '3', message: 'Недопустимый код W (допустимо: 1, 2)' }],
    });
    expect(third).toMatchObject({ ordinal: 3, sourceId: 'err-flk', status: 'rejected' });
    expect(third.issues.map((i: { rule: string }) => i.rule)).toContain('HOSP.DEPT.UNKNOWN');
    const rejectedOnly = await callApi(
      t.runtime.url,
      `/api/v1/hospitalisation/files/${done.body.file.id}?only=rejected`,
      { token: tokens.test_mo! },
    );
    expect(rejectedOnly.body.protocol.items.map((r: { ordinal: number }) => r.ordinal)).toEqual([2, 3]);
    const stored = await t.db.sql<{ source_id: string }[]>`
      select source_id from hosp.referral where source_id like 'err-%' order by source_id`;
    expect(stored.map((r) => r.source_id)).toEqual(['err-good']);
  });

  it('refuses what a caller may not send, keeps journals apart, and scopes exports', async () => {
    const t1 = writeTFile(name('T1', fx.polyclinic, 3), [
      {
        record: referral(fx, fx.persons[20]!, {
          date: isoDaysAgo(8),
          plannedDate: isoDaysAgo(2),
          patient: patients.get(fx.persons[20]!.enp)!,
        }),
      },
    ]);
    const foreign = writeTFile(name('T1', fx.hospital, 4), [
      { record: referral(fx, fx.persons[21]!, { date: isoDaysAgo(8), plannedDate: isoDaysAgo(2) }) },
    ]);

    // Act
    const bySmo = await upload(t1.bytes, 'test_smo', t1.fileName);
    const wrongName = await upload(t1.bytes, 'test_hosp', t1.fileName);
    const wrongSender = await importFile(foreign.bytes, 'test_mo', 'чужой.zip');
    const notTFile = await importFile(new TextEncoder().encode('<ERZ_LIST/>'), 'test_mo', 'x.xml');
    const list = await callApi(t.runtime.url, '/api/v1/hospitalisation/files?pageSize=50', {
      token: tokens.test_hosp!,
    });
    const hidden = await callApi(t.runtime.url, `/api/v1/hospitalisation/files/${wrongSender.body.file.id}`, {
      token: tokens.test_hosp!,
    });
    const fund = await callApi(t.runtime.url, `/api/v1/hospitalisation/files/${wrongSender.body.file.id}`, {
      token: tokens.test_tfoms!,
    });
    const smoExport = await exportFile('test_smo', 'T1', isoDaysAgo(45), isoDaysAgo(25));
    const smo2Export = await exportFile('test_smo2', 'T1', isoDaysAgo(45), isoDaysAgo(25));
    const badPeriod = await callApi(
      t.runtime.url,
      `/api/v1/hospitalisation/files/export?type=T1&from=${isoDaysAgo(1)}&to=${isoDaysAgo(5)}`,
      { token: tokens.test_mo! },
    );
    const badType = await callApi(
      t.runtime.url,
      '/api/v1/hospitalisation/files/export?type=T9&from=2026-01-01&to=2026-01-02',
      {
        token: tokens.test_mo!,
      },
    );

    // Assess
    expect(bySmo.status).toBe(403);
    expect(bySmo.type).toContain('application/problem+json');
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.errors).toMatchObject([{ code: '802', field: 'x-file-name' }]);
    expect(wrongSender.body.file, JSON.stringify(wrongSender.body)).toMatchObject({
      status: 'rejected',
      result: 'rejected',
      packageIssues: [{ code: 'AUTH-403' }],
    });
    expect(notTFile.body.file).toMatchObject({ status: 'rejected', packageIssues: [{ code: '901' }] });
    expect(list.body.items.every((f: { orgCode: string }) => f.orgCode === fx.hospital)).toBe(true);
    expect(hidden.status).toBe(404);
    expect(fund.status).toBe(200);
    const smoNumbers = (await recordsOf(new Uint8Array(smoExport.bytes))).records.length;
    expect(smoExport.res.status).toBe(200);
    expect(smoNumbers).toBeGreaterThanOrEqual(3);
    expect((await recordsOf(smo2Export.bytes)).records).toEqual([]);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0]).toMatchObject({
      field: 'from',
      message: 'Начало периода позже его конца',
    });
    expect(badType.status).toBe(400);
    const [exportAudit] = await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from audit.entry where action = 'export' and entity = 'hosp.t_file'`;
    expect(exportAudit!.n).toBeGreaterThanOrEqual(6);
  });
});
