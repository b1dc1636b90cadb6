import { generatePersons } from '../../demo/persons';
import { generateRegionStructure } from '../../demo/region-structure';
import { roleOrganisationKind } from '../../platform/access/roles';
import type { AccessContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import { loadSexRules } from '../db/lookups';
import { type HospMessageKind, maxPackageRecords, processPackage } from '../db/process-package';
import { generateHospitalFlows, type SentBy } from './hospital-flows';

export interface DemoFlowsResult {
  status: 'generated' | 'present' | 'interrupted';
  counts: Record<string, { records: number; accepted: number }>;
  ms: number;
}

/**
 * Sends the demo region's hospitalisation story of the last 90 days through the same package service SOAP,
 * REST and files use (each package as its sender's system account), once per database.
 */
export async function ensureDemoHospitalFlows(
  sql: Sql,
  options: { seed: string; persons: number; today?: string; signal?: AbortSignal },
): Promise<DemoFlowsResult> {
  // Package ids do not depend on the day, and a known package id is skipped: a run cut short completes on the
  // next start without sending anything twice. The plans go last, so their presence means the story is complete.
  const present = await sql`select 1 from hosp.package where package_id like 'demo-plan-%' limit 1`;
  if (present.length > 0) return { status: 'present', counts: {}, ms: 0 };
  const started = performance.now();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const region = generateRegionStructure(options.seed);
  const persons = [...generatePersons(options.seed, options.persons, region)];
  const flows = generateHospitalFlows(options.seed, region, persons, today, await loadSexRules(sql));
  const smos = new Set(region.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code));
  const counts: DemoFlowsResult['counts'] = {};
  const send = async (kind: HospMessageKind, groups: SentBy<unknown>[]) => {
    const total = { records: 0, accepted: 0 };
    counts[kind] = total;
    for (const { senderCode, records } of groups) {
      const role = smos.has(senderCode) ? 'smo_system' : 'mo_system';
      const who: AccessContext = {
        username: 'demo',
        role,
        orgCode: senderCode,
        orgKind: roleOrganisationKind[role],
        channel: 'file',
        requestId: 'demo',
      };
      for (let i = 0; i < records.length; i += maxPackageRecords) {
        if (options.signal?.aborted) return;
        const chunk = records.slice(i, i + maxPackageRecords);
        const protocol = await processPackage(
          sql,
          who,
          kind,
          { packageId: `demo-${kind}-${senderCode}-${i}`, senderCode },
          chunk,
        );
        total.records += protocol.total;
        total.accepted += protocol.accepted;
      }
    }
  };
  await send('referral', flows.referrals);
  await send('cancellation', flows.cancellations);
  await send('admission', flows.admissions);
  await send('discharge', flows.discharges);
  await send('free-beds', flows.freeBeds);
  await send('plan', flows.plans);
  const status = options.signal?.aborted ? 'interrupted' : 'generated';
  return { status, counts, ms: Math.round(performance.now() - started) };
}
