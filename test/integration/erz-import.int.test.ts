import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { importErzExtract, importErzPersons } from '../../shared/person/db/erz-import';
import { findErzImport, readErzProtocol, registerErzImport } from '../../shared/person/db/erz-import-journal';
import { makeEnp } from '../../shared/person/domain/enp';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { makeSnils } from '../../shared/person/domain/snils';
import { writeErzExtract } from '../../shared/person/formats/erz-extract-writer';
import type { AccessContext } from '../../shared/platform/access/scoped';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/database';
import { erzPersonFromDemo, erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { testDemo } from './global-setup';

let db: TestDatabase;
const region = generateRegionStructure(testDemo.seed);
const codes = erzRegionCodes(region);
const demo = [...generatePersons(testDemo.seed, 6, region)].map((g) => erzPersonFromDemo(g, region));

const fundAdmin: TestCaller = { username: 'test_admin', role: 'fund_admin', orgCode: '99', channel: 'web' };
const fileContext: AccessContext = {
  username: 'test_admin',
  role: 'fund_admin',
  orgCode: '99',
  orgKind: 'TFOMS',
  channel: 'file',
  requestId: 'int-test',
};
/** The same ЕНП with another control digit. */
const wrongControl = (enp: string) => `${enp.slice(0, 15)}${(Number(enp[15]) + 1) % 10}`;
/** A person under another ЕНП (their unified policies carry it as their number). */
const withEnp = (p: ErzPerson, enp: string): ErzPerson => ({
  ...p,
  enp,
  policies: p.policies.map((x) => ({ ...x, number: enp })),
});
const header = { date: '2026-01-15', fileName: 'ERZ_99_20260115', okato: '99000' };

async function* chunks(bytes: Uint8Array, size = 4096) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** What the REST upload does: register the file in the journal (as the fund administrator). */
async function register(bytes: Uint8Array, fileName = 'erz.xml') {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return db.as(fundAdmin, (tx) =>
    registerErzImport(tx, {
      channel: 'web',
      fileName,
      fileSize: bytes.length,
      sha256,
      blobKey: null,
      status: 'queued',
    }),
  );
}

/** Register + what the queue consumer does: import as the uploader through the application role. */
async function importFile(
  persons: ErzPerson[],
  options: { encoding?: 'utf-8' | 'windows-1251'; okato?: string } = {},
) {
  const bytes = writeErzExtract(
    { ...header, okato: options.okato ?? header.okato },
    persons,
    options.encoding,
  );
  const registered = await register(bytes);
  return importErzExtract(db.app, chunks(bytes), registered.import.id, fileContext);
}

async function personByEnp(enp: string) {
  const [person] = await db.sql<
    { id: string; fam: string; snils: string | null; phone: string | null; erz_updated_at: Date | null }[]
  >`
    select id, fam, snils, phone, erz_updated_at from person.person where enp = ${enp}`;
  if (!person) return null;
  const policies = await db.sql`
    select policy_type, series, number, smo_code, date_beg, date_end, close_reason
    from person.policy where person_id = ${person.id} order by date_beg, id`;
  const attachments = await db.sql`
    select mo_code, district_code, doctor_snils, date_beg, date_end
    from person.attachment where person_id = ${person.id} order by date_beg, id`;
  const documents = await db.sql`
    select doc_type, doc_ser, doc_num, doc_date from person.document where person_id = ${person.id} order by id`;
  return { ...person, policies: [...policies], attachments: [...attachments], documents: [...documents] };
}

async function stagedRows() {
  const [row] = await db.sql<{ n: number }[]>`
    select ((select count(*) from ops.erz_stage_person) + (select count(*) from ops.erz_stage_policy) +
            (select count(*) from ops.erz_stage_attachment) + (select count(*) from ops.erz_stage_document))::int as n`;
  return row!.n;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('ЕРЗ extract import (as omslink_app, fund administrator)', () => {
  it('creates new persons, updates registered ones and replaces their histories', async () => {
    // Prepare: two registered persons with changed data and new histories, two persons new to the register.
    const [a, b] = demo;
    const changedA: ErzPerson = {
      ...a!,
      fam: 'Новофамильная',
      phone: null,
      documents: [
        { docType: 14, docSer: '99 01', docNum: '111111', docDate: '2015-05-05' },
        { docType: 3, docSer: 'I-ДМ', docNum: '222222', docDate: null },
      ],
      policies: [
        {
          ...a!.policies.at(-1)!,
          dateBeg: '2012-01-01',
          dateEnd: '2019-12-31',
          closeReason: 'Смена СМО',
          smoCode: codes.smo[0]!,
        },
        {
          ...a!.policies.at(-1)!,
          dateBeg: '2020-01-01',
          dateEnd: null,
          smoCode: codes.smo[1]!,
          closeReason: null,
        },
      ],
      attachments: [{ ...a!.attachments.at(-1)!, dateBeg: '2025-01-01', dateEnd: null }],
    };
    const fresh = [newErzPerson(1, codes), newErzPerson(2, codes)];
    const before = await db.sql<{ max: string }[]>`select max(id)::text as max from person.person`;

    // Act
    const result = await importFile([changedA, b!, ...fresh]);

    // Assess
    expect(result).toMatchObject({
      status: 'done',
      counts: { total: 4, accepted: 4, rejected: 0, created: 2, updated: 2, warnings: 0 },
      protocol: [],
    });
    const stored = await personByEnp(changedA.enp);
    expect(stored).toMatchObject({ fam: 'Новофамильная', phone: null });
    expect(stored!.erz_updated_at).toBeInstanceOf(Date);
    expect(stored!.policies).toEqual(
      changedA.policies.map((p) => ({
        policy_type: p.policyType,
        series: p.series,
        number: p.number,
        smo_code: p.smoCode,
        date_beg: p.dateBeg,
        date_end: p.dateEnd,
        close_reason: p.closeReason,
      })),
    );
    expect(stored!.attachments).toHaveLength(1);
    expect(stored!.documents.map((d) => d.doc_num)).toEqual(['111111', '222222']);
    const [current] = await db.sql`select doc_type, doc_num from person.person where enp = ${changedA.enp}`;
    expect(current).toEqual({ doc_type: 14, doc_num: '111111' });
    for (const p of fresh) {
      const created = await personByEnp(p.enp);
      expect(BigInt(created!.id)).toBeGreaterThan(BigInt(before[0]!.max));
      expect(created!.policies).toHaveLength(p.policies.length);
      expect(created!.attachments).toHaveLength(p.attachments.length);
      expect(created!.documents).toHaveLength(p.documents.length);
    }
    expect(await stagedRows()).toBe(0);
    expect(await findErzImport(db.sql, result.importId)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('writes an audit entry with the counts, and one entry naming every person the import created', async () => {
    const result = await importFile([newErzPerson(3, codes)]);
    const [entry] = await db.sql<
      { username: string; role: string; channel: string; details: Record<string, unknown> }[]
    >`
      select username, role, channel, details from audit.entry
      where action = 'import' and entity = 'erz.extract' and record_ids = ${[String(result.importId)]}::text[]`;
    expect(entry).toMatchObject({
      username: 'test_admin',
      role: 'fund_admin',
      channel: 'file',
      details: { total: 1, accepted: 1, created: 1, fileName: 'erz.xml' },
    });
    const [person] = await db.sql<
      { id: string }[]
    >`select id from person.person where enp = ${newErzPerson(3, codes).enp}`;
    const changes = await db.sql<{ entity: string }[]>`
      select entity from audit.entry where action = 'create' and ${person!.id}::bigint = any(person_ids) order by entity`;
    expect(changes.map((c) => c.entity)).toEqual(['person.register']);
    // … while a write outside a bulk import is still audited by the database, statement by statement
    await db.as(
      { username: 'test_admin', role: 'fund_admin', orgCode: '99' },
      (tx) => tx`update person.person set phone = '+79990000000' where id = ${person!.id}`,
    );
    const [update] = await db.sql<{ entity: string; username: string }[]>`
      select entity, username from audit.entry where action = 'update' and ${person!.id}::bigint = any(person_ids)`;
    expect(update).toEqual({ entity: 'person.person', username: 'test_admin' });
  });

  it('rejects records failing FLK (nothing of them is stored), keeps warned ones, and reports each finding', async () => {
    const base = (n: number) => newErzPerson(100 + n, codes);
    const badControl = withEnp(base(1), wrongControl(base(1).enp));
    const warnedSnils = { ...base(2), snils: '112-233-445 96' }; // wrong control sum: a warning by default
    const unknownSmo = { ...base(3), policies: [{ ...base(3).policies[0]!, smoCode: '98765' }] };
    const unknownDistrict = {
      ...base(4),
      attachments: [{ ...base(4).attachments[0]!, districtCode: '999' }],
    };
    const twin1 = base(5);
    const twin2 = { ...withEnp(base(6), twin1.enp), snils: null };
    const future = { ...base(7), birthDate: '2999-01-01' };
    const badDates = {
      ...base(8),
      policies: [{ ...base(8).policies[0]!, dateBeg: '2020-01-01', dateEnd: '2019-01-01' }],
    };
    const unknownDocType = {
      ...base(9),
      documents: [{ docType: 98, docSer: null, docNum: '1', docDate: null }],
    };
    const good = base(10);

    const result = await importFile(
      [
        badControl,
        warnedSnils,
        unknownSmo,
        unknownDistrict,
        twin1,
        twin2,
        future,
        badDates,
        unknownDocType,
        good,
      ],
      { encoding: 'utf-8' },
    );

    expect(result.counts).toEqual({
      total: 10,
      accepted: 2,
      rejected: 8,
      created: 2,
      updated: 0,
      unchanged: 0,
      warnings: 1,
    });
    const byOrdinal = new Map(result.protocol.map((r) => [r.ordinal, r]));
    const rules = (ordinal: number) =>
      byOrdinal.get(ordinal)?.findings.map((f) => `${f.code} ${f.rule} ${f.field}`);
    expect(rules(1)).toEqual(['904 ID.ENP.CONTROL ENP']);
    expect(rules(2)).toEqual(['904 ID.SNILS.CONTROL SNILS']);
    expect(byOrdinal.get(2)).toMatchObject({ status: 'accepted', recordId: warnedSnils.recordId });
    expect(rules(3)).toEqual(['904 ERZ.SMO.UNKNOWN POLIS[1].SMO']);
    expect(rules(4)).toEqual(['904 ERZ.DISTRICT.UNKNOWN PRIK[1].UCH']);
    expect(rules(5)).toEqual(['905 ERZ.ENP.DUPLICATE ENP']);
    expect(rules(6)).toEqual(['905 ERZ.ENP.DUPLICATE ENP']);
    expect(rules(7)).toEqual(['904 ERZ.BIRTH.FUTURE DR']);
    expect(rules(8)).toEqual(['904 ERZ.DATE.ORDER POLIS[1].DEND']);
    expect(rules(9)).toEqual(['904 ERZ.DOC.TYPE DOC[1].DOCTYPE']);
    expect(byOrdinal.has(10)).toBe(false);
    const smoFinding = byOrdinal.get(3)!.findings[0]!;
    expect(smoFinding).toMatchObject({ severity: 'error', value: '98765' });
    expect(smoFinding.message).toMatch(/СМО/);

    for (const p of [badControl, unknownSmo, unknownDistrict, twin1, future, badDates, unknownDocType]) {
      expect(await personByEnp(p.enp)).toBeNull();
    }
    expect(await personByEnp(warnedSnils.enp)).toMatchObject({ snils: '112-233-445 96' });
    expect(await personByEnp(good.enp)).not.toBeNull();
    const page = await db.as(fundAdmin, (tx) =>
      readErzProtocol(tx, result.importId, { page: 1, pageSize: 50, only: 'warnings' }),
    );
    expect(page.items.map((r) => r.ordinal)).toEqual([2]);
  });

  it('follows the configured severity: an error rule turned warning keeps the record, off ignores it', async () => {
    await db.as(fundAdmin, (tx) => tx`update flk.rule set severity = 'warning' where id = 'ID.ENP.CONTROL'`);
    await db.as(fundAdmin, (tx) => tx`update flk.rule set severity = 'off' where id = 'ID.SNILS.CONTROL'`);
    try {
      const p = newErzPerson(200, codes);
      const wrong = { ...withEnp(p, wrongControl(p.enp)), snils: '112-233-446 00' };
      const result = await importFile([wrong]);
      expect(result.counts).toMatchObject({ accepted: 1, warnings: 1 });
      expect(result.protocol).toEqual([
        {
          ordinal: 1,
          recordId: p.recordId,
          status: 'accepted',
          findings: [
            expect.objectContaining({ severity: 'warning', rule: 'ID.ENP.CONTROL', value: wrong.enp }),
          ],
        },
      ]);
      expect(await personByEnp(wrong.enp)).toMatchObject({ snils: '112-233-446 00' });
    } finally {
      await db.sql`update flk.rule set severity = 'error' where id = 'ID.ENP.CONTROL'`;
      await db.sql`update flk.rule set severity = 'warning' where id = 'ID.SNILS.CONTROL'`;
    }
  });

  it('recognises the same file as a duplicate, and a retried message does not apply it again', async () => {
    const bytes = writeErzExtract(header, [newErzPerson(300, codes)]);
    const first = await register(bytes);
    const done = await importErzExtract(db.app, chunks(bytes), first.import.id, fileContext);
    const [before] =
      await db.sql`select erz_updated_at from person.person where enp = ${newErzPerson(300, codes).enp}`;

    const again = await register(bytes);
    const retried = await importErzExtract(db.app, chunks(bytes), first.import.id, fileContext);

    expect(again).toMatchObject({
      duplicate: true,
      import: { status: 'duplicate', duplicateOf: first.import.id },
    });
    expect(retried).toMatchObject({ status: 'done', alreadyProcessed: true, counts: done.counts });
    const [after] =
      await db.sql`select erz_updated_at from person.person where enp = ${newErzPerson(300, codes).enp}`;
    expect(after).toEqual(before);
    const [audits] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from audit.entry where entity = 'erz.extract' and record_ids = ${[String(first.import.id)]}::text[]`;
    expect(audits!.n).toBe(1);
  });

  it('counts a person the file repeats exactly as unchanged and does not rewrite them', async () => {
    const p = newErzPerson(350, codes);
    await importFile([p]);
    const [before] = await db.sql`select erz_updated_at from person.person where enp = ${p.enp}`;

    const again = await importFile([p], { okato: header.okato, encoding: 'utf-8' }); // other bytes, same data
    const moved = await importFile([{ ...p, phone: '+70000000000' }]);

    expect(again.counts).toMatchObject({ total: 1, accepted: 1, created: 0, updated: 0, unchanged: 1 });
    expect(moved.counts).toMatchObject({ updated: 1, unchanged: 0 });
    const [after] = await db.sql`select erz_updated_at, phone from person.person where enp = ${p.enp}`;
    expect(after!.phone).toBe('+70000000000');
    expect(after!.erz_updated_at.getTime()).toBeGreaterThan(before!.erz_updated_at.getTime());
  });

  it('retries a failed import; one whose file was uploaded again meanwhile becomes a duplicate of it', async () => {
    const bytes = writeErzExtract(header, [newErzPerson(360, codes)]);
    const first = await register(bytes);
    await db.sql`update ops.erz_import set status = 'failed', error = 'Error' where id = ${first.import.id}`;
    const second = await register(bytes); // the failed one does not block the same file
    expect(second.duplicate).toBe(false);

    const retried = await importErzExtract(db.app, chunks(bytes), first.import.id, fileContext);
    const imported = await importErzExtract(db.app, chunks(bytes), second.import.id, fileContext);

    expect(retried).toMatchObject({
      status: 'duplicate',
      duplicateOf: second.import.id,
      alreadyProcessed: true,
    });
    expect(imported).toMatchObject({ status: 'done', counts: { created: 1 } });
  });

  it('rejects a whole file whose package is wrong (other region, broken XML): nothing is stored', async () => {
    const other = await importFile([newErzPerson(400, codes)], { okato: '98000' });
    expect(other).toMatchObject({
      status: 'rejected',
      counts: null,
      packageFindings: [{ code: '904', rule: 'ERZ.PACKAGE.OKATO', field: 'ZGLV.OKATO', value: '98000' }],
    });
    expect(await personByEnp(newErzPerson(400, codes).enp)).toBeNull();

    const good = writeErzExtract(header, [newErzPerson(401, codes), newErzPerson(402, codes)]);
    const broken = new Uint8Array([
      ...good.subarray(0, good.length - 20),
      ...new TextEncoder().encode('<PERS><ID>'),
    ]);
    const registered = await register(broken);
    const result = await importErzExtract(db.app, chunks(broken, 100), registered.import.id, fileContext);
    expect(result).toMatchObject({ status: 'rejected', packageFindings: [{ code: '901' }] });
    expect(await personByEnp(newErzPerson(401, codes).enp)).toBeNull();
    expect(await findErzImport(db.sql, registered.import.id)).toMatchObject({ status: 'rejected' });
    expect(await stagedRows()).toBe(0);
  });

  it('imports a zipped windows-1251 extract; moves a СНИЛС between two persons of one file; refuses one held by another', async () => {
    const [, , c, d, e] = demo;
    const swapped = [
      { ...c!, snils: d!.snils },
      { ...d!, snils: c!.snils },
      { ...newErzPerson(500, codes), snils: e!.snils },
    ];
    const bytes = zipSync({ 'ERZ.xml': writeErzExtract(header, swapped, 'windows-1251') });
    const registered = await register(bytes, 'erz.zip');
    const result = await importErzExtract(db.app, chunks(bytes, 1000), registered.import.id, fileContext);
    expect(result.counts).toMatchObject({ total: 3, accepted: 2, rejected: 1, updated: 2 });
    expect(result.protocol).toMatchObject([
      { ordinal: 3, findings: [{ rule: 'ERZ.SNILS.TAKEN', code: '905' }] },
    ]);
    expect(await personByEnp(c!.enp)).toMatchObject({ snils: d!.snils });
    expect(await personByEnp(d!.enp)).toMatchObject({ snils: c!.snils });
  });

  it('imports records already parsed (SOAP), with schema errors per record and duplicates recognised', async () => {
    const p = newErzPerson(600, codes);
    const { fam: _missing, ...noFam } = newErzPerson(601, codes);
    const soap: AccessContext = {
      username: 'soap_tfoms',
      role: 'tfoms_system',
      orgCode: '99',
      orgKind: 'TFOMS',
      channel: 'soap',
    };

    const result = await importErzPersons(db.app, [p, noFam], soap, { packageId: 'a1b2' });
    const again = await importErzPersons(db.app, [p, noFam], soap, { packageId: 'a1b2' });

    expect(result).toMatchObject({
      status: 'done',
      counts: { total: 2, accepted: 1, rejected: 1, created: 1 },
      protocol: [
        {
          ordinal: 2,
          recordId: noFam.recordId,
          status: 'rejected',
          findings: [{ code: '902', field: 'fam' }],
        },
      ],
    });
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: result.importId });
    expect(await findErzImport(db.sql, result.importId)).toMatchObject({
      channel: 'soap',
      packageId: 'a1b2',
      uploadedBy: 'soap_tfoms',
    });
  });

  it('refuses the import to any role but the register writers, and shows the journal to the fund only', async () => {
    const analyst: AccessContext = {
      username: 'test_tfoms',
      role: 'tfoms_analyst',
      orgCode: '99',
      orgKind: 'TFOMS',
      channel: 'web',
    };
    await expect(importErzPersons(db.app, [newErzPerson(700, codes)], analyst)).rejects.toThrow(
      /row-level security/,
    );
    const mo: AccessContext = {
      username: 'test_mo',
      role: 'mo_registrar',
      orgCode: region.organisations.find((o) => o.kind === 'MO')!.code,
      orgKind: 'MO',
      channel: 'web',
    };
    await expect(importErzPersons(db.app, [newErzPerson(701, codes)], mo)).rejects.toThrow(
      /row-level security/,
    );
    expect(await personByEnp(newErzPerson(700, codes).enp)).toBeNull();

    // A fund admin's import, replayed by another account's queue message, is refused.
    const bytes = writeErzExtract(header, [newErzPerson(702, codes)]);
    const registered = await register(bytes);
    await expect(
      importErzExtract(db.app, chunks(bytes), registered.import.id, {
        ...fileContext,
        username: 'soap_tfoms',
        role: 'tfoms_system',
      }),
    ).rejects.toThrow(/another account/);

    const seen = (who: TestCaller) =>
      db.as(
        who,
        async (tx) => (await tx<{ n: number }[]>`select count(*)::int as n from ops.erz_import`)[0]!.n,
      );
    expect(await seen({ username: 'test_tfoms', role: 'tfoms_analyst', orgCode: '99' })).toBeGreaterThan(0);
    expect(await seen({ username: 'test_mo', role: 'mo_registrar', orgCode: mo.orgCode })).toBe(0);
    expect(await seen({ username: 'test_smo', role: 'smo_representative', orgCode: codes.smo[0]! })).toBe(0);
  });

  it('keeps its test persons apart from the demo register (ЕНП and СНИЛС ranges)', () => {
    expect(newErzPerson(1, codes).enp).toBe(makeEnp('998000000000001'));
    expect(newErzPerson(1, codes).snils).toBe(makeSnils('800000001'));
  });
});
