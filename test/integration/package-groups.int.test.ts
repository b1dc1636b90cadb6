import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HospContext } from '../../shared/hospitalisation/db/lookups';
import { hospExchange, processPackage } from '../../shared/hospitalisation/db/process-package';
import type { AccessContext } from '../../shared/platform/access/scoped';
import { type KindHandler, packageProcessor } from '../../shared/platform/exchange/package-processor';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
  admission,
  caller,
  type HospFixture,
  header,
  hospFixture,
  referral,
} from '../helpers/hospitalisation-fixtures';

/**
 * Small packages of one caller sent at the same moment share transactions (group commit,
 * shared/platform/exchange/package-groups.ts), and each is still answered, journalled and audited as if sent
 * alone: its own protocol, journal row, audit entry with its own request id, naming only what it touched; a
 * record the database refuses rejects only that record; a fault in one package reaches only its caller.
 */
let db: TestDatabase;
let f: HospFixture;
const mo = () => caller('soap_mo', 'mo_system', f.polyclinic);
const hosp = () => caller('soap_hosp', 'mo_system', f.hospital);

beforeAll(async () => {
  db = await createTestDatabase();
  f = await hospFixture(db.sql);
});
afterAll(async () => {
  await db?.drop();
});

async function journalOf(packageIds: readonly string[]) {
  return db.sql<
    { id: string; package_id: string; tx: string; status: string; protocol: { records: unknown[] } }[]
  >`
    select id::text, package_id, xmin::text as tx, status, protocol from hosp.package
    where sender_code = ${f.polyclinic} and package_id = any(${packageIds})`;
}

async function auditOf(requestIds: readonly string[]) {
  return db.sql<{ request_id: string; entity: string; record_ids: string[]; person_ids: string[] }[]>`
    select request_id, entity, record_ids, person_ids::text[] from audit.entry
    where request_id = any(${requestIds})`;
}

describe('packages of one caller sent at once', () => {
  it('share transactions, and each keeps its own protocol, journal row and audit entry', async () => {
    const sends = Array.from({ length: 24 }, (_, i) => ({
      who: mo(),
      head: header(f.polyclinic),
      record: referral(f, f.persons[i % f.persons.length]!),
    }));

    const protocols = await Promise.all(
      sends.map((s) => processPackage(db.app, s.who, 'referral', s.head, [s.record])),
    );

    for (const [i, p] of protocols.entries()) {
      expect(p).toMatchObject({ packageId: sends[i]!.head.packageId, status: 'accepted', total: 1 });
      expect(p.records[0]).toMatchObject({
        ordinal: 1,
        sourceId: sends[i]!.record.sourceId,
        status: 'accepted',
      });
    }
    const ids = protocols.map((p) => p.records[0]!.id!);
    expect(new Set(ids).size).toBe(24);
    const journal = await journalOf(sends.map((s) => s.head.packageId));
    expect(journal).toHaveLength(24);
    // Fewer transactions than packages: they went together.
    expect(new Set(journal.map((j) => j.tx)).size).toBeLessThan(24);
    const byPackage = new Map(journal.map((j) => [j.package_id, j]));
    const stored = await db.sql<{ id: string; package_ref: string }[]>`
      select id::text, package_ref::text from hosp.referral where id = any(${ids}::bigint[])`;
    const refOf = new Map(stored.map((r) => [r.id, r.package_ref]));
    const entries = await auditOf(sends.map((s) => s.who.requestId!));
    expect(entries).toHaveLength(24);
    const entryOf = new Map(entries.map((e) => [e.request_id, e]));
    for (const [i, s] of sends.entries()) {
      const row = byPackage.get(s.head.packageId)!;
      expect(row.status).toBe('accepted');
      expect(row.protocol.records).toEqual(protocols[i]!.records);
      // The referral names its own package's journal row, and the package's entry names exactly its records.
      expect(refOf.get(ids[i]!)).toBe(row.id);
      const entry = entryOf.get(s.who.requestId!)!;
      expect(entry.entity).toBe('hosp.package');
      expect([...entry.record_ids].sort()).toEqual([row.id, ids[i]!].sort());
      expect(entry.person_ids).toEqual([f.persons[i % f.persons.length]!.id]);
    }
  });

  it('answers packages that repeat one record or one package id as if they came one after another', async () => {
    const r = referral(f, f.persons[5]!);
    const repeated = header(f.polyclinic);
    const sends = [
      ...Array.from({ length: 6 }, () => ({ who: mo(), head: header(f.polyclinic) })),
      { who: mo(), head: repeated },
      { who: mo(), head: repeated },
    ];

    const protocols = await Promise.all(
      sends.map((s) => processPackage(db.app, s.who, 'referral', s.head, [r])),
    );

    const [row] = await db.sql<{ id: string }[]>`
      select id::text from hosp.referral where sender_code = ${f.polyclinic} and source_id = ${r.sourceId}`;
    for (const p of protocols.slice(0, 6))
      expect(p.records[0]).toMatchObject({ status: 'accepted', id: row!.id });
    expect(
      protocols
        .slice(6)
        .map((p) => p.status)
        .sort(),
    ).toEqual(['accepted', 'duplicate']);
    expect(protocols[6]!.records).toEqual(protocols[7]!.records);
  });

  it('names a stay a referral matched only in the audit entry of that referral’s package', async () => {
    const person = f.persons[7]!;
    const matching = referral(f, person);
    const waiting = admission(f, person, { referralNumber: matching.number, referralDate: matching.date });
    await processPackage(db.app, hosp(), 'admission', header(f.hospital), [waiting]);
    const sends = [
      ...Array.from({ length: 5 }, (_, i) => ({ who: mo(), record: referral(f, f.persons[10 + i]!) })),
      { who: mo(), record: matching },
    ];

    const protocols = await Promise.all(
      sends.map((s) => processPackage(db.app, s.who, 'referral', header(f.polyclinic), [s.record])),
    );

    expect(protocols.map((p) => p.status)).toEqual(Array(6).fill('accepted'));
    const [stay] = await db.sql<{ id: string; referral_id: string }[]>`
      select id::text, referral_id::text from hosp.stay where source_id = ${waiting.sourceId}`;
    expect(stay!.referral_id).toBe(protocols[5]!.records[0]!.id);
    const entries = await auditOf(sends.map((s) => s.who.requestId!));
    const naming = entries.filter((e) => e.record_ids.includes(stay!.id));
    expect(naming.map((e) => e.request_id)).toEqual([sends[5]!.who.requestId]);
  });

  it('rejects only the record the database refuses, and a fault in one package reaches only its caller', async () => {
    const referralKind = hospExchange.kinds.referral as KindHandler<
      HospContext,
      { sourceId: string },
      unknown
    >;
    const process = packageProcessor({
      ...hospExchange,
      kinds: {
        ...hospExchange.kinds,
        referral: {
          ...referralKind,
          async write(ctx, who, items) {
            const tx = ctx.tx;
            // A value the checks let through and the database refuses (an impossible date).
            if (items.some((i) => i.record.sourceId.startsWith('refused-')))
              await tx`select ${'2026-02-31'}::date`;
            if (items.some((i) => i.record.sourceId.startsWith('fault-'))) throw new Error('a fault of ours');
            return referralKind.write(ctx, who, items);
          },
        },
      },
    });
    const send = (who: AccessContext, sourceId: string) =>
      process(db.app, who, 'referral', header(f.polyclinic), [
        referral(f, f.persons[20 + Math.floor(Math.random() * 20)]!, { sourceId }),
      ]).then(
        (p) => ({ status: p.status, codes: p.records[0]!.issues.map((i) => i.code) }),
        (e: Error) => ({ error: e.message }),
      );

    const answers = await Promise.all([
      send(mo(), `fine-${Date.now()}-1`),
      send(mo(), `refused-${Date.now()}`),
      send(mo(), `fine-${Date.now()}-2`),
      send(mo(), `fault-${Date.now()}`),
      send(mo(), `fine-${Date.now()}-3`),
      send(mo(), `fine-${Date.now()}-4`),
    ]);

    expect(answers).toEqual([
      { status: 'accepted', codes: [] },
      { status: 'rejected', codes: ['904'] },
      { status: 'accepted', codes: [] },
      { error: 'a fault of ours' },
      { status: 'accepted', codes: [] },
      { status: 'accepted', codes: [] },
    ]);
    const [faulty] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from hosp.referral where sender_code = ${f.polyclinic} and source_id like 'fault-%'`;
    expect(faulty!.n).toBe(0);
  });
});
