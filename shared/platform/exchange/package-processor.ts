import type { ZodType } from 'zod';
import { can, type Permission } from '../access/permissions';
import { type AccessContext, withCaller } from '../access/scoped';
import type { Sql, Tx } from '../db/connection';
import { dbIssue, duplicateIssue } from '../db/db-errors';
import { type FlkIssue, type FlkRuleSet, hasErrors } from '../flk/issue';
import { Refusal } from '../flk/refusal';
import { schemaIssues } from '../flk/schema-issues';
import { validFields } from '../flk/valid-fields';
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
 * concurrent package (nothing of it was written); and the other records and persons it changed (a referral's
 * waiting stays, the referral an admission admits), for the package's audit entry.
 */
export interface WriteResult {
  ids: (string | null)[];
  records?: readonly string[];
  persons?: readonly string[];
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
  write(
    ctx: C,
    who: AccessContext,
    items: readonly { record: R; facts: F }[],
    packageRef: string,
  ): Promise<WriteResult>;
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

/** A record of the package that passed its schema. */
interface Parsed<R> {
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
 */
export function packageProcessor<K extends string, C extends ExchangeContext>(
  def: ExchangeDefinition<K, C>,
): PackageProcessor<K> {
  return async (sql, who, kind, rawHeader, records, options = {}) => {
    const p = preparePackage(def, who, kind, rawHeader, records);
    const run = (careful: boolean) => withCaller(sql, who, (tx) => processIn(tx, def, p, who, careful));
    if (options.careful) return run(true);
    try {
      return await run(false);
    } catch (error) {
      if (!(error instanceof OptimisticWriteFailed)) throw error;
      return run(true);
    }
  };
}

/** The processor for a package inside a caller-scoped transaction of the caller's (a file of many packages). */
export type PackageProcessorIn<K extends string> = (
  tx: Tx,
  who: AccessContext,
  kind: K,
  header: unknown,
  records: readonly unknown[],
  options?: ProcessOptions,
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
  return (tx, who, kind, rawHeader, records, options = {}) =>
    processIn(tx, def, preparePackage(def, who, kind, rawHeader, records), who, options.careful ?? false);
}

/** A package whose header, sender, permission and size are checked, its records through their schema. */
interface PreparedPackage<K extends string, C extends ExchangeContext> {
  kind: K;
  handler: KindHandler<C, unknown, unknown>;
  packageId: string;
  total: number;
  /** Records rejected before any look-up (by the channel or their schema). */
  early: RecordProtocol[];
  /** Records that failed their schema, with the fields that passed it, for the kind's `checkFields`. */
  failed: { ordinal: number; fields: Record<string, unknown> }[];
  parsed: Parsed<unknown>[];
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
  const parsed: Parsed<unknown>[] = [];
  for (const [index, raw] of records.entries()) {
    const outcome = parseRecord(handler, raw, index + 1);
    if ('status' in outcome) {
      early.push(outcome);
      const fields =
        handler.checkFields && !(raw instanceof RejectedByChannel) && validFields(handler.schema, raw);
      if (fields) failed.push({ ordinal: outcome.ordinal, fields });
    } else parsed.push(outcome);
  }
  return { kind, handler, packageId: header.packageId, total: records.length, early, failed, parsed };
}

function parseRecord<R>(
  handler: KindHandler<ExchangeContext, R, unknown>,
  raw: unknown,
  ordinal: number,
): RecordProtocol | Parsed<R> {
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

async function processIn<K extends string, C extends ExchangeContext>(
  tx: Tx,
  def: ExchangeDefinition<K, C>,
  p: PreparedPackage<K, C>,
  who: AccessContext,
  careful: boolean,
): Promise<PackageProtocol<K>> {
  const { kind, handler, packageId, total, early, failed, parsed } = p;
  const table = tx(def.packageTable);
  // The journal row first: a concurrent transaction with the same package id waits here until this one ends,
  // then finds the row and answers the stored protocol as a duplicate. The package writes its own audit entry
  // (below), so the per-statement audit triggers of the area's tables stay quiet until then. A small package (a
  // SOAP or REST send) keeps its statements' generic plans to the end of the transaction instead of planning them
  // again each time — planning the look-up statement cost more than running it (1.6 ms against 1.3 ms for a
  // single-record SendReferrals). A big one (a file's 1,000–5,000 records) is planned for its arrays: generic
  // plans assume a few elements and made a 20,000-record T1 file 3–4 times slower.
  const [pkg] = await tx<{ id: string }[]>`
    insert into ${table} (package_id, sender_code, kind, channel, username, status, total, accepted, rejected,
                          protocol)
    values (${packageId}, ${who.orgCode}, ${kind}, ${who.channel}, ${who.username}, 'rejected', ${total}, 0, 0,
            '{}')
    on conflict (sender_code, kind, package_id) do nothing
    returning id::text, set_config('omslink.audit_bulk', 'on', true) as quiet,
              set_config('plan_cache_mode', ${total <= genericPlanRecords ? 'force_generic_plan' : 'auto'}, true)
                as plans`;
  if (!pkg) {
    const [seen] = await tx<{ protocol: PackageProtocol<K> }[]>`
      select protocol from ${table}
      where sender_code = ${who.orgCode} and kind = ${kind} and package_id = ${packageId}`;
    if (!seen) throw new Error(`${def.packageTable}: the package ${packageId} is neither new nor stored`);
    return { ...seen.protocol, status: 'duplicate' };
  }
  const ctx = await def.openContext(tx);
  const protocols = new Map<number, RecordProtocol>(early.map((p) => [p.ordinal, p]));
  if (handler.checkFields && failed.length > 0) {
    const more = await handler.checkFields(
      ctx,
      who,
      failed.map((f) => f.fields),
    );
    for (const [i, f] of failed.entries()) {
      const protocol = protocols.get(f.ordinal)!;
      protocols.set(f.ordinal, { ...protocol, issues: [...protocol.issues, ...(more[i] ?? [])] });
    }
  }
  const touched = { records: new Set<string>(), persons: new Set<string>() };
  for (const round of rounds(parsed, (p) => handler.keys(p.record))) {
    await processRound(ctx, who, handler, round, pkg.id, careful, protocols, touched);
  }
  const ordered = [...protocols.values()].sort((a, b) => a.ordinal - b.ordinal);
  const accepted = ordered.filter((p) => p.status === 'accepted').length;
  const protocol: PackageProtocol<K> = {
    packageId,
    kind,
    status: packageStatus(accepted, ordered.length),
    total: ordered.length,
    accepted,
    rejected: ordered.length - accepted,
    records: ordered,
  };
  const details = { kind, packageId, total: protocol.total, accepted, rejected: protocol.rejected };
  await tx`
    with finished as (
      update ${table} set status = ${protocol.status}, accepted = ${accepted}, rejected = ${protocol.rejected},
             protocol = ${tx.json(protocol as never)}
      where id = ${pkg.id}
      returning id)
    select audit.record('import', ${def.packageTable}, ${[pkg.id, ...touched.records]}::text[],
                        ${[...touched.persons]}::bigint[], ${tx.json(details)}),
           set_config('omslink.audit_bulk', '', true)
    from finished`;
  return protocol;
}

/** Packages of at most this many records run on generic plans (see `processIn`). */
const genericPlanRecords = 10;

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

async function processRound<C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  round: readonly Parsed<unknown>[],
  packageRef: string,
  careful: boolean,
  protocols: Map<number, RecordProtocol>,
  touched: { records: Set<string>; persons: Set<string> },
): Promise<void> {
  // A concurrent package may store the same record (or take its unique key) between our check and our write:
  // the write then finds the key taken once the other commits. Checked again, the record meets what the other
  // stored, and gets the answer a sequential re-send gets (the idempotent acceptance, or its FLK rule).
  let pending = round;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const checked = await handler.check(
      ctx,
      who,
      pending.map((p) => p.record),
    );
    const valid: { item: Parsed<unknown>; checked: CheckedRecord<unknown> }[] = [];
    for (const [i, item] of pending.entries()) {
      const c = checked[i]!;
      for (const person of c.persons ?? []) touched.persons.add(person);
      if (hasErrors(c.issues)) protocols.set(item.ordinal, rejected(item, c.issues));
      else valid.push({ item, checked: c });
    }
    const outcomes = careful
      ? await writeOneByOne(ctx, who, handler, valid, packageRef, touched)
      : await writeTogether(ctx, who, handler, valid, packageRef, touched);
    const again: Parsed<unknown>[] = [];
    for (const [i, { item, checked: c }] of valid.entries()) {
      const outcome = outcomes[i]!;
      if ('id' in outcome) {
        protocols.set(item.ordinal, { ...base(item), status: 'accepted', id: outcome.id, issues: c.issues });
        touched.records.add(outcome.id);
      } else if ('issue' in outcome) {
        protocols.set(item.ordinal, rejected(item, [...c.issues, outcome.issue]));
      } else if (attempt === 1) {
        again.push(item);
      } else {
        const lost = handler.onUniqueViolation?.(ctx) ?? [duplicateIssue()];
        protocols.set(item.ordinal, rejected(item, [...c.issues, ...lost]));
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

function remember(result: WriteResult, touched: { records: Set<string>; persons: Set<string> }) {
  for (const id of result.records ?? []) touched.records.add(id);
  for (const id of result.persons ?? []) touched.persons.add(id);
}

/** Every valid record of the round in one write; a failure on data sends the package to the careful path. */
async function writeTogether<C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  valid: readonly { item: Parsed<unknown>; checked: CheckedRecord<unknown> }[],
  packageRef: string,
  touched: { records: Set<string>; persons: Set<string> },
): Promise<WriteOutcome[]> {
  if (valid.length === 0) return [];
  let result: WriteResult;
  try {
    result = await handler.write(
      ctx,
      who,
      valid.map((v) => ({ record: v.item.record, facts: v.checked.facts })),
      packageRef,
    );
  } catch (error) {
    if (dbIssue(error)) throw new OptimisticWriteFailed(error);
    throw error;
  }
  remember(result, touched);
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
  valid: readonly { item: Parsed<unknown>; checked: CheckedRecord<unknown> }[],
  packageRef: string,
  touched: { records: Set<string>; persons: Set<string> },
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const v of valid) {
    try {
      const result = (await ctx.tx.savepoint((sp) =>
        handler.write(withTx(ctx, sp), who, [{ record: v.item.record, facts: v.checked.facts }], packageRef),
      )) as unknown as WriteResult;
      remember(result, touched);
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
