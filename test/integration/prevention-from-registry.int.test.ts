import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import {
  generateRegistryPackage,
  registryPersonFromDemo,
} from '../../shared/registry/demo/package-generator';
import type { RegistryFileKind } from '../../shared/registry/domain/file-kinds';
import { sendPackage, waitForImport } from '../helpers/registry-packages';
import { signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { testDemo } from './global-setup';

/**
 * Issue 13: participation steps derived from imported registry D-files and polyclinic cases from H-files, through
 * the whole local runtime — upload, the registry import job, its `registry-imported` follow-up, the prevention
 * job. The expected steps are computed here by hand from DOMAIN §2.4.3's table, not by the code under test.
 */
let t: TestRuntime;
let token: string;
let moCode: string;
const structure = generateRegionStructure(testDemo.seed);
const persons = [...generatePersons(testDemo.seed, testDemo.persons, structure)].map(registryPersonFromDemo);
const smoCodes = structure.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code);
const now = new Date();
const period = {
  year: now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear(),
  month: now.getUTCMonth() === 0 ? 12 : now.getUTCMonth(),
};

/** D§2.4.3 by hand: the step of a case by its file's type, result and refusal. */
const byHand: Record<string, { refused: number; results: Record<string, number> }> = {
  DP: {
    refused: 101,
    results: {
      '312': 103,
      '317': 103,
      '318': 103,
      '355': 103,
      '356': 103,
      '353': 104,
      '357': 104,
      '358': 104,
    },
  },
  DV: {
    refused: 105,
    results: {
      '316': 105,
      '312': 107,
      '317': 107,
      '318': 107,
      '355': 107,
      '356': 107,
      '306': 108,
      '305': 109,
    },
  },
  DO: { refused: 201, results: { '312': 203, '343': 203, '344': 203, '345': 203, '306': 204, '305': 205 } },
};

beforeAll(async () => {
  t = await startTestRuntime();
  token = await signInToken(t.runtime.url, 'test_mo');
  const [row] = await t.db.sql<
    { org_code: string }[]
  >`select org_code from auth.account where username = 'test_mo'`;
  moCode = row!.org_code;
});
afterAll(async () => {
  await t?.stop();
});

async function importPackage(kind: RegistryFileKind, packet: number, count: number) {
  const pkg = generateRegistryPackage({
    seed: `prevention-from-registry-${kind}`,
    persons,
    smoCodes,
    moCode,
    ...period,
    packet,
    kind,
    count,
    doctors: structure.doctors.filter((d) => d.moCode === moCode).map((d) => d.snils),
  });
  const sent = await sendPackage(t.runtime.url, token, pkg.fileName, pkg.bytes());
  const entry = await waitForImport(t.runtime.url, token, sent.id);
  expect(entry.status, entry.error ?? '').toBe('done');
  const errors = await t.db
    .sql`select distinct rule, field, value from registry.import_error where import_id = ${entry.id}`;
  expect(errors).toEqual([]);
  return pkg;
}

/** The steps the import should have given, from the package's own cases. */
function expectedSteps(kind: 'DP' | 'DV' | 'DO', cases: Iterable<unknown>) {
  const table = byHand[kind]!;
  return [...cases].flatMap((c) => {
    const z = (c as { Z_SL: { IDCASE: string; RSLT?: string; P_OTK?: string; DATE_Z_2: string } }).Z_SL;
    const step = z.P_OTK === '1' ? table.refused : z.RSLT ? table.results[z.RSLT] : undefined;
    return step === undefined ? [] : [{ sourceId: `reg:${z.IDCASE}`, step, date: z.DATE_Z_2 }];
  });
}

const derivedSteps = (kind: string) => t.db.sql<{ sourceId: string; step: number; date: string }[]>`
  select source_id as "sourceId", step, step_date::text as date from prevention.step
  where source = 'registry' and mo_code = ${moCode} and kind = ${kind} order by source_id`;

describe('steps derived from registry D-files', () => {
  it('an imported ДВН stage-1 file and a ПМО file give exactly the steps of D§2.4.3', async () => {
    // Act
    const dvn = await importPackage('DP', 1, 40);
    const pmo = await importPackage('DO', 2, 30);

    // Assess
    const sort = <T extends { sourceId: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    const dvnExpected = sort(expectedSteps('DP', dvn.cases));
    expect(dvnExpected.length).toBeGreaterThan(30);
    expect(dvnExpected.some((s) => s.step === 101) && dvnExpected.some((s) => s.step === 104)).toBe(true);
    // The import is done when its journal says so; the prevention follow-up runs right after, in the same delivery
    await expect.poll(() => derivedSteps('DVN'), { timeout: 20_000 }).toEqual(dvnExpected);
    await expect
      .poll(() => derivedSteps('PMO'), { timeout: 20_000 })
      .toEqual(sort(expectedSteps('DO', pmo.cases)));
  }, 120_000);

  it('an H-file gives a polyclinic case per ambulatory SL with a purpose', async () => {
    const pkg = await importPackage('H', 3, 40);
    const expected = [...pkg.cases].flatMap((c) => {
      const z = (
        c as {
          Z_SL: { IDCASE: string; USL_OK: string; SL: { SL_ID: string; P_CEL?: string; DS1: string }[] };
        }
      ).Z_SL;
      return z.USL_OK === '3'
        ? z.SL.filter((s) => s.P_CEL).map((s) => ({
            sourceId: `reg:${z.IDCASE}:${s.SL_ID}`,
            purpose: s.P_CEL,
            diagnosis: s.DS1,
          }))
        : [];
    });
    expect(expected.length).toBeGreaterThan(0);
    const sort = <T extends { sourceId: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    const stored = () =>
      t.db.sql<{ sourceId: string; purpose: string; diagnosis: string }[]>`
      select source_id as "sourceId", purpose, diagnosis from prevention.polyclinic_case
      where source = 'registry' and mo_code = ${moCode}`;
    await expect.poll(async () => sort(await stored()), { timeout: 20_000 }).toEqual(sort(expected));
  }, 120_000);
});
