import { createHash } from 'node:crypto';
import { type AccessContext, withCaller } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import {
  packageStatus,
  type RecordProtocol,
  RejectedByChannel,
  ValidatedRecord,
} from '../../platform/exchange/protocol';
import type { FlkIssue } from '../../platform/flk/issue';
import { chunksOf } from '../../platform/formats/package/byte-stream';
import { packageRefusal } from '../../platform/formats/package/package-refusal';
import { gisDnFamilyOfName, readDnListAll, readDnPlanAll } from '../formats/gis-dn/gis-dn-reader';
import { mergeVisitWindows } from '../formats/gis-dn/visit-window-merge';
import { parsePlanListName } from '../formats/plan-list/plan-list-name';
import { readPlanListAll } from '../formats/plan-list/plan-list-reader';
import { observationsByEnp, observationsBySourceId } from './file-observations';
import {
  maxPreventionRecords,
  type PreventionMessageKind,
  processPreventionPackage,
} from './process-package';

/**
 * An uploaded prevention file (docs/formats/prevention-files.md) imported at once, in the request: a plan list
 * (`PROF`, kind `plan-entry`), a ГИС ОМС `DN_LIST` (GST, kind `dispensary`: the windows stored for an observation
 * are kept) or `DN_PLAN` (GPT: its windows are merged into the МО's stored observations, which are sent again
 * with them). The file is read whole first — a file refused as a whole (`Refusal`) stores nothing — then its
 * records go through the package processor in packages of at most 5,000 (ids from the file's SHA-256, so the
 * same file again answers its stored protocols as duplicates). Records the reader found wrong are handed over as
 * `RejectedByChannel`, so each package's stored protocol is the file's. The answer: a protocol per file record.
 */

export type PreventionFileFamily = 'plan-list' | 'dn-list' | 'dn-plan';

/** Records of one uploaded file (the REST channel takes up to 10 MB). */
export const maxFileRecords = 20_000;

export interface FileRecordOutcome {
  /** The record's position in the file. */
  ordinal: number;
  /** `NOMER_Z` of a plan-list record. */
  nomerZ?: string;
  /** The record's id (`ID_ZAP`, `CODE_L`, `CODE_P`). */
  sourceId: string | null;
  status: 'accepted' | 'rejected';
  /** The stored record's id (for a `DN_PLAN` window: its observation's). */
  id?: string;
  issues: FlkIssue[];
}

export interface PreventionFileProtocol {
  fileName: string;
  family: PreventionFileFamily;
  status: 'accepted' | 'partially_accepted' | 'rejected' | 'duplicate';
  total: number;
  accepted: number;
  rejected: number;
  /** The ids of the packages the file's records went in (the exchange journal shows them). */
  packages: string[];
  records: FileRecordOutcome[];
}

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** The family of a file by its name, or null. */
export function preventionFileFamily(fileName: string): PreventionFileFamily | null {
  if (parsePlanListName(fileName)) return 'plan-list';
  const family = gisDnFamilyOfName(fileName);
  return family === 'DN_LIST' ? 'dn-list' : family === 'DN_PLAN' ? 'dn-plan' : null;
}

function refuseOtherSender(code: string, who: AccessContext): never {
  throw packageRefusal(
    'PREV.FILE.SENDER',
    '802',
    `Код МО в имени файла (${code}) не совпадает с организацией учётной записи (${who.orgCode})`,
    'FILENAME',
    code,
  );
}

/** What one record of a package carried back to the file. */
interface Sent {
  ordinal: number;
  nomerZ?: string | undefined;
  sourceId: string | null;
  input: unknown;
}

/** Sends the records in packages of at most 5,000; answers the outcome of each, in order. */
async function sendInPackages(
  sql: Sql,
  who: AccessContext,
  kind: PreventionMessageKind,
  idBase: string,
  sent: readonly Sent[],
): Promise<{ packages: string[]; duplicate: boolean; outcomes: FileRecordOutcome[] }> {
  const packages: string[] = [];
  const outcomes: FileRecordOutcome[] = [];
  let duplicates = 0;
  for (let at = 0; at < sent.length; at += maxPreventionRecords) {
    const part = sent.slice(at, at + maxPreventionRecords);
    const packageId = `${idBase}-${packages.length + 1}`;
    packages.push(packageId);
    const protocol = await processPreventionPackage(
      sql,
      who,
      kind,
      { packageId, senderCode: who.orgCode },
      part.map((s) => s.input),
    );
    if (protocol.status === 'duplicate') duplicates++;
    // By position; by id where a duplicate's stored protocol lists other records (a DN_PLAN merged anew).
    const byOrdinal = new Map(protocol.records.map((r) => [r.ordinal, r]));
    const bySource = new Map(protocol.records.map((r) => [r.sourceId, r]));
    for (const [i, s] of part.entries()) {
      const same = byOrdinal.get(i + 1);
      outcomes.push(outcomeOf(s, same?.sourceId === s.sourceId ? same : bySource.get(s.sourceId)));
    }
  }
  return { packages, duplicate: packages.length > 0 && duplicates === packages.length, outcomes };
}

function outcomeOf(s: Sent, r: RecordProtocol | undefined): FileRecordOutcome {
  const out: FileRecordOutcome = {
    ordinal: s.ordinal,
    sourceId: s.sourceId,
    status: r?.status ?? 'rejected',
    issues: r?.issues ?? [],
  };
  if (s.nomerZ !== undefined) out.nomerZ = s.nomerZ;
  if (r?.id !== undefined) out.id = r.id;
  return out;
}

function protocolOf(
  file: UploadedFile,
  family: PreventionFileFamily,
  sent: { packages: string[]; duplicate: boolean },
  records: FileRecordOutcome[],
): PreventionFileProtocol {
  records.sort((a, b) => a.ordinal - b.ordinal);
  const accepted = records.filter((r) => r.status === 'accepted').length;
  return {
    fileName: file.fileName,
    family,
    status: sent.duplicate ? 'duplicate' : packageStatus(accepted, records.length),
    total: records.length,
    accepted,
    rejected: records.length - accepted,
    packages: sent.packages,
    records,
  };
}

const readOptions = (file: UploadedFile) => ({ uploadName: file.fileName, maxRecords: maxFileRecords });

async function importPlanList(sql: Sql, who: AccessContext, file: UploadedFile, idBase: string) {
  const { header, items } = await readPlanListAll(chunksOf(file.bytes), readOptions(file));
  if (header.name.moCode !== who.orgCode) refuseOtherSender(header.name.moCode, who);
  const sent = items.map(
    (item): Sent => ({
      ordinal: item.ordinal,
      nomerZ: item.nomerZ ?? undefined,
      sourceId: item.kind === 'record' ? item.record.sourceId : item.sourceId,
      input:
        item.kind === 'record'
          ? new ValidatedRecord(item.record)
          : new RejectedByChannel(item.sourceId, item.issues),
    }),
  );
  const result = await sendInPackages(sql, who, 'plan-entry', `PROF-${idBase}`, sent);
  return protocolOf(file, 'plan-list', result, result.outcomes);
}

async function importDnList(sql: Sql, who: AccessContext, file: UploadedFile, idBase: string) {
  const { header, items } = await readDnListAll(chunksOf(file.bytes), readOptions(file));
  if (header.name.code !== who.orgCode) refuseOtherSender(header.name.code, who);
  // The file says nothing of the visit windows (DN_PLAN does): a stored observation keeps its own.
  const ids = items.flatMap((i) => (i.kind === 'record' ? [i.record.sourceId] : []));
  const stored = ids.length
    ? await withCaller(sql, who, (tx) => observationsBySourceId(tx, who.orgCode, ids))
    : [];
  const visits = new Map(stored.map((s) => [s.record.sourceId, s.record.visits]));
  const sent = items.map(
    (item): Sent =>
      item.kind === 'record'
        ? {
            ordinal: item.ordinal,
            sourceId: item.record.sourceId,
            input: new ValidatedRecord({ ...item.record, visits: visits.get(item.record.sourceId) ?? [] }),
          }
        : {
            ordinal: item.ordinal,
            sourceId: item.sourceId,
            input: new RejectedByChannel(item.sourceId, item.issues),
          },
  );
  const result = await sendInPackages(sql, who, 'dispensary', `GST-${idBase}`, sent);
  return protocolOf(file, 'dn-list', result, result.outcomes);
}

async function importDnPlan(sql: Sql, who: AccessContext, file: UploadedFile, idBase: string) {
  const { header, items } = await readDnPlanAll(chunksOf(file.bytes), readOptions(file));
  if (header.name.code !== who.orgCode) refuseOtherSender(header.name.code, who);
  const windows = items.flatMap((i) => (i.kind === 'window' ? [{ ordinal: i.ordinal, row: i.row }] : []));
  const enps = [...new Set(windows.map((w) => w.row.enp))];
  const stored = enps.length
    ? await withCaller(sql, who, (tx) => observationsByEnp(tx, who.orgCode, enps, maxFileRecords))
    : [];
  const records = stored.map((s) => s.record);
  const merged = mergeVisitWindows(records, windows);
  // The observations the file names, each sent again once with the file's windows.
  const changed = merged.records.filter((r, i) => r !== records[i]);
  const sent = changed.map(
    (r, i): Sent => ({ ordinal: i + 1, sourceId: r.sourceId, input: new ValidatedRecord(r) }),
  );
  const result = await sendInPackages(sql, who, 'dispensary', `GPT-${idBase}`, sent);
  const bySource = new Map(result.outcomes.map((o) => [o.sourceId, o]));
  const unmatched = new Map(merged.unmatched.map((u) => [u.ordinal, u.issues]));
  const outcomes = items.map((item): FileRecordOutcome => {
    if (item.kind === 'invalid') {
      return { ordinal: item.ordinal, sourceId: item.sourceId, status: 'rejected', issues: item.issues };
    }
    const base = { ordinal: item.ordinal, sourceId: item.row.planId };
    const missed = unmatched.get(item.ordinal);
    if (missed) return { ...base, status: 'rejected', issues: missed };
    const observation = bySource.get(merged.placed.get(item.ordinal) ?? null);
    return {
      ...base,
      status: observation?.status ?? 'rejected',
      ...(observation?.id !== undefined ? { id: observation.id } : {}),
      issues: observation?.issues ?? [],
    };
  });
  return protocolOf(file, 'dn-plan', result, outcomes);
}

/** Imports one uploaded prevention file of the caller's МО; a file refused as a whole throws its `Refusal`. */
export async function importPreventionFile(
  sql: Sql,
  who: AccessContext,
  file: UploadedFile,
): Promise<PreventionFileProtocol> {
  const family = preventionFileFamily(file.fileName);
  if (!family) {
    throw packageRefusal(
      'PREV.FILE.NAME',
      '802',
      'Имя файла должно иметь вид PROF_M<код МО>T<код региона>_<ГГММ><N> (план) или GST…/GPT… (ДН ГИС ОМС)',
      'FILENAME',
      file.fileName.slice(0, 100),
    );
  }
  const fileWho: AccessContext = { ...who, channel: 'file' };
  const idBase = createHash('sha256').update(file.bytes).digest('hex').slice(0, 48);
  if (family === 'plan-list') return importPlanList(sql, fileWho, file, idBase);
  if (family === 'dn-list') return importDnList(sql, fileWho, file, idBase);
  return importDnPlan(sql, fileWho, file, idBase);
}
