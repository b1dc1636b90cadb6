import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { AccessContext } from '../../shared/platform/access/scoped';
import { importRegistryPackage } from '../../shared/registry/db/registry-import';
import { registerPackage } from '../../shared/registry/db/registry-submit';
import {
  type GeneratedRegistryPackage,
  generateRegistryPackage,
  type PackageGeneratorInput,
  registryPersonFromDemo,
} from '../../shared/registry/demo/package-generator';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

let db: TestDatabase;
const structure = generateRegionStructure(testDemo.seed);
const persons = [...generatePersons(testDemo.seed, testDemo.persons, structure)].map(registryPersonFromDemo);
const smoCodes = structure.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code);
let moCode = '';
let mo: TestCaller;
let who: AccessContext;

async function* chunks(bytes: Uint8Array, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function makePackage(input: Partial<PackageGeneratorInput> = {}): GeneratedRegistryPackage {
  return generateRegistryPackage({
    seed: 'registry-import',
    persons,
    smoCodes,
    moCode,
    year: 2026,
    month: 3,
    count: 60,
    doctors: structure.doctors.filter((d) => d.moCode === moCode).map((d) => d.snils),
    ...input,
  });
}

/** What REST/SOAP do (register the content) and what the queue consumer does (import as the uploader). */
async function send(pkg: { fileName: string; bytes(): Uint8Array }) {
  const bytes = pkg.bytes();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const registered = await db.as(mo, (tx) =>
    registerPackage(tx, {
      channel: 'rest',
      fileName: pkg.fileName,
      size: bytes.length,
      sha256,
      blobKey: `test/${sha256}.zip`,
    }),
  );
  if (registered.duplicate) return { registered, result: null };
  const result = await importRegistryPackage(db.app, chunks(bytes), registered.import.id, who);
  return { registered, result };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const [account] = await db.sql<{ org_code: string }[]>`
    select org_code from auth.account where username = 'test_mo'`;
  moCode = account!.org_code;
  mo = { username: 'test_mo', role: 'mo_registrar', orgCode: moCode, channel: 'web' };
  who = { ...mo, orgKind: 'MO', channel: 'file', requestId: 'registry-int' } as AccessContext;
});
afterAll(async () => {
  await db?.drop();
});

describe('registry-invoice import', () => {
  it('imports a valid C-file package: every case, SL and service stored, the onco register filled, one audit entry', async () => {
    const pkg = makePackage({ packet: 1 });
    const { result } = await send(pkg);
    expect(result?.status).toBe('done');
    expect(result?.counts).toMatchObject({ cases: pkg.caseCount, accepted: pkg.caseCount, rejected: 0 });
    const [stored] = await db.sql<{ cases: number; sl: number; onco: number; persons: number }[]>`
      select (select count(*)::int from registry.zcase where import_id = ${result!.importId}) as cases,
             (select count(*)::int from registry.sl s join registry.zcase z on z.id = s.zcase_id
               where z.import_id = ${result!.importId}) as sl,
             (select count(*)::int from registry.zcase where import_id = ${result!.importId} and onco) as onco,
             (select count(*)::int from registry.onco_person) as persons`;
    expect(stored!.cases).toBe(pkg.caseCount);
    expect(stored!.sl).toBe(result!.counts!.sl);
    expect(stored!.onco).toBe(pkg.oncoCount);
    expect(stored!.persons).toBeGreaterThan(0);
    const audits = await db.sql<{ persons: number }[]>`
      select cardinality(person_ids)::int as persons from audit.entry
      where entity = 'registry.package' and action = 'import'`;
    expect(audits).toHaveLength(1);
    expect(audits[0]!.persons).toBe(result!.counts!.persons);
    const [staged] = await db.sql<{ n: number }[]>`select count(*)::int as n from registry.stage_case`;
    expect(staged!.n).toBe(0);
  });
});
