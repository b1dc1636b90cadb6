import { createHash } from 'node:crypto';
import { type AccessContext, audit, withCaller } from '../../platform/access/scoped';
import { issueColumns, issueRows } from '../../platform/bulk/file-protocol';
import { runFileImport } from '../../platform/bulk/file-run';
import { type Phase, type PhaseListener, phaseTimer } from '../../platform/bulk/phases';
import { setChecks } from '../../platform/bulk/set-checks';
import { type ChildList, type StagedParents, stagedMerge } from '../../platform/bulk/staged-merge';
import { clearStaging, StagingBatches, stageAll } from '../../platform/bulk/staging';
import type { Sql, Tx } from '../../platform/db/connection';
import { type FlkIssue, type FlkRule, flkError } from '../../platform/flk/issue';
import { edgeIssueParams } from '../../platform/flk/schema-issues';
import {
  checkErzRecord,
  configurableErzRules,
  type ErzRuleBook,
  erzRuleBook,
  fixedErzRules,
  todayInRussia,
} from '../domain/erz-flk';
import { ErzPerson } from '../domain/erz-person';
import {
  type ErzExtractHeader,
  type ErzExtractItem,
  type ErzReadOptions,
  erzPackageRefusal,
  readErzExtract,
} from '../formats/erz-extract-reader';
import {
  type ErzImport,
  type ErzImportCounts,
  type ErzProtocolRecord,
  erzImportJournal,
  erzProtocol,
  readErzProtocol,
  registerErzImport,
} from './erz-import-journal';

/**
 * Imports ЕРЗ extracts into the register (docs/formats/erz-extract.md) on the platform's bulk pieces
 * (shared/platform/bulk): records stream from the reader through the record-level FLK into unlogged staging
 * tables with COPY, in batches; then, in the same transaction and under one register-wide lock, set-based
 * checks (ЕНП repeated in the file, СНИЛС of another person, СМО, district and document type known) and the
 * merge: persons upserted by ЕНП, their documents, policies and attachments replaced where they differ.
 * Rejected records store nothing. The protocol goes to `ops.erz_import_error`. What stays here is the ЕРЗ's
 * own: its staging rows, its checks' SQL and the person merge.
 */

export interface ErzImportResult {
  importId: number;
  status: 'done' | 'rejected' | 'duplicate';
  /** The import this one duplicates (status `duplicate`). */
  duplicateOf: number | null;
  /** True when a retried message found the import already finished (nothing was applied again). */
  alreadyProcessed: boolean;
  counts: ErzImportCounts | null;
  /** Findings about the file as a whole (status `rejected`). */
  packageFindings: FlkIssue[];
  /** Warnings about the file as a whole that did not stop it (a windows-1251 declaration over UTF-8 bytes). */
  packageWarnings: FlkIssue[];
  /** Rejected records and accepted records with warnings, in file order (at most `protocolLimit`). */
  protocol: ErzProtocolRecord[];
  protocolTruncated: boolean;
}

export interface ErzImportOptions {
  /** Records of the protocol returned (the journal keeps all). Default 1,000. */
  protocolLimit?: number;
  read?: ErzReadOptions;
  /** Records per COPY batch. Default 5,000. */
  batchSize?: number;
  /** `YYYY-MM-DD`; default today in Moscow. */
  today?: string;
  /** Called with the duration of each phase (benchmarks). */
  onPhase?: PhaseListener;
}

/** A person as staged and registered (the same column names, for comparison and merge). */
const stagedPersons: StagedParents = {
  stage: 'ops.erz_stage_person',
  table: 'person.person',
  id: 'person_id',
  key: 'enp',
  // biome-ignore format: one line reads better than ten
  columns: ['snils', 'fam', 'im', 'ot', 'sex', 'birth_date', 'phone', 'doc_type', 'doc_ser', 'doc_num'],
  changed: 'person_changed',
  stamp: 'erz_updated_at',
};

/** A person's histories, in the register and in the file (the same columns, for comparison and insert). */
const histories = {
  documents: {
    name: 'documents',
    table: 'person.document',
    stage: 'ops.erz_stage_document',
    flag: 'documents_changed',
    columns: ['doc_type', 'doc_ser', 'doc_num', 'doc_date'],
  },
  policies: {
    name: 'policies',
    table: 'person.policy',
    stage: 'ops.erz_stage_policy',
    flag: 'policies_changed',
    columns: ['policy_type', 'series', 'number', 'smo_code', 'date_beg', 'date_end', 'close_reason'],
  },
  attachments: {
    name: 'attachments',
    table: 'person.attachment',
    stage: 'ops.erz_stage_attachment',
    flag: 'attachments_changed',
    columns: ['mo_code', 'district_code', 'doctor_snils', 'date_beg', 'date_end'],
  },
} satisfies Record<string, ChildList>;

const stagedHistory = (h: ChildList) => ({
  table: h.stage,
  columns: ['import_id', 'ordinal', 'seq', ...h.columns],
});

/** Staging tables (migration 003); a row's values follow the columns' order. */
const stage = {
  persons: {
    table: 'ops.erz_stage_person',
    columns: ['import_id', 'ordinal', 'record_id', 'ok', 'enp', ...stagedPersons.columns],
  },
  documents: stagedHistory(histories.documents),
  policies: stagedHistory(histories.policies),
  attachments: stagedHistory(histories.attachments),
  findings: { table: 'ops.erz_stage_finding', columns: issueColumns },
};

type StageKey = keyof typeof stage;

const mergeLock = 727010;
const importLock = 727011;

type ByteSource = AsyncIterable<Uint8Array> | (() => Promise<AsyncIterable<Uint8Array>>);

/** The result of a queued file: also `failed` when its bytes are gone from the inbox (nothing to retry). */
export type ErzFileImportResult = Omit<ErzImportResult, 'status'> & {
  status: ErzImportResult['status'] | 'failed';
};

/**
 * (a) Imports an uploaded extract file registered in the journal (the queue consumer's entry). Safe to call
 * again for the same import: a finished import is reported, not applied again; concurrent calls serialise on
 * the import. A file that cannot be read as an extract ends `rejected` with package findings; a file declared
 * windows-1251 but written in UTF-8 is read as UTF-8 with a package warning; a technical failure marks the
 * import `failed` and is rethrown (the queue retries), except a file gone from the inbox (`failed`, no retry).
 */
export async function importErzExtract(
  sql: Sql,
  source: ByteSource,
  importId: number,
  who: AccessContext,
  options: ErzImportOptions = {},
): Promise<ErzFileImportResult> {
  // Warnings about the file as a whole, from the reader; recorded with the outcome (protocol ordinal 0).
  let warnings: FlkIssue[] = [];
  return runFileImport<ErzImport, ErzFileImportResult>(sql, who, erzImportJournal, importId, {
    owner: true,
    staging: Object.values(stage),
    finished: (entry) => finishedResult(sql, entry!, who, options),
    process: async () => {
      const { result, current } = await withCaller(sql, who, async (tx) => {
        await tx`select pg_advisory_xact_lock(${importLock}, ${importId})`;
        const current = await erzImportJournal.find(tx, importId);
        if (current?.status !== 'processing') return { result: null, current };
        const bytes = typeof source === 'function' ? await source() : source;
        const okato = await regionOkato(tx);
        warnings = [];
        const read = { ...options.read, onIssue: (issue: FlkIssue) => warnings.push(issue) };
        const { counts, header } = await stageAndMerge(tx, importId, readErzExtract(bytes, read), {
          ...options,
          okato,
        });
        await erzProtocol.recordPackageIssues(tx, importId, warnings);
        await finish(tx, importId, counts, header, current.fileName);
        return { result: await resultOf(tx, importId, 'done', counts, options), current };
      });
      return result ?? finishedResult(sql, current!, who, options);
    },
    refused: (refusal) =>
      withCaller(sql, who, async (tx) => {
        const issues = refusal.issues.length
          ? refusal.issues
          : [flkError('ERZ.PACKAGE.FORMAT', refusal.code, refusal.detail)];
        await reject(tx, importId, [...issues, ...warnings]);
        return resultOf(tx, importId, 'rejected', null, options);
      }),
  });
}

/**
 * (b) Imports records already parsed (the SOAP operation `SendErzExtract`): registered in the journal, checked
 * and merged in one transaction. The same records sent again (same canonical JSON) are a `duplicate`.
 */
export async function importErzPersons(
  sql: Sql,
  persons: readonly unknown[],
  who: AccessContext,
  options: ErzImportOptions & { packageId?: string; fileName?: string } = {},
): Promise<ErzImportResult> {
  // Canonical JSON: the schema's own key order for every valid record.
  const canonical = persons.map((p) => {
    const parsed = ErzPerson.safeParse(p);
    return parsed.success ? parsed.data : p;
  });
  const sha256 = createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
  return withCaller(sql, who, async (tx) => {
    const registered = await registerErzImport(tx, {
      channel: who.channel,
      fileName: options.fileName ?? null,
      fileSize: null,
      sha256,
      blobKey: null,
      packageId: options.packageId ?? null,
      status: 'processing',
    });
    const id = registered.import.id;
    if (registered.duplicate) return duplicateResult(registered.import);
    const { counts } = await stageAndMerge(tx, id, itemsOf(persons), { ...options, okato: null });
    await finish(tx, id, counts, null, options.fileName ?? null);
    const result = await resultOf(tx, id, 'done', counts, {
      protocolLimit: Number.MAX_SAFE_INTEGER,
      ...options,
    });
    // Not a file run (`runFileImport` clears a file's staged rows after its commit): a SOAP package's few rows go
    // with its transaction.
    await clearStaging(tx, Object.values(stage), id);
    return result;
  });
}

/** Records as reader items: each checked against the canonical schema (a malformed one is `invalid`). */
async function* itemsOf(persons: readonly unknown[]): AsyncGenerator<ErzExtractItem> {
  let ordinal = 0;
  for (const input of persons) {
    ordinal++;
    const parsed = ErzPerson.safeParse(input);
    if (parsed.success) {
      yield { kind: 'record', ordinal, person: parsed.data };
      continue;
    }
    const raw = (input ?? {}) as { recordId?: unknown; enp?: unknown };
    yield {
      kind: 'invalid',
      ordinal,
      recordId: typeof raw.recordId === 'string' ? raw.recordId.slice(0, 64) : null,
      enp: typeof raw.enp === 'string' ? raw.enp : null,
      findings: parsed.error.issues.map((issue) => {
        // A date or a bounded integer (platform edge types) names its own F012 code, message and value.
        const edge = edgeIssueParams(issue);
        if (edge) {
          const rule = { '902': 'ERZ.XML.REQUIRED', '903': 'ERZ.XML.TYPE', '904': 'ERZ.XML.CODE' }[
            edge.flkCode
          ];
          return flkError(rule, edge.flkCode, issue.message, issue.path.join('.'), edge.value);
        }
        const missing = issue.code === 'invalid_type' && issue.input === undefined;
        return flkError(
          missing ? 'ERZ.XML.REQUIRED' : 'ERZ.XML.TYPE',
          missing ? '902' : '903',
          missing ? 'Отсутствует обязательное поле' : 'Неверный тип или формат значения',
          issue.path.join('.'),
        );
      }),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Journal transitions and results

async function finish(
  tx: Tx,
  id: number,
  counts: ErzImportCounts,
  header: ErzExtractHeader | null,
  fileName: string | null,
): Promise<void> {
  await erzImportJournal.finish(tx, id, { status: 'done', values: { counts, header } });
  await audit(tx, 'import', 'erz.extract', { records: [id] }, { ...counts, fileName });
}

async function reject(tx: Tx, id: number, issues: readonly FlkIssue[]): Promise<void> {
  await erzProtocol.recordPackageIssues(tx, id, issues);
  await erzImportJournal.finish(tx, id, { status: 'rejected' });
  const code = issues.find((i) => i.severity === 'error')?.code;
  await audit(tx, 'import', 'erz.extract', { records: [id] }, { status: 'rejected', code });
}

async function regionOkato(tx: Tx): Promise<string | null> {
  const [fund] = await tx<{ okato: string | null }[]>`
    select okato from org.organisation where kind = 'TFOMS' order by code limit 1`;
  return fund?.okato ?? null;
}

async function resultOf(
  tx: Tx,
  id: number,
  status: ErzImportResult['status'],
  counts: ErzImportCounts | null,
  options: ErzImportOptions,
): Promise<ErzImportResult> {
  const limit = Math.max(0, options.protocolLimit ?? 1000);
  const protocol = limit > 0 ? await readErzProtocol(tx, id, { page: 1, pageSize: limit }) : null;
  return {
    importId: id,
    status,
    duplicateOf: null,
    alreadyProcessed: false,
    counts,
    packageFindings: await erzProtocol.packageIssues(tx, id, 'error'),
    packageWarnings: await erzProtocol.packageIssues(tx, id, 'warning'),
    protocol: protocol?.items ?? [],
    protocolTruncated: protocol ? protocol.total > protocol.items.length : true,
  };
}

function duplicateResult(row: ErzImport): ErzImportResult {
  return {
    importId: row.id,
    status: 'duplicate',
    duplicateOf: row.duplicateOf,
    alreadyProcessed: false,
    counts: null,
    packageFindings: [],
    packageWarnings: [],
    protocol: [],
    protocolTruncated: false,
  };
}

async function finishedResult(
  sql: Sql,
  row: ErzImport,
  who: AccessContext,
  options: ErzImportOptions,
): Promise<ErzFileImportResult> {
  if (row.status === 'duplicate') return { ...duplicateResult(row), alreadyProcessed: true };
  // Failed for good (its file is gone from the inbox): reported, the message is not retried.
  if (row.status === 'failed') return { ...duplicateResult(row), status: 'failed', duplicateOf: null };
  if (row.status !== 'done' && row.status !== 'rejected') throw new Error(`ЕРЗ import is ${row.status}`);
  const status = row.status;
  const result = await withCaller(sql, who, (tx) => resultOf(tx, row.id, status, row.counts, options));
  return { ...result, alreadyProcessed: true };
}

// ---------------------------------------------------------------------------------------------------------
// Staging and merge

function stageRejected(
  batches: StagingBatches<StageKey>,
  id: number,
  ordinal: number,
  recordId: string | null,
  enp: string | null,
  findings: readonly FlkIssue[],
) {
  const key = enp !== null && /^\d{16}$/.test(enp) ? enp : null;
  batches.add('persons', [id, ordinal, recordId, false, key, ...new Array<null>(10).fill(null)]);
  batches.add('findings', ...issueRows(id, ordinal, recordId, findings));
}

function stageAccepted(
  batches: StagingBatches<StageKey>,
  id: number,
  ordinal: number,
  p: ErzPerson,
  check: ReturnType<typeof checkErzRecord>,
) {
  const current = check.documents[0];
  batches.add('persons', [
    id,
    ordinal,
    p.recordId,
    true,
    p.enp,
    check.snils,
    p.fam,
    p.im,
    p.ot,
    p.sex,
    p.birthDate,
    p.phone,
    current?.docType ?? null,
    current?.docSer ?? null,
    current?.docNum ?? null,
  ]);
  batches.add(
    'documents',
    ...check.documents.map((d, i) => [id, ordinal, i + 1, d.docType, d.docSer, d.docNum, d.docDate]),
  );
  batches.add(
    'policies',
    ...p.policies.map((x, i) => [
      id,
      ordinal,
      i + 1,
      x.policyType,
      x.series,
      x.number,
      x.smoCode,
      x.dateBeg,
      x.dateEnd,
      x.closeReason,
    ]),
  );
  batches.add(
    'attachments',
    ...p.attachments.map((a, i) => [
      id,
      ordinal,
      i + 1,
      a.moCode,
      a.districtCode,
      a.doctorSnils,
      a.dateBeg,
      a.dateEnd,
    ]),
  );
  batches.add('findings', ...issueRows(id, ordinal, p.recordId, check.findings));
}

async function loadRules(tx: Tx): Promise<ErzRuleBook> {
  const ids = Object.keys(configurableErzRules);
  const rows = await tx<FlkRule[]>`
    select id, f012_code as "f012Code", field, severity, message from flk.rule
    where id in ${tx(ids)} and date_beg <= current_date and (date_end is null or date_end >= current_date)`;
  return erzRuleBook(rows);
}

async function stageAndMerge(
  tx: Tx,
  id: number,
  items: AsyncIterable<ErzExtractItem>,
  options: ErzImportOptions & { okato: string | null },
): Promise<{ counts: ErzImportCounts; header: ErzExtractHeader | null }> {
  const phase = phaseTimer(options.onPhase);
  const rules = await loadRules(tx);
  const today = options.today ?? todayInRussia();
  const batches = new StagingBatches(tx, stage, { batchSize: options.batchSize ?? 5000 });
  let header: ErzExtractHeader | null = null;
  const started = performance.now();
  await stageAll(batches, items, (item) => {
    if (item.kind === 'header') {
      if (options.okato && item.header.okato !== options.okato) {
        throw erzPackageRefusal(
          '904',
          `Код ОКАТО ${item.header.okato} не совпадает с кодом региона ${options.okato}`,
          'ZGLV.OKATO',
          item.header.okato,
          'ERZ.PACKAGE.OKATO',
        );
      }
      header = item.header;
      return false;
    }
    if (item.kind === 'invalid') {
      stageRejected(batches, id, item.ordinal, item.recordId, item.enp, item.findings);
      return true;
    }
    const check = checkErzRecord(item.person, rules, today);
    if (check.rejected) {
      stageRejected(batches, id, item.ordinal, item.person.recordId, item.person.enp, check.findings);
    } else stageAccepted(batches, id, item.ordinal, item.person, check);
    return true;
  });
  options.onPhase?.('read, check and copy to staging', performance.now() - started);
  const checks = setChecks(tx, {
    protocol: 'ops.erz_import_error',
    records: 'ops.erz_stage_person',
    importId: id,
  });
  await checks.moveStagedIssues(stage.findings.table);
  await tx`select pg_advisory_xact_lock(${mergeLock})`;
  // The merge sorts and hashes whole files: let it do so in memory (transaction-local setting).
  await tx`select set_config('work_mem', '64MB', true)`;
  await phase('checks against the register', checkAgainstRegister(tx, id, rules, checks));
  // One audit entry for the whole merge (migration 009), naming every person it created or changed.
  await tx`select set_config('omslink.audit_bulk', 'on', true)`;
  await merge(tx, id, phase);
  await tx`select set_config('omslink.audit_bulk', '', true)`;
  const [touched] = await tx<{ created: string[]; updated: string[] }[]>`
    select coalesce(array_agg(person_id::text) filter (where ok and created), '{}') as created,
           coalesce(array_agg(person_id::text) filter (where ok and not created and (person_changed
             or documents_changed or policies_changed or attachments_changed)), '{}') as updated
    from ops.erz_stage_person where import_id = ${id}`;
  if (touched!.created.length > 0) {
    await audit(
      tx,
      'create',
      'person.register',
      { records: [id], persons: touched!.created },
      { importId: id },
    );
  }
  if (touched!.updated.length > 0) {
    await audit(
      tx,
      'update',
      'person.register',
      { records: [id], persons: touched!.updated },
      { importId: id },
    );
  }
  const counting = performance.now();
  const [counts] = await tx<ErzImportCounts[]>`
    select count(*)::int as total,
           (count(*) filter (where ok))::int as accepted,
           (count(*) filter (where not ok))::int as rejected,
           (count(*) filter (where ok and created))::int as created,
           (count(*) filter (where ok and not created and (person_changed or documents_changed or policies_changed
                                                            or attachments_changed)))::int as updated,
           (count(*) filter (where ok and not created and not (person_changed or documents_changed
                                                                or policies_changed or attachments_changed)))::int
             as unchanged,
           (count(*) filter (where ok and exists (
             select 1 from ops.erz_import_error e
             where e.import_id = s.import_id and e.ordinal = s.ordinal and e.severity = 'warning')))::int as warnings
    from ops.erz_stage_person s where s.import_id = ${id}`;
  options.onPhase?.('counts', performance.now() - counting);
  return { counts: counts!, header };
}

/** Set-based FLK that needs the whole file or the register; rejections mark the staged record `ok = false`. */
async function checkAgainstRegister(
  tx: Tx,
  id: number,
  rules: ErzRuleBook,
  checks: ReturnType<typeof setChecks>,
): Promise<void> {
  const fixed = (rule: keyof typeof fixedErzRules, source: Parameters<typeof checks.fixed>[2]) =>
    checks.fixed(rule, fixedErzRules[rule], source);

  // ЕНП repeated in the file: every record with it is rejected (which one is right cannot be told).
  await fixed(
    'ERZ.ENP.DUPLICATE',
    tx`
      select s.ordinal, s.record_id, 'ENP' as field, s.enp::text as value
      from ops.erz_stage_person s
      where s.import_id = ${id} and s.enp in (
        select enp from ops.erz_stage_person where import_id = ${id} and enp is not null
        group by enp having count(*) > 1)`,
  );
  await fixed(
    'ERZ.SMO.UNKNOWN',
    tx`
      select p.ordinal, s.record_id, 'POLIS[' || p.seq || '].SMO' as field, p.smo_code as value
      from ops.erz_stage_policy p
      join ops.erz_stage_person s on s.import_id = p.import_id and s.ordinal = p.ordinal
      where p.import_id = ${id} and s.ok and not exists (
        select 1 from org.organisation o where o.code = p.smo_code and o.kind = 'SMO')`,
  );
  await fixed(
    'ERZ.DISTRICT.UNKNOWN',
    tx`
      select a.ordinal, s.record_id, 'PRIK[' || a.seq || '].UCH' as field,
             a.mo_code || '/' || a.district_code as value
      from ops.erz_stage_attachment a
      join ops.erz_stage_person s on s.import_id = a.import_id and s.ordinal = a.ordinal
      where a.import_id = ${id} and s.ok and not exists (
        select 1 from org.district d where d.mo_code = a.mo_code and d.code = a.district_code)`,
  );
  await checks.configured(
    rules['ERZ.DOC.TYPE'],
    tx`
      select d.ordinal, s.record_id, 'DOC[' || d.seq || '].DOCTYPE' as field, d.doc_type::text as value
      from ops.erz_stage_document d
      join ops.erz_stage_person s on s.import_id = d.import_id and s.ordinal = d.ordinal
      where d.import_id = ${id} and s.ok and d.doc_type::text not in (
        select code from nsi.record where directory_code = 'F011')`,
  );
  await checks.markRejected();

  // СНИЛС is unique in the register: the same СНИЛС twice in the file, or held by a person the file does not
  // move it away from. A rule below error keeps the record without its СНИЛС.
  const snilsRules = [
    {
      rule: rules['ERZ.SNILS.DUPLICATE'],
      source: tx`
        select s.ordinal, s.record_id, 'SNILS' as field, s.snils::text as value
        from ops.erz_stage_person s
        where s.import_id = ${id} and s.ok and s.snils in (
          select snils from ops.erz_stage_person where import_id = ${id} and ok and snils is not null
          group by snils having count(*) > 1)`,
    },
    {
      rule: rules['ERZ.SNILS.TAKEN'],
      source: tx`
        select s.ordinal, s.record_id, 'SNILS' as field, s.snils::text as value
        from ops.erz_stage_person s
        join person.person p on p.snils = s.snils and p.enp <> s.enp
        where s.import_id = ${id} and s.ok and not exists (
          select 1 from ops.erz_stage_person t
          where t.import_id = ${id} and t.ok and t.enp = p.enp and t.snils is distinct from p.snils)`,
    },
  ];
  for (const { rule, source } of snilsRules) {
    await checks.configured(rule, source);
    if (rule.severity === 'error') await checks.markRejected();
    else {
      await tx`
        update ops.erz_stage_person s set snils = null
        from (${source}) f where s.import_id = ${id} and s.ordinal = f.ordinal`;
    }
  }
}

/**
 * Makes the register say what the file says about its accepted persons (`stagedMerge`): persons matched by
 * ЕНП, new ones inserted (ids from the identity sequence), a registered person's demographics updated and each
 * of their histories replaced, only where the file differs. `erz_updated_at` marks the persons the ЕРЗ changed.
 * Imports merge one at a time (advisory lock).
 */
async function merge(tx: Tx, id: number, phase: Phase): Promise<void> {
  const lists = Object.values(histories);
  const m = stagedMerge(tx, stagedPersons, lists, id);
  // A СНИЛС moving between two persons of the file: free it first (the unique constraint is not deferrable).
  await phase(
    'merge: free moved СНИЛС',
    tx`
      update person.person p set snils = null
      from ops.erz_stage_person s
      where s.import_id = ${id} and s.ok and s.enp = p.enp and p.snils is not null
        and p.snils is distinct from s.snils
        and exists (select 1 from ops.erz_stage_person t
                    where t.import_id = ${id} and t.ok and t.snils = p.snils and t.enp <> p.enp)`,
  );
  await phase('merge: compare persons', m.compareParents());
  for (const h of lists) await phase(`merge: compare ${h.name}`, m.compareChildren(h));
  await phase('merge: update persons', m.updateParents());
  await phase('merge: insert persons', m.insertParents());
  for (const h of lists) {
    await phase(`merge: replace ${h.name}`, m.deleteChildren(h));
    await phase(`merge: insert ${h.name}`, m.insertChildren(h));
  }
}
