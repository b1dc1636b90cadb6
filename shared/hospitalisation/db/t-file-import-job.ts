import { can } from '../../platform/access/permissions';
import { contextOfRequester } from '../../platform/access/requested-by';
import { type AccessContext, audit, withCaller } from '../../platform/access/scoped';
import { openReceivedFile, runFileImport } from '../../platform/bulk/file-run';
import type { Sql, Tx } from '../../platform/db/connection';
import { OptimisticWriteFailed } from '../../platform/exchange/package-processor';
import { ValidatedRecord } from '../../platform/exchange/protocol';
import { type FlkIssue, flkError } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';
import type { BlobPort } from '../../platform/ports/blobs';
import type { TFileMessage } from '../domain/t-file-message';
import { tFamilyTables } from '../formats/t-family/t-family-tags';
import { readTFile, type TFileHeader } from '../formats/t-family/t-file-reader';
import { hospitalisationPermissions } from '../permissions';
import { maxPackageRecords, processPackageIn, type RecordProtocol } from './process-package';
import { finishTFile, type TFileCounts, type TFileOutcome, tFileJournal } from './t-file-journal';

/**
 * The queue consumer's work for a `t-file` message: the uploader is checked again (account active, same role and
 * organisation), the file is read as it streams in (docs/formats/t-family.md), its readable records go through
 * the hospitalisation service by packages of at most 5,000 records (package id = the file's SHA-256, then
 * `-2`, `-3`…), each package processed while the next is read, and the protocol of the whole file — format
 * errors and FLK, in file order — is stored in the journal. Records with errors store nothing. The packages, the
 * journal's outcome and its audit entry are one transaction: a file refused only at its end (a ZIP whose CRC-32
 * does not match, checked once the archive has ended) or a consumer killed midway stores none of it, and the
 * retry reads the file again. A message delivered again for a finished file changes nothing. Warnings about the
 * file as a whole (a windows-1251 declaration over UTF-8 bytes: read as UTF-8) go to `package_issues` of a `done`
 * file with severity `warning`; a file gone from the inbox ends `failed` without retries.
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
      const open = () => openReceivedFile(blobs, message.bucket, message.key);
      const outcome = await importFile(sql, who, open, {
        fileId: message.fileId,
        fileName: claim.entry.fileName,
        sha256: claim.sha256,
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

/** Records of a file's first package (the others hold up to `maxPackageRecords`). */
const firstPackageRecords = 1_000;
/** Packages checked ahead while the one before them is written. */
const lookAheadPackages = 2;

interface FileRef {
  fileId: number;
  fileName: string;
  sha256: string;
}

/** The file is refused as a whole: its packages roll back, the journal records this outcome. */
class FileRefused extends Error {
  constructor(readonly outcome: TFileOutcome) {
    super('file refused');
  }
}

function refused(issues: FlkIssue[], header: TFileHeader | null = null): TFileOutcome {
  return {
    status: 'rejected',
    fileType: header?.type ?? null,
    header,
    counts: { total: 0, accepted: 0, rejected: 0 },
    result: 'rejected',
    packageIssues: issues,
    protocol: [],
  };
}

/** Warnings about the file as a whole join its package issues, whatever the outcome. */
function withWarnings(outcome: TFileOutcome, warnings: readonly FlkIssue[]): TFileOutcome {
  if (warnings.length === 0) return outcome;
  return { ...outcome, packageIssues: [...(outcome.packageIssues ?? []), ...warnings] };
}

async function finish(tx: Tx, fileId: number, outcome: TFileOutcome): Promise<void> {
  await finishTFile(tx, fileId, outcome);
  await audit(
    tx,
    'import',
    'hosp.t_file',
    { records: [fileId] },
    { type: outcome.fileType, status: outcome.status, ...outcome.counts },
  );
}

async function importFile(
  sql: Sql,
  who: AccessContext,
  open: () => Promise<AsyncIterable<Uint8Array>>,
  file: FileRef,
): Promise<TFileOutcome> {
  let warnings: FlkIssue[] = [];
  const attempt = async (careful: boolean) => {
    warnings = [];
    const chunks = await open();
    return withCaller(sql, who, async (tx) => {
      const outcome = withWarnings(await applyFile(sql, tx, who, chunks, file, warnings, careful), warnings);
      await finish(tx, file.fileId, outcome);
      return outcome;
    });
  };
  try {
    try {
      return await attempt(false);
    } catch (error) {
      // A write failed on data the checks did not foresee: the file again, each write in its own savepoint.
      if (!(error instanceof OptimisticWriteFailed)) throw error;
      return await attempt(true);
    }
  } catch (error) {
    const outcome =
      error instanceof FileRefused
        ? error.outcome
        : error instanceof Refusal
          ? refused([...error.issues])
          : null;
    if (!outcome) throw error;
    const rejected = withWarnings(outcome, warnings);
    await withCaller(sql, who, (tx) => finish(tx, file.fileId, rejected));
    return rejected;
  }
}

/**
 * Reads the file and sends its readable records to the service a package at a time: while one package is written,
 * the next is read and checked (the database and Node work on different cores). `careful`: each write in its own
 * savepoint (after an optimistic write failed), one package after another.
 */
async function applyFile(
  sql: Sql,
  tx: Tx,
  who: AccessContext,
  chunks: AsyncIterable<Uint8Array>,
  file: FileRef,
  warnings: FlkIssue[],
  careful: boolean,
): Promise<TFileOutcome> {
  let header: TFileHeader | null = null;
  const protocol: RecordProtocol[] = [];
  let batch: { ordinal: number; record: ValidatedRecord }[] = [];
  let packages = 0;
  // The packages sent, each done once written. A package's statements in the transaction wait for the one before
  // (it must see what that one wrote); its first look-ups may run ahead meanwhile on a connection of their own
  // (`LookAhead`), so the database writes one package while Node checks the next two. The reader stays at most
  // three packages ahead of the database.
  const sent: Promise<void>[] = [];
  const keys = new Set<string>();
  let inFlight: Promise<void> = Promise.resolve();

  const send = async (items: typeof batch) => {
    await sent.at(-1 - lookAheadPackages);
    const h = header!;
    packages++;
    const packageId = packages === 1 ? file.sha256 : `${file.sha256.slice(0, 56)}-${packages}`;
    const before = inFlight;
    inFlight = processPackageIn(
      tx,
      who,
      tFamilyTables[h.type].kind,
      { packageId, senderCode: h.senderCode },
      items.map((i) => i.record),
      careful ? { careful } : { lookAhead: { sql, after: before, keys } },
    ).then(
      (answer) => {
        for (const record of answer.records) {
          protocol.push({ ...record, ordinal: items[record.ordinal - 1]!.ordinal });
        }
      },
      (error: unknown) => {
        if (!(error instanceof Refusal)) throw error;
        throw new FileRefused(refused([flkError('TFILE.PACKAGE.REFUSED', error.code, error.detail)], h));
      },
    );
    inFlight.catch(() => {});
    sent.push(inFlight);
  };

  try {
    for await (const item of readTFile(chunks, {
      uploadName: file.fileName,
      onIssue: (issue) => warnings.push(issue),
    })) {
      if (item.kind === 'header') {
        header = item.header;
        // The sender is checked for the whole file, even when none of its records is readable.
        if (header.senderCode !== who.orgCode) {
          throw new FileRefused(
            refused(
              [
                {
                  rule: 'TFILE.PACKAGE.SENDER',
                  code: 'AUTH-403',
                  severity: 'error',
                  field: 'ZGLV.FILENAME',
                  value: header.fileName,
                  message: `Отправитель файла (${header.senderCode}) не совпадает с организацией учётной записи (${who.orgCode})`,
                },
              ],
              header,
            ),
          );
        }
      } else if (item.kind === 'invalid') {
        protocol.push({
          ordinal: item.ordinal,
          sourceId: item.sourceId,
          status: 'rejected',
          issues: item.issues,
        });
      } else {
        // The reader parses from chunks already in memory without waiting on anything: every 200 records it lets
        // the database's answers in, so the packages in flight go on (their next statement, the next look-up).
        if (batch.length % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
        // Read with the kind's canonical schema by the file reader: not parsed again.
        batch.push({ ordinal: item.ordinal, record: new ValidatedRecord(item.record) });
        // The first package is small, so the database starts while the reader is still near the file's start.
        if (batch.length === (packages === 0 ? firstPackageRecords : maxPackageRecords)) {
          await send(batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0) await send(batch);
    await inFlight;
  } catch (error) {
    // Nothing may still run on the transaction when it rolls back; a package's failure says what happened.
    await inFlight.catch((failed: unknown) => {
      throw failed;
    });
    throw error;
  }
  protocol.sort((a, b) => a.ordinal - b.ordinal);
  const accepted = protocol.filter((p) => p.status === 'accepted').length;
  const counts = { total: protocol.length, accepted, rejected: protocol.length - accepted };
  return {
    status: 'done',
    fileType: header!.type,
    header,
    counts,
    result: accepted === counts.total ? 'accepted' : accepted === 0 ? 'rejected' : 'partially_accepted',
    packageIssues: null,
    protocol,
  };
}
