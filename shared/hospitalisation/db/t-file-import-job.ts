import { can } from '../../platform/access/permissions';
import { contextOfRequester } from '../../platform/access/requested-by';
import { type AccessContext, audit, withCaller } from '../../platform/access/scoped';
import { openReceivedFile, runFileImport } from '../../platform/bulk/file-run';
import type { Sql } from '../../platform/db/connection';
import { type FlkIssue, flkError } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';
import type { BlobPort } from '../../platform/ports/blobs';
import type { TFileMessage } from '../domain/t-file-message';
import { tFamilyTables } from '../formats/t-family/t-family-tags';
import { readTFileAll } from '../formats/t-family/t-file-reader';
import { hospitalisationPermissions } from '../permissions';
import { maxPackageRecords, processPackage, type RecordProtocol } from './process-package';
import { finishTFile, type TFileCounts, type TFileOutcome, tFileJournal } from './t-file-journal';

/**
 * The queue consumer's work for a `t-file` message: the uploader is checked again (account active, same role and
 * organisation), the file is read (docs/formats/t-family.md), its readable records go through the hospitalisation
 * service (`processPackage`, by packages of at most 5,000 records, package id = the file's SHA-256), and the
 * protocol of the whole file — format errors and FLK, in file order — is stored in the journal. Records with
 * errors store nothing. A message delivered again for a finished file changes nothing; a retry after a crash
 * gets the stored protocols back from the service (a re-sent package id is recognised there). Warnings about
 * the file as a whole (a windows-1251 declaration over UTF-8 bytes: read as UTF-8) go to `package_issues` of a
 * `done` file with severity `warning`; a file gone from the inbox ends `failed` without retries.
 */

export interface TFileJobResult {
  fileId: number;
  status: 'done' | 'rejected' | 'duplicate' | 'failed' | 'queued' | 'processing';
  alreadyProcessed: boolean;
  counts: TFileCounts | null;
}

export async function runTFileImportJob(
  sql: Sql,
  blobs: BlobPort,
  message: TFileMessage,
  requestId: string,
): Promise<TFileJobResult> {
  const permission = can(message.requestedBy, hospitalisationPermissions.send)
    ? hospitalisationPermissions.send
    : hospitalisationPermissions.cancelReferral;
  const who: AccessContext = {
    ...(await contextOfRequester(sql, message.requestedBy, permission)),
    channel: 'file',
    requestId,
  };
  return runFileImport(sql, who, tFileJournal, message.fileId, {
    finished: async (file): Promise<TFileJobResult> => ({
      fileId: message.fileId,
      status: file?.status ?? 'failed',
      alreadyProcessed: true,
      counts: file?.counts ?? null,
    }),
    process: async (claim) => {
      const chunks = await openReceivedFile(blobs, message.bucket, message.key);
      const outcome = await importFile(sql, who, chunks, claim.entry.fileName, claim.sha256);
      await withCaller(sql, who, async (tx) => {
        await finishTFile(tx, message.fileId, outcome);
        await audit(
          tx,
          'import',
          'hosp.t_file',
          { records: [message.fileId] },
          { type: outcome.fileType, status: outcome.status, ...outcome.counts },
        );
      });
      return {
        fileId: message.fileId,
        status: outcome.status,
        alreadyProcessed: false,
        counts: outcome.counts,
      };
    },
  });
}

function refused(issues: FlkIssue[]): TFileOutcome {
  return {
    status: 'rejected',
    fileType: null,
    header: null,
    counts: { total: 0, accepted: 0, rejected: 0 },
    result: 'rejected',
    packageIssues: issues,
    protocol: [],
  };
}

async function importFile(
  sql: Sql,
  who: AccessContext,
  chunks: AsyncIterable<Uint8Array>,
  fileName: string,
  sha256: string,
): Promise<TFileOutcome> {
  const warnings: FlkIssue[] = [];
  const outcome = await importRead(sql, who, chunks, fileName, sha256, warnings);
  if (warnings.length === 0) return outcome;
  return { ...outcome, packageIssues: [...(outcome.packageIssues ?? []), ...warnings] };
}

async function importRead(
  sql: Sql,
  who: AccessContext,
  chunks: AsyncIterable<Uint8Array>,
  fileName: string,
  sha256: string,
  warnings: FlkIssue[],
): Promise<TFileOutcome> {
  // The whole file is read before any package is processed: a refusal found only at its end (a ZIP whose CRC-32
  // does not match, checked once the archive has ended) rejects the file with nothing stored.
  let read: Awaited<ReturnType<typeof readTFileAll>>;
  try {
    read = await readTFileAll(chunks, { uploadName: fileName, onIssue: (issue) => warnings.push(issue) });
  } catch (error) {
    if (error instanceof Refusal) return refused([...error.issues]);
    throw error;
  }
  const { header, items } = read;
  const kind = tFamilyTables[header.type].kind;
  // The sender is checked for the whole file, even when none of its records is readable.
  if (header.senderCode !== who.orgCode) {
    return {
      ...refused([
        {
          rule: 'TFILE.PACKAGE.SENDER',
          code: 'AUTH-403',
          severity: 'error',
          field: 'ZGLV.FILENAME',
          value: header.fileName,
          message: `Отправитель файла (${header.senderCode}) не совпадает с организацией учётной записи (${who.orgCode})`,
        },
      ]),
      fileType: header.type,
      header,
    };
  }
  const protocol: RecordProtocol[] = [];
  const valid = items.filter((i) => i.kind === 'record');
  for (const item of items) {
    if (item.kind === 'invalid') {
      protocol.push({
        ordinal: item.ordinal,
        sourceId: item.sourceId,
        status: 'rejected',
        issues: item.issues,
      });
    }
  }
  const packages = Math.ceil(valid.length / maxPackageRecords);
  for (let n = 0; n < packages; n++) {
    const slice = valid.slice(n * maxPackageRecords, (n + 1) * maxPackageRecords);
    try {
      const answer = await processPackage(
        sql,
        who,
        kind,
        {
          packageId: packages > 1 ? `${sha256.slice(0, 56)}-${n + 1}` : sha256,
          senderCode: header.senderCode,
        },
        slice.map((i) => i.record),
      );
      for (const record of answer.records) {
        protocol.push({ ...record, ordinal: slice[record.ordinal - 1]!.ordinal });
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return {
        ...refused([flkError('TFILE.PACKAGE.REFUSED', error.code, error.detail)]),
        fileType: header.type,
        header,
      };
    }
  }
  protocol.sort((a, b) => a.ordinal - b.ordinal);
  const accepted = protocol.filter((p) => p.status === 'accepted').length;
  const counts = { total: protocol.length, accepted, rejected: protocol.length - accepted };
  return {
    status: 'done',
    fileType: header.type,
    header,
    counts,
    result: accepted === counts.total ? 'accepted' : accepted === 0 ? 'rejected' : 'partially_accepted',
    packageIssues: null,
    protocol,
  };
}
