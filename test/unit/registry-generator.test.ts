import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DirectorySpec, findDirectory } from '../../shared/nsi/domain/catalogue';
import type { NsiRecord } from '../../shared/nsi/domain/nsi-record';
import { readFfomsDirectory } from '../../shared/nsi/formats/ffoms-directory-reader';
import { readMinzdravDirectory } from '../../shared/nsi/formats/minzdrav-directory-reader';
import {
  generateRegistryPackage,
  type RegistryFaultKind,
  registryFaultKinds,
} from '../../shared/registry/demo/package-generator';
import type { Pers, Zap } from '../../shared/registry/domain/registry-tags';
import type { RegistryItem } from '../../shared/registry/formats/registry-package-reader';
import { packageInput, readAll } from '../helpers/registry-format-packages';

const of = <K extends RegistryItem['kind']>(items: RegistryItem[], kind: K) =>
  items.filter((i): i is Extract<RegistryItem, { kind: K }> => i.kind === kind);

// ---------------------------------------------------------------------------------------------------------
// The project's НСИ, as the loader reads it

type Book = Map<string, NsiRecord[]>;
const books = new Map<string, Promise<Book>>();

function directory(code: string): Promise<Book> {
  let book = books.get(code);
  if (!book) {
    const spec = findDirectory(code) as DirectorySpec;
    const file = `shared/nsi/data/${spec.source}/${spec.file}`;
    book = (async () => {
      const out: Book = new Map();
      const read =
        spec.source === 'ffoms'
          ? readFfomsDirectory(createReadStream(file), spec, () => {})
          : readMinzdravDirectory(createReadStream(file), spec, () => {});
      for await (const r of read) {
        const list = out.get(r.code);
        if (list) list.push(r);
        else out.set(r.code, [r]);
      }
      return out;
    })();
    books.set(code, book);
  }
  return book;
}

const holds = (r: NsiRecord, day: string) => r.dateBeg <= day && (r.dateEnd === null || r.dateEnd >= day);

/** Problems of a code on a day: not in the directory, or its records' fields do not match `attrs`. */
async function check(
  problems: string[],
  dir: string,
  code: string | undefined,
  day: string,
  attrs: Record<string, string> = {},
) {
  if (code === undefined) return;
  const records = (await directory(dir)).get(code) ?? [];
  const ok = records.some((r) => holds(r, day) && Object.entries(attrs).every(([k, v]) => r.attrs[k] === v));
  if (!ok) problems.push(`${dir} ${code} ${JSON.stringify(attrs)} on ${day}`);
}

/** A relation directory (N009, N012, N021) holds a record with these fields on the day. */
async function related(problems: string[], dir: string, day: string, attrs: Record<string, string>) {
  for (const records of (await directory(dir)).values()) {
    if (records.some((r) => holds(r, day) && Object.entries(attrs).every(([k, v]) => r.attrs[k] === v)))
      return;
  }
  problems.push(`${dir} ${JSON.stringify(attrs)} on ${day}`);
}

async function codeProblems(zap: Zap): Promise<string[]> {
  const p: string[] = [];
  const z = zap.Z_SL;
  const day = z.DATE_Z_2;
  await check(p, 'F008', zap.PACIENT.VPOLIS, day);
  await check(p, 'V006', z.USL_OK, day);
  await check(p, 'V008', z.VIDPOM, day);
  await check(p, 'V014', z.FOR_POM, day);
  await check(p, 'V010', z.IDSP, day);
  await check(p, 'V009', z.RSLT, day, { DL_USLOV: z.USL_OK });
  await check(p, 'V012', z.ISHOD, day, { DL_USLOV: z.USL_OK });
  await check(p, 'V017', z.RSLT_D, day);
  for (const sl of z.SL) {
    const ds = sl.DS1.slice(0, 3);
    await check(p, 'MKB10', sl.DS1, day);
    await check(p, 'V002', sl.PROFIL, day);
    await check(p, 'V020', sl.PROFIL_K, day);
    await check(p, 'V021', sl.PRVS, day);
    await check(p, 'V025', sl.P_CEL, day);
    await check(p, 'V027', sl.C_ZAB, day);
    await check(p, 'V018', sl.VID_HMP, day);
    if (sl.METOD_HMP) await check(p, 'V019', sl.METOD_HMP, day, { HVID: sl.VID_HMP! });
    if (sl.KSG_KPG) await check(p, 'V023', sl.KSG_KPG.N_KSG, day);
    for (const n of sl.NAPR) {
      await check(p, 'V028', n.NAPR_V, day);
      await check(p, 'V029', n.MET_ISSL, day);
    }
    for (const c of sl.CONS) await check(p, 'N019', c.PR_CONS, day);
    const onk = sl.ONK_SL;
    if (onk) {
      await check(p, 'N018', onk.DS1_T, day);
      await check(p, 'N002', onk.STAD, day, { DS_St: ds });
      await check(p, 'N003', onk.ONK_T, day, { DS_T: ds });
      await check(p, 'N004', onk.ONK_N, day, { DS_N: ds });
      await check(p, 'N005', onk.ONK_M, day, { DS_M: ds });
      for (const b of onk.B_DIAG) {
        if (b.DIAG_TIP === '1') {
          await check(p, 'N007', b.DIAG_CODE, day);
          await check(p, 'N008', b.DIAG_RSLT, day, { ID_Mrf: b.DIAG_CODE });
          await related(p, 'N009', day, { DS_Mrf: ds, ID_Mrf: b.DIAG_CODE });
        } else {
          await check(p, 'N010', b.DIAG_CODE, day);
          await check(p, 'N011', b.DIAG_RSLT, day, { ID_Igh: b.DIAG_CODE });
          await related(p, 'N012', day, { DS_Igh: ds, ID_Igh: b.DIAG_CODE });
        }
      }
      for (const b of onk.B_PROT) await check(p, 'N001', b.PROT, day);
      for (const u of onk.ONK_USL) {
        await check(p, 'N013', u.USL_TIP, day);
        await check(p, 'N014', u.HIR_TIP, day);
        await check(p, 'N015', u.LEK_TIP_L, day);
        await check(p, 'N016', u.LEK_TIP_V, day);
        await check(p, 'N017', u.LUCH_TIP, day);
        for (const l of u.LEK_PR) {
          await check(p, 'N020', l.REGNUM, day);
          await check(p, 'V024', l.CODE_SH, day);
          await related(p, 'N021', day, { CODE_SH: l.CODE_SH, ID_LEKP: l.REGNUM });
        }
      }
    }
    for (const u of sl.USL) {
      await check(p, 'V002', u.PROFIL, day);
      await check(p, 'V021', u.PRVS, day);
      await check(p, 'MKB10', u.DS, day);
    }
  }
  return p;
}

async function personProblems(pers: Pers, day: string): Promise<string[]> {
  const p: string[] = [];
  await check(p, 'V005', pers.W, day);
  await check(p, 'F011', pers.DOCTYPE, day);
  return p;
}

const stepOf = (zap: Zap) => {
  const sl = zap.Z_SL.SL[0]!;
  if (sl.DS_ONK === '1') return 'suspicion';
  const onk = sl.ONK_SL;
  if (!onk) return 'ordinary';
  if (onk.DS1_T === '5') return 'diagnosis';
  if (onk.DS1_T === '3') return 'observation';
  return 'treatment';
};
const rank = { ordinary: -1, suspicion: 0, diagnosis: 1, treatment: 2, observation: 3 } as const;

describe('registry package generator', () => {
  it('is deterministic: the same input gives the same bytes, another seed others', () => {
    const a = generateRegistryPackage(packageInput({ count: 30 })).bytes();
    const b = generateRegistryPackage(packageInput({ count: 30 })).bytes();
    const c = generateRegistryPackage(packageInput({ count: 30, seed: 'other' })).bytes();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('answers its counts and sums as the package holds them', async () => {
    const pkg = generateRegistryPackage(packageInput({ count: 80, kind: 'H', oncoShare: 0.2 }));
    const items = await readAll(pkg.bytes());
    const cases = of(items, 'case').map((c) => c.zap);
    expect(cases).toHaveLength(pkg.caseCount);
    expect(of(items, 'person')).toHaveLength(pkg.personCount);
    const kopecks = cases.reduce((n, c) => n + Math.round(Number(c.Z_SL.SUMV) * 100), 0);
    expect(pkg.schet.SUMMAV).toBe((kopecks / 100).toFixed(2));
    expect(cases.filter((c) => c.Z_SL.SL[0]!.DS_ONK === '1')).toHaveLength(pkg.oncoCount);
    // Every case's patient is in the L-file; every PERS is someone's.
    const ids = new Set(of(items, 'person').map((p) => p.pers.ID_PAC));
    expect(cases.every((c) => ids.has(c.PACIENT.ID_PAC))).toBe(true);
    expect(new Set(cases.map((c) => c.PACIENT.ID_PAC)).size).toBe(ids.size);
  });

  it('writes only codes valid in the project’s НСИ on the case dates (C, H, DP, DF in 2025; T in 2023)', async () => {
    for (const [kind, year] of [
      ['C', 2025],
      ['H', 2025],
      ['DP', 2025],
      ['DF', 2025],
      ['T', 2023],
    ] as const) {
      const pkg = generateRegistryPackage(
        packageInput({ kind, year, count: 120, oncoShare: kind === 'H' ? 0.3 : undefined }),
      );
      const items = await readAll(pkg.bytes());
      const problems: string[] = [];
      for (const c of of(items, 'case')) problems.push(...(await codeProblems(c.zap)));
      for (const p of of(items, 'person')) problems.push(...(await personProblems(p.pers, pkg.date)));
      const disp = of(items, 'case-header')[0]!.schet.DISP;
      if (disp) await check(problems, 'V016', disp, pkg.date);
      expect([...new Set(problems)], kind).toEqual([]);
    }
  }, 60_000);

  it('C-files: every case on an onco path, with the blocks its step needs', async () => {
    const pkg = generateRegistryPackage(packageInput({ count: 150 }));
    const cases = of(await readAll(pkg.bytes()), 'case').map((c) => c.zap);
    const steps = new Set(cases.map(stepOf));
    expect([...steps].sort()).toEqual(['diagnosis', 'observation', 'suspicion', 'treatment']);
    for (const c of cases) {
      const sl = c.Z_SL.SL[0]!;
      const step = stepOf(c);
      if (step === 'suspicion') {
        expect(sl.DS1.startsWith('C')).toBe(false);
        expect(sl.NAPR.map((n) => n.NAPR_V)).toEqual(['1', '3']);
        expect(sl.ONK_SL).toBeUndefined();
      } else {
        expect(sl.DS1).toMatch(/^C/);
        expect(sl.CONS).toHaveLength(1);
        expect(sl.ONK_SL!.STAD).toBeDefined();
      }
      if (step === 'diagnosis') expect(sl.ONK_SL!.B_DIAG.map((b) => b.DIAG_TIP)).toContain('2');
      if (step === 'treatment') {
        const onk = sl.ONK_SL!;
        expect([onk.ONK_T, onk.ONK_N, onk.ONK_M].every(Boolean)).toBe(true);
        const usl = onk.ONK_USL[0]!;
        if (usl.USL_TIP === '1') expect(usl.HIR_TIP).toBe('1');
        if (usl.USL_TIP === '2') {
          expect(usl.LEK_PR.length).toBeGreaterThan(0);
          expect(onk.BSA).toBeDefined();
        }
        if (usl.USL_TIP === '3') expect([onk.SOD, onk.K_FR]).toEqual(['50.00', '25']);
      }
    }
  });

  it('a person’s path runs forward across the months’ packages: suspicion → diagnosis → treatment → observation', async () => {
    const history = new Map<
      string,
      { month: number; step: keyof typeof rank; ds: string; stad?: string }[]
    >();
    for (let month = 1; month <= 8; month++) {
      const pkg = generateRegistryPackage(packageInput({ month, count: 80, pathYear: 2025 }));
      for (const c of of(await readAll(pkg.bytes()), 'case')) {
        const sl = c.zap.Z_SL.SL[0]!;
        const list = history.get(c.zap.PACIENT.NPOLIS) ?? [];
        list.push({
          month,
          step: stepOf(c.zap),
          ds: sl.DS1,
          ...(sl.ONK_SL ? { stad: sl.ONK_SL.STAD! } : {}),
        });
        history.set(c.zap.PACIENT.NPOLIS, list);
      }
    }
    let followed = 0;
    for (const [enp, visits] of history) {
      for (let i = 1; i < visits.length; i++) {
        const [a, b] = [visits[i - 1]!, visits[i]!];
        if (a.month === b.month) expect(b.step, enp).toBe(a.step);
        else expect(rank[b.step], enp).toBeGreaterThanOrEqual(rank[a.step]);
      }
      const diagnoses = new Set(visits.filter((v) => v.ds.startsWith('C')).map((v) => `${v.ds}/${v.stad}`));
      expect(diagnoses.size, enp).toBeLessThanOrEqual(1);
      if (new Set(visits.map((v) => v.step)).size >= 3) followed++;
    }
    expect(followed).toBeGreaterThan(5);
  });

  it('H-files: ordinary visits and, for the onco share, the suspicion visits (DS_ONK=1 with NAPR)', async () => {
    const pkg = generateRegistryPackage(packageInput({ kind: 'H', count: 200, oncoShare: 0.5 }));
    const cases = of(await readAll(pkg.bytes()), 'case').map((c) => c.zap);
    const onco = cases.filter((c) => c.Z_SL.SL[0]!.DS_ONK === '1');
    expect(onco.length).toBeGreaterThan(0);
    expect(onco.every((c) => c.Z_SL.SL[0]!.NAPR.length === 2)).toBe(true);
    expect(cases.filter((c) => c.Z_SL.SL[0]!.ONK_SL)).toEqual([]);
  });
});

describe('registry package generator: fault injection', () => {
  const faults = Object.fromEntries(registryFaultKinds.map((k) => [k, 3])) as Record<
    RegistryFaultKind,
    number
  >;

  it('each fault is answered with its code, field and case, and the reader finds the format ones exactly', async () => {
    const pkg = generateRegistryPackage(packageInput({ count: 120, faults }));
    expect(pkg.faults).toHaveLength(registryFaultKinds.length * 3);
    expect(new Set(pkg.faults.map((f) => f.ordinal)).size).toBe(pkg.faults.length);
    const items = await readAll(pkg.bytes());
    const cases = of(items, 'case');
    const persons = new Set(of(items, 'person').map((p) => p.pers.ID_PAC));
    const faulted = new Map(pkg.faults.map((f) => [f.ordinal, f]));

    for (const c of cases) {
      const fault = faulted.get(c.ordinal);
      const got = c.findings.map((f) => [f.code, f.basEl, f.field]);
      if (!fault) {
        expect(got, `case ${c.ordinal}`).toEqual([]);
        continue;
      }
      const format = fault.expected.filter((e) => e.by === 'format').map((e) => [e.code, e.basEl, e.field]);
      expect(got.sort(), `${fault.kind} at ${c.ordinal}`).toEqual(format.sort());
      for (const f of c.findings) {
        expect(f).toMatchObject({ file: 'case', nZap: fault.nZap, idcase: fault.idcase, idPac: fault.idPac });
        if (f.basEl === 'SL' || f.basEl === 'ONK_SL') expect(f.slId).toBe(fault.slId);
      }
      const zap = c.zap;
      const sl = zap.Z_SL.SL[0];
      switch (fault.kind) {
        case 'unknown-code': {
          const [dir, value] =
            fault.expected[0]!.field === 'STAD' ? ['N002', sl!.ONK_SL!.STAD] : ['V002', sl!.PROFIL];
          expect(value).toBe(fault.value);
          expect((await directory(dir)).has(value!)).toBe(false);
          expect(c.usable).toBe(true);
          break;
        }
        case 'duplicate-idcase':
          expect(zap.Z_SL.IDCASE).toBe(cases[c.ordinal - 2]!.zap.Z_SL.IDCASE);
          expect(fault.expected[0]).toEqual({ code: '905', field: 'IDCASE', basEl: 'Z_SL', by: 'import' });
          break;
        case 'missing-person':
          expect(persons.has(zap.PACIENT.ID_PAC)).toBe(false);
          expect(fault.expected[0]).toEqual({ code: '904', field: 'ID_PAC', basEl: 'PACIENT', by: 'import' });
          break;
        case 'broken-date':
          expect(fault.value).toBe('2025-02-31');
          expect(c.findings[0]!.value).toBe('2025-02-31');
          break;
        case 'empty-required':
        case 'renamed-tag':
        case 'moved-tag':
        case 'swapped-values':
          expect(c.usable).toBe(false);
          break;
      }
    }
  });

  it('faults survive the other encodings and the 3.0 placement alike', async () => {
    for (const over of [
      { encoding: 'utf-8' as const },
      { version: '3.0' },
      { order: 'persons-first' as const, indent: true },
    ]) {
      const pkg = generateRegistryPackage(
        packageInput({
          count: 60,
          faults: { 'renamed-tag': 2, 'moved-tag': 2, 'empty-required': 1 },
          ...over,
        }),
      );
      const cases = of(await readAll(pkg.bytes()), 'case');
      for (const fault of pkg.faults) {
        const got = cases[fault.ordinal - 1]!.findings.map((f) => [f.code, f.basEl, f.field]).sort();
        expect(got).toEqual(fault.expected.map((e) => [e.code, e.basEl, e.field]).sort());
      }
    }
  });
});
