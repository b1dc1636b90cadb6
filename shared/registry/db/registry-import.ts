import { type AccessContext, audit, withCaller } from '../../platform/access/scoped';
import { runFileImport } from '../../platform/bulk/file-run';
import { type Phase, type PhaseListener, phaseTimer } from '../../platform/bulk/phases';
import {
  type AddLines,
  type AddRows,
  RowsAwaitingAnswers,
  StagingBatches,
} from '../../platform/bulk/staging';
import type { Sql, Tx } from '../../platform/db/connection';
import type { CopyValue } from '../../platform/db/copy';
import { Refusal } from '../../platform/flk/refusal';
import type { RegistryFileKind } from '../domain/file-kinds';
import type { RegistryFinding } from '../domain/findings';
import type { Schet, ZlHeader } from '../domain/registry-tags';
import { type RegistryReadOptions, readRegistryPackage } from '../formats/registry-package-reader';
import { loadRegistryChecks, type RegistryChecks } from './check-context';
import { IdPool } from './id-pool';
import {
  type RegistryImport,
  type RegistryImportCounts,
  registryJournal,
  writeProgress,
} from './registry-journal';
import { recordPackageFindings } from './registry-protocol';
import { checkStaged } from './registry-set-checks';
import {
  type StageKey,
  stageCase,
  stagedCaseRow,
  stageFindings,
  stagePerson,
  stageTables,
} from './registry-staging';

/**
 * Imports a registry-invoice package (docs/design/registry-exchange.md) in one transaction: the reader streams
 * the ZIP (both files, either order) and gives each record with its structure findings; each case and person
 * is checked by the pure FLK of `domain/` and copied into staging (COPY, in batches, while the next batch is
 * read); set-based checks then resolve persons against the register, find duplicates and corrections, and one
 * statement per table merges the accepted cases. A consumer killed mid-file leaves nothing: the transaction
 * rolls back, the journal entry stays `processing`, and the redelivered message claims it again and starts over.
 */

export interface RegistryImportResult {
  importId: number;
  status: 'done' | 'rejected' | 'duplicate' | 'failed';
  alreadyProcessed: boolean;
  counts: RegistryImportCounts | null;
}

export interface RegistryImportOptions {
  read?: RegistryReadOptions;
  /**
   * Records per COPY batch, each merged while the next is read. Default 2,000: fewer round trips per case than
   * 500 (200,000 cases: 33.0 s instead of 38.6 s alone), two batches queued at most.
   */
  batchSize?: number;
  /** How often progress is written (ms). Default 1,000. */
  progressEveryMs?: number;
  /** Called with the duration of each phase (benchmarks). */
  onPhase?: PhaseListener;
  /** The compressed size, when known (the progress bar's 100 %). */
  bytesTotal?: number | null;
}

type ByteSource = AsyncIterable<Uint8Array> | (() => Promise<AsyncIterable<Uint8Array>>);

const importLock = 727020;

/** The queue consumer's entry: safe to call again for the same import (a finished one is reported). */
export async function importRegistryPackage(
  sql: Sql,
  source: ByteSource,
  importId: number,
  who: AccessContext,
  options: RegistryImportOptions = {},
): Promise<RegistryImportResult> {
  const finished = (entry: RegistryImport | null, alreadyProcessed = true): RegistryImportResult => ({
    importId,
    status: (entry?.status === 'done' || entry?.status === 'rejected' || entry?.status === 'duplicate'
      ? entry.status
      : 'failed') as RegistryImportResult['status'],
    alreadyProcessed,
    counts: entry?.counts ?? null,
  });
  return runFileImport<RegistryImport, RegistryImportResult>(sql, who, registryJournal, importId, {
    owner: true,
    staging: Object.values(stageTables),
    finished: async (entry) => finished(entry),
    process: async () => {
      const progress = progressWriter(sql, who, importId, options);
      try {
        const outcome = await withCaller(sql, who, async (tx) => {
          await tx`select pg_advisory_xact_lock(${importLock}, ${importId})`;
          const current = await registryJournal.find(tx, importId);
          if (current?.status !== 'processing') return { current, counts: null };
          const bytes = typeof source === 'function' ? await source() : source;
          const counts = await stageCheckMerge(
            tx,
            importId,
            bytes,
            who,
            options,
            progress,
            current.fileName,
            sql,
          );
          return { current, counts };
        });
        if (!outcome.counts) return finished(outcome.current);
        return { importId, status: 'done', alreadyProcessed: false, counts: outcome.counts };
      } finally {
        await progress.stop();
      }
    },
    refused: (refusal) =>
      withCaller(sql, who, async (tx) => {
        const findings: RegistryFinding[] = refusal.issues.length
          ? refusal.issues.map((i) => ({ ...i, file: 'package' as const }))
          : [
              {
                rule: 'REG.PACKAGE',
                code: refusal.code,
                severity: 'error',
                message: refusal.detail,
                file: 'package',
              },
            ];
        await recordPackageFindings(tx, importId, findings);
        await registryJournal.finish(tx, importId, { status: 'rejected' });
        await audit(tx, 'import', 'registry.package', { records: [importId] }, { status: 'rejected' });
        return { importId, status: 'rejected', alreadyProcessed: false, counts: null };
      }),
  });
}

interface Progress {
  bytes(n: number): void;
  cases(): void;
  persons(): void;
  phase(name: string): void;
  stop(): Promise<void>;
}

/** Progress of the import in flight, written on its own connection about once a second. */
function progressWriter(sql: Sql, who: AccessContext, id: number, options: RegistryImportOptions): Progress {
  const state = {
    bytesTotal: options.bytesTotal ?? null,
    bytesRead: 0,
    casesRead: 0,
    personsRead: 0,
    phase: 'чтение пакета' as string | null,
  };
  const every = options.progressEveryMs ?? 1000;
  let last = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const snapshot = { ...state };
    writing = writing
      .then(() => withCaller(sql, who, (tx) => writeProgress(tx, id, snapshot)))
      .catch(() => {}); // progress is a courtesy: its failure never stops an import
  };
  const tick = () => {
    const now = Date.now();
    if (now - last >= every) {
      last = now;
      write();
    }
  };
  write();
  return {
    bytes(n) {
      state.bytesRead += n;
      tick();
    },
    cases() {
      state.casesRead++;
    },
    persons() {
      state.personsRead++;
    },
    phase(name) {
      state.phase = name;
      write();
    },
    async stop() {
      await writing;
    },
  };
}

async function stageCheckMerge(
  tx: Tx,
  id: number,
  bytes: AsyncIterable<Uint8Array>,
  who: AccessContext,
  options: RegistryImportOptions,
  progress: Progress,
  fileName: string | null,
  sql: Sql,
): Promise<RegistryImportCounts> {
  const phase = phaseTimer(options.onPhase);
  // Merging while reading (migrations 036, 038): each batch's cases, once copied, are merged where the register
  // checks pass at once; the rest wait for the end.
  let meta: CaseMeta | null = null;
  const reading = {
    mergedTo: 0,
    lastCase: 0,
    analyseAt: 1,
    turnAt: 0,
    stored: { sl: 0, services: 0 } as Stored,
  };
  const afterCopy = () => {
    if (!meta || reading.lastCase <= reading.mergedTo) return null;
    const [m, from, to] = [meta, reading.mergedTo + 1, reading.lastCase];
    reading.mergedTo = to;
    // The staging statistics follow the file as it doubles (18 small samples for 200,000 cases), so that a batch's
    // statements are not planned for the tables as an earlier import (or none) left them.
    const analyse = to >= reading.analyseAt;
    if (analyse) reading.analyseAt = to * 2;
    return async () => {
      if (analyse) await tx`select registry.analyze_staging()`;
      const stored = await mergeBatch(tx, id, m, from, to);
      reading.stored.sl += stored.sl;
      reading.stored.services += stored.services;
    };
  };
  // A batch's case rows wait, as text without the answer's columns, until the register has answered for them.
  let batchCases = new BatchCases();
  const beforeCopy = () => {
    const cases = batchCases;
    batchCases = new BatchCases();
    return async (addLines: AddLines<StageKey>) => {
      const lines = await answerBatch(tx, cases);
      addLines('cases', lines.cases, cases.rows.length);
      addLines('sl', lines.sl, cases.sl.length);
      addLines('services', lines.services, cases.services.length);
    };
  };
  const batches = new StagingBatches<StageKey>(tx, stageTables, {
    batchSize: options.batchSize ?? 2000,
    maxQueued: 2,
    beforeCopy,
    afterCopy,
  });
  const add: AddRows<StageKey> = (key, ...rows) => {
    if (key === 'cases' || key === 'sl' || key === 'services')
      for (const row of rows) batchCases.add(key, row);
    else batches.add(key, ...rows);
  };
  let checks: RegistryChecks | null = null;
  let header: { zglv: ZlHeader; schet: Schet } | null = null;
  let packageName: string | null = null;
  let fileKind: string | null = null;
  let personsFirst = false;
  const started = performance.now();
  try {
    const items = readRegistryPackage(bytes, {
      ...options.read,
      ...(fileName ? { fileName } : {}),
      onBytes: (n) => progress.bytes(n),
    });
    // Drawn on a connection of their own: the transaction's may be busy with a COPY (sequences are not
    // transactional, so ids drawn by a run that rolls back are only gaps).
    const caseIds = new IdPool(sql, 'registry.zcase_id_seq');
    const slIds = new IdPool(sql, 'registry.sl_id_seq');
    // Birth dates of the L-file when it comes first (the age rules of the case checks need them).
    const birthDates = new Map<string, string>();
    let personChecks: RegistryChecks | null = null;
    for await (const item of items) {
      switch (item.kind) {
        case 'package': {
          packageName = item.name.base;
          fileKind = item.name.kind;
          if (item.name.sourceCode !== who.orgCode) {
            throw packageRefusal(
              '804',
              'Пакет составлен от имени другой медицинской организации: отправитель может передавать только свои реестры',
              'REG.PACKAGE.SENDER',
              item.name.sourceCode,
            );
          }
          await refuseRepeatedName(tx, id, packageName);
          break;
        }
        case 'case-header': {
          header = { zglv: item.header, schet: item.schet };
          meta = caseMeta(fileKind, item.schet);
          personsFirst = birthDates.size > 0;
          checks = await loadRegistryChecks(
            tx,
            { fileKind: fileKind as RegistryFileKind, header: item.header, schet: item.schet },
            birthDates,
          );
          const errors = checks.header().filter((i) => i.severity === 'error');
          if (errors.length) {
            throw new Refusal('invalid', errors[0]!.code, errors[0]!.message, errors, 'Реестр не принят');
          }
          break;
        }
        case 'person-header':
          personChecks =
            checks ??
            (await loadRegistryChecks(tx, {
              fileKind: fileKind as RegistryFileKind,
              header: null,
              schet: null,
            }));
          break;
        case 'case': {
          progress.cases();
          const findings = item.usable ? [...item.findings, ...checks!.case(item.zap)] : item.findings;
          const ok = item.usable && !findings.some((f) => f.severity === 'error');
          const ids = ok
            ? { zcase: (await caseIds.take(1))[0]!, sl: await slIds.take(item.zap.Z_SL.SL.length) }
            : null;
          reading.lastCase = item.ordinal;
          stageCase(add, id, item.ordinal, item.zap, ok, ids);
          stageFindings(add, id, item.ordinal, findings);
          await batches.endRecord();
          // The reader parses a whole inflated chunk (hundreds of cases) without giving the event loop a turn:
          // the COPY and the merge on the transaction wait for one at each write and statement. A turn each
          // millisecond: every 50 cases (about 5 ms) the reader waited 6.4–7.7 s for PostgreSQL at 200,000 cases,
          // every 10 cases 1.8 s.
          if (performance.now() - reading.turnAt > 1) {
            await new Promise((resolve) => setImmediate(resolve));
            reading.turnAt = performance.now();
          }
          break;
        }
        case 'person': {
          progress.persons();
          if (!checks) birthDates.set(item.pers.ID_PAC, item.pers.DR);
          const findings = item.usable
            ? [...item.findings, ...personChecks!.person(item.pers)]
            : item.findings;
          const ok = item.usable && !findings.some((f) => f.severity === 'error');
          stagePerson(add, id, item.ordinal, item.pers, ok);
          stageFindings(add, id, item.ordinal, findings);
          await batches.endRecord();
          break;
        }
      }
    }
    await batches.close();
  } catch (error) {
    await batches.abandon();
    throw error;
  }
  options.onPhase?.('read, check and copy to staging', performance.now() - started);
  progress.phase('проверка и загрузка');
  await tx`select set_config('work_mem', '64MB', true)`;
  await phase('analyse staging', tx`select registry.analyze_staging()`);
  // The age rules ran in memory only if the L-file came first (its birth dates were at hand for every case).
  const { left } = await checkStaged(tx, id, who.orgCode, phase, { ageRules: !personsFirst });
  await tx`select set_config('omslink.audit_bulk', 'on', true)`;
  if (!header || !fileKind) {
    throw packageRefusal('803', 'В пакете нет основного файла реестра', 'REG.PACKAGE.FILES');
  }
  const period = caseMeta(fileKind, header.schet);
  const counts = await merge(tx, id, who.orgCode, period, phase, { ...reading, left });
  await tx`select set_config('omslink.audit_bulk', '', true)`;
  await registryJournal.finish(tx, id, {
    status: 'done',
    values: {
      counts,
      header,
      package_name: packageName,
      file_kind: fileKind,
      mo_code: header.schet.CODE_MO,
      period_year: period.year,
      period_month: period.month,
    },
  });
  return counts;
}

function caseMeta(fileKind: string | null, schet: Schet): CaseMeta {
  return {
    fileKind: fileKind ?? '',
    year: Number(schet.YEAR),
    month: Number(schet.MONTH),
    nschet: schet.NSCHET,
  };
}

function packageRefusal(code: string, message: string, rule: string, value?: string): Refusal {
  const issue: RegistryFinding = {
    rule,
    code,
    severity: 'error',
    message,
    file: 'package',
    ...(value !== undefined ? { value } : {}),
  };
  return new Refusal('invalid', code, message, [issue], 'Реестр не принят');
}

/** F012 805: a package of this name was applied before (a corrected package comes under a new packet number). */
async function refuseRepeatedName(tx: Tx, id: number, name: string): Promise<void> {
  const [earlier] = await tx<{ id: string }[]>`
    select id from registry.import where package_name = ${name} and status = 'done' and id <> ${id} limit 1`;
  if (earlier) {
    throw packageRefusal(
      '805',
      `Пакет ${name} уже был принят (загрузка № ${earlier.id}); исправленные случаи передайте в пакете с новым номером (PR_NOV=1)`,
      'REG.PACKAGE.REPEATED',
      name,
    );
  }
}

interface CaseMeta {
  fileKind: string;
  year: number;
  month: number;
  nschet: string;
}

/**
 * A batch's case rows, and their SL and services, waiting for the register's answer; what it is asked about each
 * case, and which case each SL and service belongs to (`stageCase` adds a case's rows right after the case).
 */
class BatchCases {
  readonly rows = new RowsAwaitingAnswers(stagedCaseRow.answered);
  readonly sl = new RowsAwaitingAnswers(stagedCaseRow.childAnswered);
  readonly services = new RowsAwaitingAnswers(stagedCaseRow.childAnswered);
  readonly questions: ({ enp: string; dateZ2: string; idcase: string } | null)[] = [];
  readonly idcases: (string | null)[] = [];
  readonly smo: (string | null)[] = [];
  readonly caseOfSl: number[] = [];
  readonly caseOfService: number[] = [];

  add(key: 'cases' | 'sl' | 'services', row: CopyValue[]) {
    const current = this.rows.length - 1;
    if (key === 'sl') {
      this.sl.push(row);
      this.caseOfSl.push(current);
    } else if (key === 'services') {
      this.services.push(row);
      this.caseOfService.push(current);
    } else {
      this.rows.push(row);
      this.questions.push(stagedCaseRow.question(row));
      this.idcases.push(stagedCaseRow.idcase(row));
      this.smo.push(stagedCaseRow.smo(row));
    }
  }
}

/**
 * Asks the register about a batch's accepted cases before they are copied (migration 038): a case whose person is
 * found by ЕНП, insured on DATE_Z_2, and whose IDCASE is neither stored (by an earlier batch too) nor repeated in
 * the batch is copied merged, with its person and the policy's СМО where it names none, and so are its SL and
 * services (migration 039). Runs on the transaction, after the earlier batch's merge; no staged row is updated
 * afterwards. Answers the batch's lines of the three tables.
 */
async function answerBatch(
  tx: Tx,
  cases: BatchCases,
): Promise<{ cases: Buffer; sl: Buffer; services: Buffer }> {
  const times = new Map<string, number>();
  for (const idcase of cases.idcases) if (idcase !== null) times.set(idcase, (times.get(idcase) ?? 0) + 1);
  const asked: number[] = [];
  const enps: string[] = [];
  const dates: string[] = [];
  const idcases: string[] = [];
  for (const [i, question] of cases.questions.entries()) {
    if (question === null || times.get(question.idcase) !== 1) continue;
    asked.push(i);
    enps.push(question.enp);
    dates.push(question.dateZ2);
    idcases.push(question.idcase);
  }
  const found = new Map<number, { person: string; smo: string | null }>();
  if (asked.length > 0) {
    const answers = await tx<{ i: number; person_id: string; smo_code: string | null }[]>`
      select i, person_id, smo_code
      from registry.batch_register_answers(${enps}::char(16)[], ${dates}::date[], ${idcases}::bigint[])`;
    for (const a of answers) found.set(asked[a.i - 1]!, { person: a.person_id, smo: a.smo_code });
  }
  const ofChild = (i: number) => {
    const answer = found.get(i);
    return stagedCaseRow.answerOfChild(answer?.person ?? null, answer !== undefined);
  };
  return {
    cases: cases.rows.complete((i) => {
      const answer = found.get(i);
      return answer ? [answer.person, cases.smo[i] ?? answer.smo, true] : [null, cases.smo[i] ?? null, false];
    }),
    sl: cases.sl.complete((i) => ofChild(cases.caseOfSl[i]!)),
    services: cases.services.complete((i) => ofChild(cases.caseOfService[i]!)),
  };
}

/**
 * The cases of staged batch [from, to] that the register took at once (`answerBatch`) are merged while the reader
 * reads the next batch, in one round trip. Runs on the transaction after the batch's COPY.
 */
async function mergeBatch(tx: Tx, id: number, meta: CaseMeta, from: number, to: number): Promise<Stored> {
  const [stored] = await tx<Stored[]>`
    select sl, services from registry.merge_staged_batch(${id}, ${from}, ${to}, ${meta.fileKind}, ${meta.year}, ${meta.month}, ${meta.nschet})`;
  return stored!;
}

/** SL and USL rows an import stored (its counts). */
interface Stored {
  sl: number;
  services: number;
}

/**
 * The accepted cases left to the end of the file (not merged from their batch): the stored cases their corrections
 * replace are deleted with their SL and services, then they are inserted.
 */
async function mergeTheRest(
  tx: Tx,
  id: number,
  meta: CaseMeta,
  maxOrdinal: number,
  phase: Phase,
): Promise<Stored> {
  // The corrected cases' ids first, as an array: a sub-select here let the planner hash-join the whole USL table
  // (2.6 s at 100,000 services with nothing to delete); by id the indexes serve each delete.
  const [corrected] = await tx<{ ids: string[] }[]>`
    select coalesce(array_agg(replaces), '{}') as ids from registry.stage_case
    where import_id = ${id} and ok and replaces is not null`;
  const replaced = corrected!.ids;
  if (replaced.length) {
    await phase(
      'merge: delete corrected cases',
      (async () => {
        await tx`delete from registry.usl where sl_ref in (
                   select id from registry.sl where zcase_id = any(${replaced}::bigint[]))`;
        await tx`delete from registry.sl where zcase_id = any(${replaced}::bigint[])`;
        await tx`delete from registry.zcase where id = any(${replaced}::bigint[])`;
      })(),
    );
  }
  const [rest] = await phase(
    'merge: insert the other cases',
    tx<Stored[]>`
      select sl, services from registry.insert_staged_cases(${id}, 1, ${maxOrdinal}, false, ${meta.fileKind},
        ${meta.year}, ${meta.month}, ${meta.nschet})`,
  );
  return rest!;
}

/**
 * Completes the merge after the whole-file checks: the cases merged while reading that those checks rejected, and
 * the stored cases that corrections (PR_NOV=1) replace, are deleted with their SL and USL; the other accepted
 * cases are inserted; the persons are linked to the МО (it treated them: it sees them), their onco register rows
 * recomputed, and one audit entry names every person written.
 */
async function merge(
  tx: Tx,
  id: number,
  moCode: string,
  meta: CaseMeta,
  phase: Phase,
  read: { stored: Stored; lastCase: number; left: boolean },
): Promise<RegistryImportCounts> {
  const merged = read.stored;
  const [unmerged] = await phase(
    'merge: delete merged cases rejected',
    tx<Stored[]>`select sl, services from registry.unmerge_rejected(${id})`,
  );
  const rest = read.left ? await mergeTheRest(tx, id, meta, read.lastCase, phase) : { sl: 0, services: 0 };
  const stored = {
    sl: merged.sl + rest.sl - unmerged!.sl,
    services: merged.services + rest.services - unmerged!.services,
  };
  const [touched] = await tx<{ persons: string[]; onco: string[] }[]>`
    select coalesce(array_agg(distinct person_id::text), '{}') as persons,
           coalesce(array_agg(distinct person_id::text) filter (where onco), '{}') as onco
    from registry.stage_case where import_id = ${id} and ok`;
  await phase(
    'merge: link persons',
    tx`select app.link_persons(${touched!.persons}::bigint[],
         array_fill(${moCode}::text, array[cardinality(${touched!.persons}::bigint[])]), 'registry')`,
  );
  await phase('merge: onco register', tx`select registry.refresh_onco_persons(${touched!.onco}::bigint[])`);
  const [counts] = await phase(
    'counts',
    tx<RegistryImportCounts[]>`
    select count(*)::int as cases,
           (count(*) filter (where c.ok))::int as accepted,
           (count(*) filter (where not c.ok))::int as rejected,
           (count(distinct c.person_id) filter (where c.ok))::int as persons,
           ${stored.sl}::int as sl,
           ${stored.services}::int as services,
           (count(*) filter (where c.ok and c.onco))::int as onco,
           (count(*) filter (where c.ok and c.replaces is not null))::int as replaced,
           (select count(distinct e.ordinal)::int from registry.import_error e
              join registry.stage_case k on k.import_id = e.import_id and k.ordinal = e.ordinal
              where e.import_id = ${id} and e.file = 'case' and e.severity = 'warning' and k.ok) as warnings
    from registry.stage_case c where c.import_id = ${id}`,
  );
  await audit(
    tx,
    'import',
    'registry.package',
    { records: [id], persons: touched!.persons },
    { cases: counts!.cases, accepted: counts!.accepted },
  );
  return counts!;
}
