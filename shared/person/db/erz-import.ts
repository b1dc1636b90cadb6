import { createHash } from 'node:crypto';
import type { PendingQuery, Row } from 'postgres';
import { type AccessContext, audit, withCaller } from '../../platform/access/scoped';
import type { Sql, Tx } from '../../platform/db/connection';
import { type CopyValue, copyRows } from '../../platform/db/copy';
import {
  checkErzRecord,
  configurableErzRules,
  type ErzFinding,
  type ErzRuleBook,
  erzRuleBook,
  type FlkRule,
  fixedErzRules,
  todayInRussia,
} from '../domain/erz-flk';
import { ErzPerson } from '../domain/erz-person';
import {
  type ErzExtractHeader,
  type ErzExtractItem,
  ErzPackageError,
  type ErzReadOptions,
  packageError,
  readErzExtract,
} from '../formats/erz-extract-reader';
import {
  type ErzImport,
  type ErzImportCounts,
  type ErzProtocolRecord,
  findErzImport,
  markErzImportFailed,
  readErzPackageFindings,
  readErzProtocol,
  registerErzImport,
} from './erz-import-journal';

/**
 * Imports ЕРЗ extracts into the register (docs/formats/erz-extract.md). Records stream from the reader through
 * the record-level FLK into unlogged staging tables with COPY, in batches; then, in the same transaction and
 * under one register-wide lock, set-based checks (ЕНП repeated in the file, СНИЛС of another person, СМО,
 * district and document type known) and the merge: persons upserted by ЕНП, their documents, policies and
 * attachments replaced. Rejected records store nothing. The protocol goes to `ops.erz_import_error`.
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
  packageFindings: ErzFinding[];
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
  onPhase?: (phase: string, ms: number) => void;
}

type Phase = <T>(name: string, work: Promise<T>) => Promise<T>;

function phaseTimer(options: ErzImportOptions): Phase {
  return async (name, work) => {
    const started = performance.now();
    const result = await work;
    options.onPhase?.(name, performance.now() - started);
    return result;
  };
}

/** The import named by a queue message does not exist (or is not visible to its uploader). */
export class ErzImportNotFoundError extends Error {
  constructor() {
    super('ЕРЗ import not found');
    this.name = 'ErzImportNotFoundError';
  }
}

/** The message's requester is not the import's uploader. */
export class ErzImportOwnerError extends Error {
  constructor() {
    super('The ЕРЗ import was uploaded by another account');
    this.name = 'ErzImportOwnerError';
  }
}

type Fragment = PendingQuery<Row[]>;

const stageTables = [
  'erz_stage_document',
  'erz_stage_policy',
  'erz_stage_attachment',
  'erz_stage_finding',
  'erz_stage_person',
] as const;

const mergeLock = 727010;
const importLock = 727011;

type ByteSource = AsyncIterable<Uint8Array> | (() => Promise<AsyncIterable<Uint8Array>>);

/**
 * (a) Imports an uploaded extract file registered in the journal (the queue consumer's entry). Safe to call
 * again for the same import: a finished import is reported, not applied again; concurrent calls serialise on
 * the import. A file that cannot be read as an extract ends `rejected` with package findings; a technical
 * failure marks the import `failed` and is rethrown (the queue retries).
 */
export async function importErzExtract(
  sql: Sql,
  source: ByteSource,
  importId: number,
  who: AccessContext,
  options: ErzImportOptions = {},
): Promise<ErzImportResult> {
  const claimed = await withCaller(sql, who, (tx) => claim(tx, importId, who));
  if (claimed.finished) return finishedResult(sql, claimed.finished, who, options);
  try {
    return await withCaller(sql, who, async (tx) => {
      await tx`select pg_advisory_xact_lock(${importLock}, ${importId})`;
      const current = await findErzImport(tx, importId);
      if (current?.status !== 'processing') return { result: null, current };
      const bytes = typeof source === 'function' ? await source() : source;
      const okato = await regionOkato(tx);
      const { counts, header } = await stageAndMerge(tx, importId, readErzExtract(bytes, options.read), {
        ...options,
        okato,
      });
      await finish(tx, importId, counts, header, current.fileName);
      return { result: await resultOf(tx, importId, 'done', counts, options), current };
    }).then(async ({ result, current }) => result ?? finishedResult(sql, current!, who, options));
  } catch (error) {
    if (error instanceof ErzPackageError) {
      return withCaller(sql, who, async (tx) => {
        await reject(tx, importId, error.findings);
        return resultOf(tx, importId, 'rejected', null, options);
      });
    }
    await withCaller(sql, who, (tx) => markErzImportFailed(tx, importId, (error as Error).name)).catch(
      () => {},
    );
    throw error;
  }
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
    return resultOf(tx, id, 'done', counts, { protocolLimit: Number.MAX_SAFE_INTEGER, ...options });
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
        const missing = issue.code === 'invalid_type' && issue.input === undefined;
        return {
          severity: 'error' as const,
          code: missing ? '902' : '903',
          rule: missing ? 'ERZ.XML.REQUIRED' : 'ERZ.XML.TYPE',
          field: issue.path.join('.'),
          value: null,
          message: missing ? 'Отсутствует обязательное поле' : 'Неверный тип или формат значения',
        };
      }),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Journal transitions

async function claim(tx: Tx, id: number, who: AccessContext): Promise<{ finished: ErzImport | null }> {
  const [row] = await tx<{ status: string; uploaded_by: string; role: string; org_code: string }[]>`
    select status, uploaded_by, role, org_code from ops.erz_import where id = ${id} for update`;
  if (!row) throw new ErzImportNotFoundError();
  if (row.uploaded_by !== who.username || row.role !== who.role || row.org_code !== who.orgCode) {
    throw new ErzImportOwnerError();
  }
  if (row.status === 'done' || row.status === 'rejected' || row.status === 'duplicate') {
    return { finished: await findErzImport(tx, id) };
  }
  // A failed import retried after the same file was uploaded again: that upload carries it now.
  const [live] = await tx<{ id: string }[]>`
    select other.id from ops.erz_import mine
    join ops.erz_import other on other.file_sha256 = mine.file_sha256 and other.id <> mine.id
    where mine.id = ${id} and other.status in ('queued', 'processing', 'done')`;
  if (live) {
    await tx`
      update ops.erz_import set status = 'duplicate', duplicate_of = ${live.id}, finished_at = now()
      where id = ${id}`;
    return { finished: await findErzImport(tx, id) };
  }
  await tx`
    update ops.erz_import
    set status = 'processing', started_at = now(), finished_at = null, error = null, attempts = attempts + 1
    where id = ${id}`;
  return { finished: null };
}

async function finish(
  tx: Tx,
  id: number,
  counts: ErzImportCounts,
  header: ErzExtractHeader | null,
  fileName: string | null,
): Promise<void> {
  await tx`
    update ops.erz_import
    set status = 'done', finished_at = now(), counts = ${tx.json(counts as never)},
        header = ${header ? tx.json(header as never) : null}
    where id = ${id}`;
  await audit(tx, 'import', 'erz.extract', { records: [id] }, { ...counts, fileName });
}

async function reject(tx: Tx, id: number, findings: ErzFinding[]): Promise<void> {
  const rows = findings.map((f, seq) => ({ import_id: id, ordinal: 0, seq, ...f }));
  await tx`
    insert into ops.erz_import_error
    ${tx(rows, 'import_id', 'ordinal', 'seq', 'severity', 'code', 'rule', 'field', 'value', 'message')}`;
  await tx`
    update ops.erz_import set status = 'rejected', finished_at = now() where id = ${id}`;
  await audit(
    tx,
    'import',
    'erz.extract',
    { records: [id] },
    { status: 'rejected', code: findings[0]?.code },
  );
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
    packageFindings: await readErzPackageFindings(tx, id),
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
    protocol: [],
    protocolTruncated: false,
  };
}

async function finishedResult(
  sql: Sql,
  row: ErzImport,
  who: AccessContext,
  options: ErzImportOptions,
): Promise<ErzImportResult> {
  if (row.status === 'duplicate') return { ...duplicateResult(row), alreadyProcessed: true };
  if (row.status !== 'done' && row.status !== 'rejected') throw new Error(`ЕРЗ import is ${row.status}`);
  const status = row.status;
  const result = await withCaller(sql, who, (tx) => resultOf(tx, row.id, status, row.counts, options));
  return { ...result, alreadyProcessed: true };
}

// ---------------------------------------------------------------------------------------------------------
// Staging and merge

const findingColumns = [
  'import_id',
  'ordinal',
  'seq',
  'record_id',
  'severity',
  'code',
  'rule',
  'field',
  'value',
  'message',
] as const;

function findingRows(id: number, ordinal: number, recordId: string | null, findings: readonly ErzFinding[]) {
  return findings.map((f, i) => [
    id,
    ordinal,
    i,
    recordId,
    f.severity,
    f.code,
    f.rule,
    f.field,
    f.value,
    f.message,
  ]);
}

class StageBatch {
  persons: CopyValue[][] = [];
  documents: CopyValue[][] = [];
  policies: CopyValue[][] = [];
  attachments: CopyValue[][] = [];
  findings: CopyValue[][] = [];

  constructor(private readonly id: number) {}

  get size(): number {
    return this.persons.length;
  }

  rejected(ordinal: number, recordId: string | null, enp: string | null, findings: readonly ErzFinding[]) {
    const key = enp !== null && /^\d{16}$/.test(enp) ? enp : null;
    this.persons.push([this.id, ordinal, recordId, false, key, ...new Array<null>(10).fill(null)]);
    this.findings.push(...findingRows(this.id, ordinal, recordId, findings));
  }

  accepted(
    ordinal: number,
    p: ErzPerson,
    snils: string | null,
    documents: ErzPerson['documents'],
    findings: readonly ErzFinding[],
  ) {
    const id = this.id;
    const current = documents[0];
    this.persons.push([
      id,
      ordinal,
      p.recordId,
      true,
      p.enp,
      snils,
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
    documents.forEach((d, i) => {
      this.documents.push([id, ordinal, i + 1, d.docType, d.docSer, d.docNum, d.docDate]);
    });
    p.policies.forEach((x, i) => {
      this.policies.push([
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
      ]);
    });
    p.attachments.forEach((a, i) => {
      this.attachments.push([
        id,
        ordinal,
        i + 1,
        a.moCode,
        a.districtCode,
        a.doctorSnils,
        a.dateBeg,
        a.dateEnd,
      ]);
    });
    this.findings.push(...findingRows(id, ordinal, p.recordId, findings));
  }

  /** Hands over the rows gathered so far and starts a new batch. */
  take(): StagedRows {
    const rows = {
      persons: this.persons,
      documents: this.documents,
      policies: this.policies,
      attachments: this.attachments,
      findings: this.findings,
    };
    this.persons = [];
    this.documents = [];
    this.policies = [];
    this.attachments = [];
    this.findings = [];
    return rows;
  }
}

type StagedRows = Pick<StageBatch, 'persons' | 'documents' | 'policies' | 'attachments' | 'findings'>;

const stageColumns = {
  persons: {
    table: 'ops.erz_stage_person',
    columns: [
      'import_id',
      'ordinal',
      'record_id',
      'ok',
      'enp',
      'snils',
      'fam',
      'im',
      'ot',
      'sex',
      'birth_date',
      'phone',
      'doc_type',
      'doc_ser',
      'doc_num',
    ],
  },
  documents: {
    table: 'ops.erz_stage_document',
    columns: ['import_id', 'ordinal', 'seq', 'doc_type', 'doc_ser', 'doc_num', 'doc_date'],
  },
  policies: {
    table: 'ops.erz_stage_policy',
    columns: [
      'import_id',
      'ordinal',
      'seq',
      'policy_type',
      'series',
      'number',
      'smo_code',
      'date_beg',
      'date_end',
      'close_reason',
    ],
  },
  attachments: {
    table: 'ops.erz_stage_attachment',
    columns: [
      'import_id',
      'ordinal',
      'seq',
      'mo_code',
      'district_code',
      'doctor_snils',
      'date_beg',
      'date_end',
    ],
  },
  findings: { table: 'ops.erz_stage_finding', columns: findingColumns },
} as const;

async function copyBatch(tx: Tx, rows: StagedRows): Promise<void> {
  for (const key of ['persons', 'documents', 'policies', 'attachments', 'findings'] as const) {
    if (rows[key].length) await copyRows(tx, stageColumns[key].table, stageColumns[key].columns, rows[key]);
  }
}

async function loadRules(tx: Tx): Promise<ErzRuleBook> {
  const ids = Object.keys(configurableErzRules);
  const rows = await tx<FlkRule[]>`
    select id, f012_code as code, severity, message from flk.rule
    where id in ${tx(ids)} and date_beg <= current_date and (date_end is null or date_end >= current_date)`;
  return erzRuleBook(rows);
}

async function stageAndMerge(
  tx: Tx,
  id: number,
  items: AsyncIterable<ErzExtractItem>,
  options: ErzImportOptions & { okato: string | null },
): Promise<{ counts: ErzImportCounts; header: ErzExtractHeader | null }> {
  const phase = phaseTimer(options);
  const rules = await loadRules(tx);
  const today = options.today ?? todayInRussia();
  const batchSize = options.batchSize ?? 5000;
  const batch = new StageBatch(id);
  let header: ErzExtractHeader | null = null;
  const started = performance.now();
  // COPY of one batch runs while the next is read (PostgreSQL and the parser use different cores); at most
  // one batch waits, so memory stays bounded.
  let pending: Promise<void> = Promise.resolve();
  const flush = () => {
    const rows = batch.take();
    pending = pending.then(() => copyBatch(tx, rows));
    pending.catch(() => {});
  };
  try {
    for await (const item of items) {
      if (item.kind === 'header') {
        if (options.okato && item.header.okato !== options.okato) {
          throw packageError(
            '904',
            `Код ОКАТО ${item.header.okato} не совпадает с кодом региона ${options.okato}`,
            'ZGLV.OKATO',
            item.header.okato,
            'ERZ.PACKAGE.OKATO',
          );
        }
        header = item.header;
        continue;
      }
      if (item.kind === 'invalid') batch.rejected(item.ordinal, item.recordId, item.enp, item.findings);
      else {
        const check = checkErzRecord(item.person, rules, today);
        if (check.rejected)
          batch.rejected(item.ordinal, item.person.recordId, item.person.enp, check.findings);
        else batch.accepted(item.ordinal, item.person, check.snils, check.documents, check.findings);
      }
      if (batch.size >= batchSize) {
        await pending;
        flush();
      }
    }
    flush();
    await pending;
  } catch (error) {
    await pending.catch(() => {});
    throw error;
  }
  options.onPhase?.('read, check and copy to staging', performance.now() - started);
  // The protocol table has row-level security, so COPY cannot fill it: the findings move in one statement.
  await tx`
    insert into ops.erz_import_error select * from ops.erz_stage_finding where import_id = ${id}`;
  await tx`select pg_advisory_xact_lock(${mergeLock})`;
  // The merge sorts and hashes whole files: let it do so in memory (transaction-local setting).
  await tx`select set_config('work_mem', '64MB', true)`;
  await phase('checks against the register', checkAgainstRegister(tx, id, rules));
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
  for (const table of stageTables) await tx`delete from ${tx(`ops.${table}`)} where import_id = ${id}`;
  options.onPhase?.('counts and clean-up', performance.now() - counting);
  return { counts: counts!, header };
}

/** Set-based FLK that needs the whole file or the register; rejections mark the staged record `ok = false`. */
async function checkAgainstRegister(tx: Tx, id: number, rules: ErzRuleBook): Promise<void> {
  const insertFindings = (
    severity: string,
    code: string,
    rule: string,
    message: string,
    source: Fragment,
  ) => tx`
    insert into ops.erz_import_error (import_id, ordinal, seq, record_id, severity, code, rule, field, value, message)
    select ${id}, f.ordinal, 100 + row_number() over (partition by f.ordinal order by f.field), f.record_id,
           ${severity}, ${code}, ${rule}, f.field, f.value, ${message}
    from (${source}) f`;
  const fixed = (rule: keyof typeof fixedErzRules, source: Fragment) =>
    insertFindings('error', fixedErzRules[rule].code, rule, fixedErzRules[rule].message, source);
  const configurable = async (rule: FlkRule, source: Fragment) => {
    if (rule.severity !== 'off')
      await insertFindings(rule.severity, rule.code, rule.id, rule.message, source);
  };
  const markRejected = () => tx`
    update ops.erz_stage_person s set ok = false
    where s.import_id = ${id} and s.ok and exists (
      select 1 from ops.erz_import_error e
      where e.import_id = ${id} and e.ordinal = s.ordinal and e.severity = 'error')`;

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
  await configurable(
    rules['ERZ.DOC.TYPE'],
    tx`
      select d.ordinal, s.record_id, 'DOC[' || d.seq || '].DOCTYPE' as field, d.doc_type::text as value
      from ops.erz_stage_document d
      join ops.erz_stage_person s on s.import_id = d.import_id and s.ordinal = d.ordinal
      where d.import_id = ${id} and s.ok and d.doc_type::text not in (
        select code from nsi.record where directory_code = 'F011')`,
  );
  await markRejected();

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
    if (rule.severity === 'error') {
      await configurable(rule, source);
      await markRejected();
    } else {
      await configurable(rule, source);
      await tx`
        update ops.erz_stage_person s set snils = null
        from (${source}) f where s.import_id = ${id} and s.ordinal = f.ordinal`;
    }
  }
}

/**
 * What each history holds, in the register and in the file (the same columns, for comparison and insert).
 * `person_id` of the file's rows comes from the staged person.
 */
const histories = [
  {
    name: 'documents',
    table: 'person.document',
    stage: 'ops.erz_stage_document',
    flag: 'documents_changed',
    columns: ['doc_type', 'doc_ser', 'doc_num', 'doc_date'],
  },
  {
    name: 'policies',
    table: 'person.policy',
    stage: 'ops.erz_stage_policy',
    flag: 'policies_changed',
    columns: ['policy_type', 'series', 'number', 'smo_code', 'date_beg', 'date_end', 'close_reason'],
  },
  {
    name: 'attachments',
    table: 'person.attachment',
    stage: 'ops.erz_stage_attachment',
    flag: 'attachments_changed',
    columns: ['mo_code', 'district_code', 'doctor_snils', 'date_beg', 'date_end'],
  },
] as const;

const personColumns = [
  'snils',
  'fam',
  'im',
  'ot',
  'sex',
  'birth_date',
  'doc_type',
  'doc_ser',
  'doc_num',
  'phone',
] as const;

/**
 * Makes the register say what the file says about its accepted persons: new persons are inserted (ids from
 * the identity sequence); a registered person's demographics are updated and each of their histories
 * (documents, policies, attachments) is replaced, but only where the file differs from the register — an
 * extract mostly confirms what is known, and rewriting it would cost index, foreign-key and audit work for
 * nothing. `erz_updated_at` marks the persons the ЕРЗ changed.
 */
async function merge(tx: Tx, id: number, phase: Phase): Promise<void> {
  const columns = (prefix: string, names: readonly string[]) =>
    tx.unsafe(names.map((c) => `${prefix}.${c}`).join(', '));
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
  await phase(
    'merge: compare persons',
    tx`
      update ops.erz_stage_person s
      set person_id = p.id,
          person_changed = (${columns('p', personColumns)}) is distinct from (${columns('s', personColumns)})
      from person.person p
      where s.import_id = ${id} and s.ok and p.enp = s.enp`,
  );
  for (const h of histories) {
    // Multisets of rows per person: any row in one and not in the other marks the person's history changed.
    await phase(
      `merge: compare ${h.name}`,
      tx`
        with file as (
          select s.person_id, ${columns('f', h.columns)}
          from ${tx(h.stage)} f
          join ops.erz_stage_person s on s.import_id = f.import_id and s.ordinal = f.ordinal
          where f.import_id = ${id} and s.ok and s.person_id is not null
        ), register as (
          select r.person_id, ${columns('r', h.columns)}
          from ${tx(h.table)} r
          join ops.erz_stage_person s on s.person_id = r.person_id
          where s.import_id = ${id} and s.ok
        ), changed as (
          select person_id from (select * from file except all select * from register) a
          union
          select person_id from (select * from register except all select * from file) b
        )
        update ops.erz_stage_person s set ${tx(h.flag)} = true
        from changed c where s.import_id = ${id} and s.ok and s.person_id = c.person_id`,
    );
  }
  // Registered persons the file changes (in any way: their row records when the ЕРЗ last changed them).
  await phase(
    'merge: update persons',
    tx`
      update person.person p
      set ${tx.unsafe(personColumns.map((c) => `${c} = s.${c}`).join(', '))}, erz_updated_at = now()
      from ops.erz_stage_person s
      where s.import_id = ${id} and s.ok and s.person_id = p.id
        and (s.person_changed or s.documents_changed or s.policies_changed or s.attachments_changed)`,
  );
  // New persons. Imports merge one at a time (advisory lock), so a plain INSERT suffices; should another
  // writer register the same ЕНП meanwhile, the unique index fails the import and the retry updates.
  await phase(
    'merge: insert persons',
    tx`
      with added as (
        insert into person.person (enp, ${tx.unsafe(personColumns.join(', '))}, erz_updated_at)
        select enp, ${tx.unsafe(personColumns.join(', '))}, now()
        from ops.erz_stage_person where import_id = ${id} and ok and person_id is null
        order by ordinal
        returning id, enp
      )
      update ops.erz_stage_person s set person_id = added.id, created = true
      from added where s.import_id = ${id} and s.ok and s.enp = added.enp`,
  );
  for (const h of histories) {
    await phase(
      `merge: replace ${h.name}`,
      tx`
        delete from ${tx(h.table)} t using ops.erz_stage_person s
        where s.import_id = ${id} and s.ok and not s.created and ${tx.unsafe(`s.${h.flag}`)} and t.person_id = s.person_id`,
    );
    await phase(
      `merge: insert ${h.name}`,
      tx`
        insert into ${tx(h.table)} (person_id, ${tx.unsafe(h.columns.join(', '))})
        select s.person_id, ${columns('f', h.columns)}
        from ${tx(h.stage)} f
        join ops.erz_stage_person s on s.import_id = f.import_id and s.ordinal = f.ordinal
        where f.import_id = ${id} and s.ok and (s.created or ${tx.unsafe(`s.${h.flag}`)})
        order by f.ordinal, f.seq`,
    );
  }
}
