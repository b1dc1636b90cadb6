import { homeRegion } from '../../org/db/organisation-repository';
import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { PreventionKind } from '../domain/exam-steps';
import type { DispensaryRecord, PlanEntryRecord } from '../domain/records';
import { observationsOfSender } from './file-observations';
import { listPlanEntries, type PlanEntryView } from './plan-queries';

/**
 * What the prevention file exports hold (docs/formats/prevention-files.md): an МО's plan list for a year (read
 * through the plan queries, a page at a time, withdrawn entries included) and its ДН records, as canonical
 * records again, with the region code the file names carry. Audited as an export with every record and person
 * it gives out; null when there are more than `limit` records.
 */

const pageSize = 5_000;

function planEntryOf(e: PlanEntryView): PlanEntryRecord {
  const record: PlanEntryRecord = {
    sourceId: e.sourceId,
    patient: { enp: e.enp },
    year: e.year,
    kind: e.kind,
    months: e.months,
    category: e.category === 1 ? 1 : 0,
    withdrawn: e.withdrawn,
  };
  if (e.quarter !== null) record.quarter = e.quarter;
  if (e.districtCode !== null) record.districtCode = e.districtCode;
  if (e.doctorSnils !== null) record.doctorSnils = e.doctorSnils;
  return record;
}

async function regionCode(tx: Tx): Promise<string> {
  return (await homeRegion(tx))?.regionCode.padStart(2, '0').slice(-2) ?? '00';
}

/** The МО's plan entries of a year (optionally of one kind), in the plan list's order. */
export async function readPlanListExport(
  tx: Tx,
  moCode: string,
  query: { year: number; kind?: PreventionKind | undefined },
  limit: number,
): Promise<{ region: string; records: PlanEntryRecord[] } | null> {
  const views: PlanEntryView[] = [];
  for (let page = 1; ; page++) {
    const found = await listPlanEntries(tx, { ...query, moCode, withWithdrawn: true, page, pageSize });
    views.push(...found.items);
    if (views.length > limit) return null;
    if (!found.hasMore) break;
  }
  await audit(
    tx,
    'export',
    'prevention.plan_entry',
    { records: views.map((v) => v.id), persons: views.map((v) => v.personId) },
    { year: query.year, kind: query.kind ?? null, count: views.length },
  );
  return { region: await regionCode(tx), records: views.map(planEntryOf) };
}

/** The МО's ДН records of persons with an ЕНП (the ГИС ОМС files name a person by it). */
export async function readDnExport(
  tx: Tx,
  moCode: string,
  limit: number,
): Promise<{ region: string; records: DispensaryRecord[] } | null> {
  const found = await observationsOfSender(tx, moCode, limit + 1);
  if (found.length > limit) return null;
  await audit(
    tx,
    'export',
    'prevention.dispensary',
    { records: found.map((f) => f.id), persons: found.map((f) => f.personId) },
    { count: found.length },
  );
  return { region: await regionCode(tx), records: found.map((f) => f.record) };
}
