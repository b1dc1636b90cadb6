import type { ZodType } from 'zod';
import { can, type Permission } from '../access/permissions';
import { type AccessContext, withCaller } from '../access/scoped';
import type { Sql, Tx } from '../db/connection';
import { dbIssue, duplicateIssue } from '../db/db-errors';
import { type FlkIssue, type FlkRuleSet, hasErrors } from '../flk/issue';
import { Refusal } from '../flk/refusal';
import { schemaIssues } from '../flk/schema-issues';
import { validFields } from '../flk/valid-fields';
import { type GroupLimits, PackageGroups } from './package-groups';
import { parsePackageHeader } from './package-header';
import {
  type PackageProtocol,
  packageStatus,
  type RecordProtocol,
  RejectedByChannel,
  ValidatedRecord,
} from './protocol';

/** What one package's checks and writes share (an area extends it with its cached reference data). */
export interface ExchangeContext {
  tx: Tx;
  rules: FlkRuleSet;
}

/** One record's FLK: its issues, the facts its write needs, and the persons whose data the check read. */
export interface CheckedRecord<F> {
  issues: FlkIssue[];
  facts: F;
  persons?: readonly string[];
}

/**
 * What a write did: per record its stored id, or null when a unique key it needs was taken meanwhile by a
 * concurrent package (nothing of it was written); and the other records and persons each record changed (a
 * referral's waiting stays, the referral an admission admits), for its package's audit entry.
 */
export interface WriteResult {
  ids: (string | null)[];
  /** What else the write changed, by the index of the item that changed it. */
  also?: readonly { item: number; record?: string; person?: string }[];
}

/** A record to write: its package's journal row id is the stored record's `package_ref`. */
export interface WriteItem<R, F> {
  record: R;
  facts: F;
  /** Null for records an area derives outside any package (prevention: steps from registry D-files). */
  packageRef: string | null;
}

/**
 * How one message kind is checked (beyond its schema) and written — a set of records at a time, so that a package
 * costs a few statements whatever its size: its look-ups at once, then pure rules per record; its writes at once.
 */
export interface KindHandler<C extends ExchangeContext, R, F> {
  schema: ZodType<R>;
  /** The permission a sender needs for this kind. */
  permission: Permission;
  /**
   * What a record shares with other records of the package whose write its check must see (its source id, the
   * referral number it takes or names, the stay it changes). Records sharing a key are checked and written one
   * after another in package order; the rest of the package together.
   */
  keys(record: R): readonly string[];
  /** FLK of records against directories, organisations, the register and earlier records; answers in order. */
  check(ctx: C, who: AccessContext, records: readonly R[]): Promise<CheckedRecord<F>[]>;
  /** Idempotent upserts of accepted records (keyed by sender + source id), all at once. */
  write(ctx: C, who: AccessContext, items: readonly WriteItem<R, F>[]): Promise<WriteResult>;
  /**
   * The record lost a race for a unique key to a concurrent package (its key taken on write, again after the
   * record was checked and written once more): the issues to reject it with. Without it the record is rejected
   * with DB.DUPLICATE (905).
   */
  onUniqueViolation?(ctx: C): FlkIssue[];
  /**
   * FLK of records that failed their schema, over the fields that passed it (`validFields`): the issues to add
   * to each, in order. With it a sender learns every mistake of a record at once — not the format first and the
   * dates, identifiers and codes only on the next attempt.
   */
  checkFields?(ctx: C, who: AccessContext, records: readonly Partial<R>[]): Promise<FlkIssue[][]>;
}

export interface ExchangeDefinition<K extends string, C extends ExchangeContext> {
  /**
   * The area's package journal, e.g. `hosp.package`, with the columns (id, package_id, sender_code, kind,
   * channel, username, status, total, accepted, rejected, protocol) and a unique key (sender_code, kind,
   * package_id); docs/adding-an-area.md gives its DDL.
   */
  packageTable: string;
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own record and facts types
  kinds: Record<K, KindHandler<C, any, any>>;
  openContext(tx: Tx): Promise<C>;
  maxRecords: number;
}

export interface ProcessOptions {
  /**
   * Process record by record from the start, each write in its own savepoint — the path a package takes when an
   * optimistic write fails. Tests use it to prove both paths answer the same protocol.
   */
  careful?: boolean;
}

export type PackageProcessor<K extends string> = (
  sql: Sql,
  who: AccessContext,
  kind: K,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessOptions,
) => Promise<PackageProtocol<K>>;

/** A record of a package that passed its schema; `pkg` is its package's place in the transaction's group. */
interface Parsed<R> {
  pkg: number;
  ordinal: number;
  sourceId: string | null;
  record: R;
}

/**
 * A write of the optimistic path failed on caller data (or a lost race on a key it does not guard): the
 * transaction is aborted, its packages are to be processed again carefully in a new one.
 */
export class OptimisticWriteFailed extends Error {
  constructor(readonly error: unknown) {
    super('optimistic write failed');
  }
}

/**
 * The one package processor of every channel (SOAP, REST, files, UI): the header is checked the same way
 * everywhere; the sender must be the caller's organisation and entitled to the kind; each record goes through
 * its schema and FLK; valid records are written (idempotently, by sender + source id) and rejected ones store
 * nothing; the package and its protocol are kept, so the same package id again answers the stored protocol as a
 * duplicate.
 *
 * Statements, whatever the package's size: the journal row (a concurrent copy of the same package id waits for
 * it and answers duplicate), the kind's look-ups, its write, and the protocol with one audit entry naming every
 * record and person the package touched (the area's per-statement audit triggers stay quiet meanwhile:
 * `omslink.audit_bulk`). Records that share a key with an earlier record of the package (`keys`) take another
 * round of look-ups and write. The writes go first optimistically, all at once and without savepoints; when one
 * fails on data the checks did not foresee, the package is processed again from the start record by record,
 * each write in its own savepoint, so a bad record never half-writes and the rest of the package goes on.
 *
 * Small packages of one caller that arrive while the caller's transactions are busy share the next one
 * (`PackageGroups`): the same statements carry all of them, each keeping its journal row, protocol and audit entry.
 */
export function packageProcessor<K extends string, C extends ExchangeContext>(
  def: ExchangeDefinition<K, C>,
  limits: GroupLimits = defaultGroupLimits,
): PackageProcessor<K> {
  const run = async (sql: Sql, group: readonly PreparedPackage<K, C>[], careful: boolean) =>
    withCaller(sql, group[0]!.who, (tx) => processGroupIn(tx, def, group, careful));
  const runOptimistic = async (sql: Sql, group: readonly PreparedPackage<K, C>[]) => {
    try {
      return await run(sql, group, false);
    } catch (error) {
      if (!(error instanceof OptimisticWriteFailed)) throw error;
      return run(sql, group, true);
    }
  };
  const groups = new PackageGroups<PreparedPackage<K, C>, PackageProtocol<K>>(limits, runOptimistic);
  return async (sql, who, kind, rawHeader, records, options = {}) => {
    const p = preparePackage(def, who, kind, rawHeader, records);
    if (options.careful) return (await run(sql, [p], true))[0]!;
    if (p.total > limits.records) return (await runOptimistic(sql, [p]))[0]!;
    return groups.submit(sql, who, kind, p.packageId, p.total, p);
  };
}

/**
 * Up to 64 records of the packages that waited in one transaction; a second transaction of the caller beside the
 * running one only once 8 packages wait (one builds its statements while the other's run in the database). With
 * 16 concurrent single-record sends this made 750–806 sends/s against 622–681 with one transaction at a time and
 * 634 with two from the first waiting package (groups of 4 instead of 7–8).
 */
const defaultGroupLimits: GroupLimits = { running: 2, records: 64, waitingForMore: 8 };

/**
 * A file's packages go through one transaction one after another. While the package before is being written, the
 * next one's first look-ups may already run on a connection of their own (the database writes one package while
 * Node checks the next), provided none of its records shares a key with a record the transaction's earlier
 * packages carried: then nothing the transaction wrote can change what they find. Otherwise they wait and run in
 * the transaction.
 */
export interface LookAhead {
  /** The pool the look-ups borrow a connection from (a short transaction as the same caller). */
  sql: Sql;
  /** The package before this one, done: this package's statements in the transaction wait for it. */
  after: Promise<unknown>;
  /** The keys (`KindHandler.keys`) of the records the transaction's packages carried so far; this one adds its own. */
  keys: Set<string>;
}

export interface ProcessInOptions extends ProcessOptions {
  lookAhead?: LookAhead;
}

/** The processor for a package inside a caller-scoped transaction of the caller's (a file of many packages). */
export type PackageProcessorIn<K extends string> = (
  tx: Tx,
  who: AccessContext,
  kind: K,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessInOptions,
) => Promise<PackageProtocol<K>>;

/**
 * The same processor for packages within a transaction the caller holds (`withCaller`), so that a file's
 * packages commit or roll back together. Optimistic by default and without savepoints: when a write fails, it
 * throws `OptimisticWriteFailed` with the transaction aborted, and the caller processes its packages again in a
 * new transaction with `{ careful: true }`.
 */
export function packageProcessorIn<K extends string, C extends ExchangeContext>(
  def: ExchangeDefinition<K, C>,
): PackageProcessorIn<K> {
  return async (tx, who, kind, rawHeader, records, options = {}) => {
    const ahead = options.lookAhead;
    let p: PreparedPackage<K, C>;
    try {
      p = preparePackage(def, who, kind, rawHeader, records);
    } catch (error) {
      // A refused package still answers after the one before it: the file's outcome is in file order.
      await ahead?.after;
      throw error;
    }
    const checked = ahead && !options.careful ? lookAhead(def, p, ahead) : undefined;
    await ahead?.after;
    return (await processGroupIn(tx, def, [p], options.careful ?? false, checked))[0]!;
  };
}

/** The first round's checks of `p` on a connection of their own, when no earlier package shares a key (`LookAhead`). */
function lookAhead<K extends string, C extends ExchangeContext>(
  def: ExchangeDefinition<K, C>,
  p: PreparedPackage<K, C>,
  ahead: LookAhead,
): Promise<CheckedRecord<unknown>[]> | undefined {
  const keysOf = new Map(p.parsed.map((r) => [r, p.handler.keys(r.record)]));
  const keys = [...keysOf.values()].flat();
  const shared = keys.some((k) => ahead.keys.has(k));
  for (const k of keys) ahead.keys.add(k);
  const first = rounds(p.parsed, (r) => keysOf.get(r)!)[0];
  // Looking ahead borrows a second connection of the pool while the transaction holds one: a pool of one would
  // wait for itself.
  const poolMax = (ahead.sql as unknown as { options?: { max?: number } }).options?.max ?? 1;
  if (shared || !first || poolMax < 2) return undefined;
  const checked = withCaller(ahead.sql, p.who, async (t) =>
    p.handler.check(
      await def.openContext(t),
      p.who,
      first.map((r) => r.record),
    ),
  );
  checked.catch(() => {});
  return checked;
}

/** A package whose header, sender, permission and size are checked, its records through their schema. */
interface PreparedPackage<K extends string, C extends ExchangeContext> {
  who: AccessContext;
  kind: K;
  handler: KindHandler<C, unknown, unknown>;
  packageId: string;
  total: number;
  /** Records rejected before any look-up (by the channel or their schema). */
  early: RecordProtocol[];
  /** Records that failed their schema, with the fields that passed it, for the kind's `checkFields`. */
  failed: { ordinal: number; fields: Record<string, unknown> }[];
  parsed: Omit<Parsed<unknown>, 'pkg'>[];
}

function preparePackage<K extends string, C extends ExchangeContext>(
  def: ExchangeDefinition<K, C>,
  who: AccessContext,
  kind: K,
  rawHeader: unknown,
  records: readonly unknown[],
): PreparedPackage<K, C> {
  const handler = def.kinds[kind];
  if (!handler) throw Refusal.request('904', `Неизвестный вид сведений «${String(kind).slice(0, 32)}»`);
  const header = parsePackageHeader(rawHeader);
  if (header.senderCode !== who.orgCode) {
    throw Refusal.forbidden(
      `Отправитель пакета (${header.senderCode.slice(0, 16)}) не совпадает с организацией учётной записи (${who.orgCode})`,
    );
  }
  if (!can(who, handler.permission)) {
    throw Refusal.forbidden('Учётной записи не разрешено передавать такие сведения');
  }
  if (records.length === 0) throw Refusal.request('902', 'Пакет не содержит записей', 'records');
  if (records.length > def.maxRecords) {
    throw Refusal.request('904', `В пакете больше ${def.maxRecords} записей: разделите его`, 'records');
  }
  const early: RecordProtocol[] = [];
  const failed: PreparedPackage<K, C>['failed'] = [];
  const parsed: PreparedPackage<K, C>['parsed'] = [];
  for (const [index, raw] of records.entries()) {
    const outcome = parseRecord(handler, raw, index + 1);
    if ('status' in outcome) {
      early.push(outcome);
      const fields =
        handler.checkFields && !(raw instanceof RejectedByChannel) && validFields(handler.schema, raw);
      if (fields) failed.push({ ordinal: outcome.ordinal, fields });
    } else parsed.push(outcome);
  }
  return { who, kind, handler, packageId: header.packageId, total: records.length, early, failed, parsed };
}

function parseRecord<R>(
  handler: KindHandler<ExchangeContext, R, unknown>,
  raw: unknown,
  ordinal: number,
): RecordProtocol | Omit<Parsed<R>, 'pkg'> {
  if (raw instanceof RejectedByChannel) {
    return { ordinal, sourceId: raw.sourceId, status: 'rejected', issues: [...raw.issues] };
  }
  if (raw instanceof ValidatedRecord) {
    const record = raw.record as R & { sourceId: string };
    return { ordinal, sourceId: record.sourceId, record };
  }
  const sourceId =
    raw && typeof raw === 'object' && 'sourceId' in raw
      ? String((raw as { sourceId: unknown }).sourceId)
      : null;
  const parsed = handler.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ordinal, sourceId, status: 'rejected', issues: schemaIssues(parsed.error) };
  return { ordinal, sourceId, record: parsed.data };
}

/** A package of the group being processed: its journal row, its records' outcomes, what its writes touched. */
interface Open<K extends string, C extends ExchangeContext> {
  p: PreparedPackage<K, C>;
  ref: string;
  protocols: Map<number, RecordProtocol>;
  touched: { records: Set<string>; persons: Set<string> };
}

/**
 * One transaction's packages (one caller's, one kind, distinct package ids), processed together: journal rows,
 * look-ups, writes and protocols take a statement each for all of them; each package is answered on its own.
 */
async function processGroupIn<K extends string, C extends ExchangeContext>(
  tx: Tx,
  def: ExchangeDefinition<K, C>,
  group: readonly PreparedPackage<K, C>[],
  careful: boolean,
  checkedAhead?: Promise<CheckedRecord<unknown>[]>,
): Promise<PackageProtocol<K>[]> {
  const { who, kind, handler } = group[0]!;
  const table = tx(def.packageTable);
  const records = group.reduce((n, p) => n + p.total, 0);
  // The journal rows first: a concurrent transaction with the same package id waits here until this one ends,
  // then finds the row and answers the stored protocol as a duplicate. The packages write their own audit entries
  // (below), so the per-statement audit triggers of the area's tables stay quiet until then. Small packages (SOAP
  // and REST sends) keep their statements' generic plans to the end of the transaction instead of planning them
  // again each time — planning the look-up statement cost more than running it (1.6 ms against 1.3 ms for a
  // single-record SendReferrals). A big one (a file's 1,000–5,000 records) is planned for its arrays: generic
  // plans assume a few elements and made a 20,000-record T1 file 3–4 times slower.
  const journalRows = tx<{ id: string; package_id: string }[]>`
    insert into ${table} (package_id, sender_code, kind, channel, username, status, total, accepted, rejected,
                          protocol)
    select package_id, ${who.orgCode}, ${kind}, ${who.channel}, ${who.username}, 'rejected', total, 0, 0, '{}'
    from unnest(${group.map((p) => p.packageId)}::text[], ${group.map((p) => p.total)}::int[])
      as p(package_id, total)
    on conflict (sender_code, kind, package_id) do nothing
    returning id::text, package_id, set_config('omslink.audit_bulk', 'on', true) as quiet,
              set_config('plan_cache_mode', ${records <= genericPlanRecords ? 'force_generic_plan' : 'auto'}, true)
                as plans`;
  // The first round's look-ups go out right behind the journal rows, in the same round trip, on the guess that
  // every package is new (a repeated package id is rare); when one is not, they are asked again without it.
  // Sent the way `await` sends a query (a microtask later, in order): behind the caller context, ahead of them.
  const journaled = Promise.resolve(journalRows);
  journaled.catch(() => {});
  const ctx = await def.openContext(tx);
  const all = group.flatMap((p, pkg) => p.parsed.map((r) => ({ ...r, pkg })));
  const allRounds = rounds(all, (p) => handler.keys(p.record));
  const guessed =
    allRounds[0] &&
    (checkedAhead ??
      handler.check(
        ctx,
        who,
        allRounds[0].map((p) => p.record),
      ));
  guessed?.catch(() => {});
  const rows = await journaled;
  const refs = new Map(rows.map((r) => [r.package_id, r.id]));
  const answers: PackageProtocol<K>[] = new Array(group.length);
  const seen = group.filter((p) => !refs.has(p.packageId));
  if (seen.length > 0) {
    const stored = await tx<{ package_id: string; protocol: PackageProtocol<K> }[]>`
      select package_id, protocol from ${table}
      where sender_code = ${who.orgCode} and kind = ${kind}
        and package_id = any(${seen.map((p) => p.packageId)}::text[])`;
    const byId = new Map(stored.map((s) => [s.package_id, s.protocol]));
    for (const [i, p] of group.entries()) {
      if (refs.has(p.packageId)) continue;
      const protocol = byId.get(p.packageId);
      if (!protocol)
        throw new Error(`${def.packageTable}: the package ${p.packageId} is neither new nor stored`);
      answers[i] = { ...protocol, status: 'duplicate' };
    }
  }
  const open: Open<K, C>[] = [];
  const openAt: number[] = [];
  for (const [i, p] of group.entries()) {
    const ref = refs.get(p.packageId);
    if (!ref) continue;
    open.push({
      p,
      ref,
      protocols: new Map(p.early.map((e) => [e.ordinal, e])),
      touched: { records: new Set(), persons: new Set() },
    });
    openAt.push(i);
  }
  if (open.length === 0) {
    await guessed;
    return answers;
  }

  if (handler.checkFields) await checkFailedFields(ctx, who, handler, open);
  const allNew = open.length === group.length;
  if (!allNew) await guessed;
  const parsed = allNew ? all : open.flatMap((o, pkg) => o.p.parsed.map((r) => ({ ...r, pkg })));
  for (const [i, round] of (allNew ? allRounds : rounds(parsed, (p) => handler.keys(p.record))).entries()) {
    await processRound(ctx, who, handler, round, careful, open, i === 0 && allNew ? guessed : undefined);
  }

  const finished = open.map((o) => protocolOf(o));
  const entries = open.map((o, i) => {
    const { kind: k, packageId, total, accepted, rejected } = finished[i]!;
    return {
      records: [o.ref, ...o.touched.records],
      persons: [...o.touched.persons],
      request_id: o.p.who.requestId ?? null,
      details: { kind: k, packageId, total, accepted, rejected },
    };
  });
  const journal = open.map((o, i) => {
    const { status, accepted, rejected } = finished[i]!;
    return { id: o.ref, status, accepted, rejected, protocol: finished[i] };
  });
  await tx`
    with journal as (
      select * from json_to_recordset(${JSON.stringify(journal)}::text::json)
        as j(id bigint, status text, accepted int, rejected int, protocol jsonb)
    ), finished as (
      update ${table} p set status = j.status, accepted = j.accepted, rejected = j.rejected, protocol = j.protocol
      from journal j
      where p.id = j.id
      returning p.id)
    select audit.record_each('import', ${def.packageTable}, ${JSON.stringify(entries)}::text::json),
           set_config('omslink.audit_bulk', '', true)
    from (select count(*) from finished) f`;
  for (const [i, at] of openAt.entries()) answers[at] = finished[i]!;
  return answers;
}

function protocolOf<K extends string, C extends ExchangeContext>(o: Open<K, C>): PackageProtocol<K> {
  const ordered = [...o.protocols.values()].sort((a, b) => a.ordinal - b.ordinal);
  const accepted = ordered.filter((p) => p.status === 'accepted').length;
  return {
    packageId: o.p.packageId,
    kind: o.p.kind,
    status: packageStatus(accepted, ordered.length),
    total: ordered.length,
    accepted,
    rejected: ordered.length - accepted,
    records: ordered,
  };
}

/** Records that failed their schema get the FLK of the fields that passed it, all packages' at once. */
async function checkFailedFields<K extends string, C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  open: readonly Open<K, C>[],
): Promise<void> {
  const failed = open.flatMap((o) => o.p.failed.map((f) => ({ o, f })));
  if (failed.length === 0) return;
  const more = await handler.checkFields!(
    ctx,
    who,
    failed.map(({ f }) => f.fields),
  );
  for (const [i, { o, f }] of failed.entries()) {
    const protocol = o.protocols.get(f.ordinal)!;
    o.protocols.set(f.ordinal, { ...protocol, issues: [...protocol.issues, ...(more[i] ?? [])] });
  }
}

/** Records of at most this many in a transaction run on generic plans (see `processGroupIn`). */
const genericPlanRecords = 64;

/**
 * The package's records in rounds: a record goes to the round after the last one holding a record it shares a
 * key with, so records that affect each other's checks are processed in package order, the others together.
 */
export function rounds<T>(items: readonly T[], keys: (item: T) => readonly string[]): T[][] {
  const last = new Map<string, number>();
  const out: T[][] = [];
  for (const item of items) {
    const own = keys(item);
    const round = own.reduce((r, k) => Math.max(r, (last.get(k) ?? -1) + 1), 0);
    for (const k of own) last.set(k, round);
    if (round === out.length) out.push([]);
    out[round]!.push(item);
  }
  return out;
}

type WriteOutcome = { id: string } | { conflict: true } | { issue: FlkIssue };
type Valid = { item: Parsed<unknown>; checked: CheckedRecord<unknown> };

async function processRound<K extends string, C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  round: readonly Parsed<unknown>[],
  careful: boolean,
  open: readonly Open<K, C>[],
  checkedAlready?: Promise<CheckedRecord<unknown>[]>,
): Promise<void> {
  // A concurrent package may store the same record (or take its unique key) between our check and our write:
  // the write then finds the key taken once the other commits. Checked again, the record meets what the other
  // stored, and gets the answer a sequential re-send gets (the idempotent acceptance, or its FLK rule).
  let pending = round;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const checked = await ((attempt === 1 && checkedAlready) ||
      handler.check(
        ctx,
        who,
        pending.map((p) => p.record),
      ));
    const valid: Valid[] = [];
    for (const [i, item] of pending.entries()) {
      const c = checked[i]!;
      const o = open[item.pkg]!;
      for (const person of c.persons ?? []) o.touched.persons.add(person);
      if (hasErrors(c.issues)) o.protocols.set(item.ordinal, rejected(item, c.issues));
      else valid.push({ item, checked: c });
    }
    const outcomes = careful
      ? await writeOneByOne(ctx, who, handler, valid, open)
      : await writeTogether(ctx, who, handler, valid, open);
    const again: Parsed<unknown>[] = [];
    for (const [i, { item, checked: c }] of valid.entries()) {
      const outcome = outcomes[i]!;
      const o = open[item.pkg]!;
      if ('id' in outcome) {
        o.protocols.set(item.ordinal, {
          ...base(item),
          status: 'accepted',
          id: outcome.id,
          issues: c.issues,
        });
        o.touched.records.add(outcome.id);
      } else if ('issue' in outcome) {
        o.protocols.set(item.ordinal, rejected(item, [...c.issues, outcome.issue]));
      } else if (attempt === 1) {
        again.push(item);
      } else {
        const lost = handler.onUniqueViolation?.(ctx) ?? [duplicateIssue()];
        o.protocols.set(item.ordinal, rejected(item, [...c.issues, ...lost]));
      }
    }
    pending = again;
  }
}

const base = (item: Parsed<unknown>) => ({ ordinal: item.ordinal, sourceId: item.sourceId });
const rejected = (item: Parsed<unknown>, issues: FlkIssue[]): RecordProtocol => ({
  ...base(item),
  status: 'rejected',
  issues,
});

const writeItem = (
  v: Valid,
  open: readonly Open<string, ExchangeContext>[],
): WriteItem<unknown, unknown> => ({
  record: v.item.record,
  facts: v.checked.facts,
  packageRef: open[v.item.pkg]!.ref,
});

/** What else the written items changed, to their packages' audit entries. */
function remember(
  result: WriteResult,
  written: readonly Valid[],
  open: readonly Open<string, ExchangeContext>[],
): void {
  for (const also of result.also ?? []) {
    // A change the write could not tie to its item goes to every package of the write: over-named, never lost.
    const own = written[also.item];
    for (const v of own ? [own] : written) {
      const touched = open[v.item.pkg]!.touched;
      if (also.record) touched.records.add(also.record);
      if (also.person) touched.persons.add(also.person);
    }
  }
}

/** Every valid record of the round in one write; a failure on data sends the packages to the careful path. */
async function writeTogether<C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  valid: readonly Valid[],
  open: readonly Open<string, C>[],
): Promise<WriteOutcome[]> {
  if (valid.length === 0) return [];
  let result: WriteResult;
  try {
    result = await handler.write(
      ctx,
      who,
      valid.map((v) => writeItem(v, open)),
    );
  } catch (error) {
    if (dbIssue(error)) throw new OptimisticWriteFailed(error);
    throw error;
  }
  remember(result, valid, open);
  return result.ids.map((id) => (id === null ? { conflict: true } : { id }));
}

/**
 * Each record's write in its own savepoint: a value the database refuses (too long, out of range, a constraint)
 * rejects that record only, the savepoint rolls its write back, the package goes on.
 */
async function writeOneByOne<C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  valid: readonly Valid[],
  open: readonly Open<string, C>[],
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const v of valid) {
    try {
      const result = (await ctx.tx.savepoint((sp) =>
        handler.write(withTx(ctx, sp), who, [writeItem(v, open)]),
      )) as unknown as WriteResult;
      remember(result, [v], open);
      const id = result.ids[0];
      outcomes.push(id ? { id } : { conflict: true });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        outcomes.push({ conflict: true });
        continue;
      }
      const issue = dbIssue(error);
      if (!issue) throw error;
      outcomes.push({ issue });
    }
  }
  return outcomes;
}

/**
 * The context with the savepoint's handle as `tx` (cached reference data shared through the prototype). A write
 * must query through the savepoint: postgres.js fails the whole transaction at its end with any error of a query
 * sent through the outer handle, even one the savepoint rolled back — that is how a lost unique-key race escaped
 * as a 500.
 */
function withTx<C extends ExchangeContext>(ctx: C, tx: Tx): C {
  return Object.create(ctx, { tx: { value: tx, enumerable: true } }) as C;
}
