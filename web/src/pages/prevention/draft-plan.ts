import { ApiError } from '../../api/api-error';
import {
  type DraftPlanEntry,
  fetchDraftPlan,
  type PlanEntryInput,
  type PlanPackageProtocol,
  sendPlan,
} from '../../api/prevention';

/** The draft is read 500 at a time, and sent 1,000 entries to a package (the server takes up to 5,000). */
const draftPageSize = 500;
const packageSize = 1000;
/** More than this is no list to adjust on a screen: the МО sends such a plan as a file. */
export const maxDraftRows = 20_000;

/** Every page of the МО's draft list for a year and kind (up to `maxDraftRows`). */
export async function loadWholeDraft(
  year: string,
  kind: string,
  signal: AbortSignal,
): Promise<{ rows: DraftPlanEntry[]; truncated: boolean }> {
  const rows: DraftPlanEntry[] = [];
  for (let page = 1; ; page++) {
    const answer = await fetchDraftPlan({ year, kind, page, pageSize: draftPageSize }, signal);
    rows.push(...answer.items);
    if (!answer.hasMore) return { rows, truncated: false };
    if (rows.length >= maxDraftRows) return { rows, truncated: true };
  }
}

/** A draft row as the plan entry sent: its own id (sent again, it changes the same entry), no display fields. */
export function toPlanRecord(row: DraftPlanEntry): PlanEntryInput {
  return {
    sourceId: row.sourceId,
    patient: row.patient,
    year: row.year,
    kind: row.kind,
    months: row.months,
    ...(row.districtCode ? { districtCode: row.districtCode } : {}),
    ...(row.doctorSnils ? { doctorSnils: row.doctorSnils } : {}),
  };
}

/** What sending a plan answered, over all its packages. */
export interface PlanSendOutcome {
  total: number;
  accepted: number;
  rejected: number;
  /** The FLK messages of each rejected entry, by its source id. */
  problems: Map<string, string[]>;
  /** The source ids accepted. */
  acceptedIds: Set<string>;
}

/** A package's protocol, whether the server accepted some of it (200) or none (400 with the protocol). */
async function sendPackage(records: PlanEntryInput[]): Promise<PlanPackageProtocol> {
  try {
    return await sendPlan(`web-plan-${crypto.randomUUID()}`, records);
  } catch (error) {
    const problem =
      error instanceof ApiError ? (error.problem as unknown as Partial<PlanPackageProtocol>) : null;
    if (error instanceof ApiError && error.status === 400 && problem && Array.isArray(problem.records)) {
      return problem as PlanPackageProtocol;
    }
    throw error;
  }
}

/** Sends the rows as plan-entry packages of `packageSize`, one after another, and sums their protocols. */
export async function sendDraft(
  rows: readonly DraftPlanEntry[],
  onProgress: (sent: number) => void,
): Promise<PlanSendOutcome> {
  const outcome: PlanSendOutcome = {
    total: 0,
    accepted: 0,
    rejected: 0,
    problems: new Map(),
    acceptedIds: new Set(),
  };
  for (let i = 0; i < rows.length; i += packageSize) {
    const chunk = rows.slice(i, i + packageSize);
    const protocol = await sendPackage(chunk.map(toPlanRecord));
    outcome.total += protocol.total;
    outcome.accepted += protocol.accepted;
    outcome.rejected += protocol.rejected;
    for (const record of protocol.records) {
      const sourceId = record.sourceId ?? chunk[record.ordinal - 1]?.sourceId ?? '';
      if (record.status === 'accepted') outcome.acceptedIds.add(sourceId);
      else
        outcome.problems.set(
          sourceId,
          record.issues.map((issue) => issue.message),
        );
    }
    onProgress(Math.min(i + packageSize, rows.length));
  }
  return outcome;
}
