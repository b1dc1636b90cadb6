import { createHash } from 'node:crypto';
import { generatePersons } from '../../demo/persons';
import { generateRegionStructure } from '../../demo/region-structure';
import { type AccessContext, withCaller } from '../../platform/access/scoped';
import type { DemoStory } from '../../platform/area';
import type { Sql } from '../../platform/db/connection';
import { importRegistryPackage } from '../db/registry-import';
import { registerPackage } from '../db/registry-submit';
import { generateRegistryPackage, registryPersonFromDemo } from './package-generator';

/** Months of registry packages the demo region has: the twelve before the current one. */
const months = 12;
/** Cases per package: a C-file (onco paths) and an H-file (ordinary care, a few suspicions) a month per МО. */
const perMonth = { C: 120, H: 150 } as const;

async function* chunks(bytes: Uint8Array, size = 256 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The last `n` reporting months before `today`, oldest first. */
function pastMonths(today: string, n: number): { year: number; month: number }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: { year: number; month: number }[] = [];
  for (let back = n; back >= 1; back--) {
    const index = year * 12 + (month - 1) - back;
    out.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  return out;
}

/**
 * A year of the demo region's registry-invoice packages — for its hospitals, each month a C-file with the
 * oncology paths of their patients (suspicion → diagnosis → treatment lines → observation) and an H-file —
 * imported through the same import as an uploaded package (journal, reader, FLK, staging, merge), once per
 * database. The polyclinics send none: their persons stay those attached to them (the access tests rely on it).
 */
export const registryDemoStory: DemoStory = {
  title: 'demo registry-invoice packages (a year, oncology paths)',
  async run(sql: Sql, options) {
    const present = await sql`select 1 from registry.import where uploaded_by = 'demo' limit 1`;
    if (present.length > 0) return { status: 'present', summary: '', ms: 0 };
    const started = performance.now();
    const structure = generateRegionStructure(options.seed);
    const persons = [...generatePersons(options.seed, options.persons, structure)]
      .map(registryPersonFromDemo)
      .filter((p) => p.smoCode !== undefined);
    const smoCodes = structure.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code);
    const hospitals = structure.organisations
      .filter((o) => o.kind === 'MO' && o.moKind === 'hospital')
      .slice(0, 2);
    const periods = pastMonths(new Date().toISOString().slice(0, 10), months);
    let cases = 0;
    let onco = 0;
    let packages = 0;
    for (const [h, hospital] of hospitals.entries()) {
      const who: AccessContext = {
        username: 'demo',
        role: 'mo_system',
        orgCode: hospital.code,
        orgKind: 'MO',
        channel: 'file',
        requestId: 'demo',
      };
      // Each hospital treats its own share of the region's persons.
      const own = persons.filter((_, i) => i % hospitals.length === h);
      const doctors = structure.doctors.filter((d) => d.moCode === hospital.code).map((d) => d.snils);
      for (const period of periods) {
        for (const kind of ['C', 'H'] as const) {
          if (options.signal?.aborted) return { status: 'interrupted', summary: '', ms: 0 };
          const pkg = generateRegistryPackage({
            seed: `${options.seed}-registry-${hospital.code}`,
            persons: own,
            smoCodes,
            moCode: hospital.code,
            ...(doctors.length > 0 ? { doctors } : {}),
            year: period.year,
            month: period.month,
            pathYear: periods[0]!.year,
            packet: kind === 'C' ? 1 : 2,
            kind,
            count: perMonth[kind],
          });
          const bytes = pkg.bytes();
          const registered = await withCaller(sql, who, (tx) =>
            registerPackage(tx, {
              channel: 'web',
              fileName: pkg.fileName,
              size: bytes.length,
              sha256: createHash('sha256').update(bytes).digest('hex'),
              blobKey: `demo/${pkg.fileName}`,
            }),
          );
          if (registered.duplicate) continue;
          const result = await importRegistryPackage(sql, chunks(bytes), registered.import.id, who);
          packages++;
          cases += result.counts?.accepted ?? 0;
          onco += result.counts?.onco ?? 0;
        }
      }
    }
    const ms = Math.round(performance.now() - started);
    return {
      status: 'generated',
      ms,
      summary: `Demo registry-invoice packages imported in ${(ms / 1000).toFixed(1)} s: ${packages} packages, ${cases} cases, ${onco} with suspected or established ЗНО.`,
    };
  },
};
