import type { ZodType } from 'zod';
import { can, type Permission } from '../access/permissions';
import { type AccessContext, audit, withCaller } from '../access/scoped';
import type { Sql, Tx } from '../db/connection';
import { dbIssue } from '../db/db-errors';
import { type FlkIssue, type FlkRuleSet, hasErrors } from '../flk/issue';
import { Refusal } from '../flk/refusal';
import { schemaIssues } from '../flk/schema-issues';
import { parsePackageHeader } from './package-header';
import { type PackageProtocol, packageStatus, type RecordProtocol, RejectedByChannel } from './protocol';

/** What one package's checks and writes share (an area extends it with its cached look-ups). */
export interface ExchangeContext {
  tx: Tx;
  rules: FlkRuleSet;
}

/** How one message kind is checked (beyond its schema) and written. */
export interface KindHandler<C extends ExchangeContext, R, F> {
  schema: ZodType<R>;
  /** The permission a sender needs for this kind. */
  permission: Permission;
  /** FLK against directories, organisations, the register and earlier records; `facts` feed the write. */
  check(ctx: C, who: AccessContext, record: R): Promise<{ issues: FlkIssue[]; facts: F }>;
  /** Idempotent upsert keyed by (sender, sourceId); answers the stored record's id. */
  write(ctx: C, who: AccessContext, record: R, facts: F, packageRef: string): Promise<string>;
  /**
   * The record lost a race for a unique key to a concurrent package (23505 on write, again after the record
   * was checked and written once more): the issues to reject it with. Without it the record is rejected with
   * DB.DUPLICATE (905).
   */
  onUniqueViolation?(ctx: C): FlkIssue[];
}

export interface ExchangeDefinition<K extends string, C extends ExchangeContext> {
  /**
   * The area's package journal, e.g. `hosp.package`, with the columns (id, package_id, sender_code, kind,
   * channel, username, status, total, accepted, rejected, protocol) and a unique key (sender_code, kind,
   * package_id); docs/adding-an-area.md gives its DDL.
   */
  packageTable: string;
  /** Advisory-lock namespace of the area (one package id at a time per sender and kind). */
  lockNamespace: number;
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own record and facts types
  kinds: Record<K, KindHandler<C, any, any>>;
  openContext(tx: Tx): Promise<C>;
  maxRecords: number;
}

export type PackageProcessor<K extends string> = (
  sql: Sql,
  who: AccessContext,
  kind: K,
  header: unknown,
  records: readonly unknown[],
) => Promise<PackageProtocol<K>>;

/**
 * The one package processor of every channel (SOAP, REST, files, UI): the header is checked the same way
 * everywhere; the sender must be the caller's organisation and entitled to the kind; each record goes
 * through its schema and FLK; valid records are written (idempotently, by sender + source id) and rejected
 * ones store nothing; the package and its protocol are kept, so the same package id again answers the stored
 * protocol as a duplicate.
 */
export function packageProcessor<K extends string, C extends ExchangeContext>(
  def: ExchangeDefinition<K, C>,
): PackageProcessor<K> {
  return async (sql, who, kind, rawHeader, records) => {
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
    const table = (tx: Tx) => tx(def.packageTable);
    return withCaller(sql, who, async (tx) => {
      await tx`select pg_advisory_xact_lock(${def.lockNamespace}, hashtext(${`${who.orgCode}/${kind}/${header.packageId}`}))`;
      const [seen] = await tx<{ protocol: PackageProtocol<K> }[]>`
        select protocol from ${table(tx)}
        where sender_code = ${who.orgCode} and kind = ${kind} and package_id = ${header.packageId}`;
      if (seen) return { ...seen.protocol, status: 'duplicate' };
      const [pkg] = await tx<{ id: string }[]>`
        insert into ${table(tx)} (package_id, sender_code, kind, channel, username, status, total, accepted,
                                  rejected, protocol)
        values (${header.packageId}, ${who.orgCode}, ${kind}, ${who.channel}, ${who.username}, 'rejected',
                ${records.length}, 0, 0, '{}')
        returning id::text`;
      const ctx = await def.openContext(tx);
      const protocols: RecordProtocol[] = [];
      for (const [index, raw] of records.entries()) {
        protocols.push(await processRecord(ctx, who, handler, raw, index + 1, pkg!.id));
      }
      const accepted = protocols.filter((p) => p.status === 'accepted').length;
      const protocol: PackageProtocol<K> = {
        packageId: header.packageId,
        kind,
        status: packageStatus(accepted, protocols.length),
        total: protocols.length,
        accepted,
        rejected: protocols.length - accepted,
        records: protocols,
      };
      await tx`
        update ${table(tx)} set status = ${protocol.status}, accepted = ${accepted}, rejected = ${protocol.rejected},
               protocol = ${tx.json(protocol as never)}
        where id = ${pkg!.id}`;
      await audit(
        tx,
        'import',
        def.packageTable,
        { records: [pkg!.id] },
        { kind, total: protocol.total, accepted, rejected: protocol.rejected },
      );
      return protocol;
    });
  };
}

async function processRecord<C extends ExchangeContext>(
  ctx: C,
  who: AccessContext,
  handler: KindHandler<C, unknown, unknown>,
  raw: unknown,
  ordinal: number,
  packageRef: string,
): Promise<RecordProtocol> {
  if (raw instanceof RejectedByChannel) {
    return { ordinal, sourceId: raw.sourceId, status: 'rejected', issues: [...raw.issues] };
  }
  const sourceId =
    raw && typeof raw === 'object' && 'sourceId' in raw
      ? String((raw as { sourceId: unknown }).sourceId)
      : null;
  const parsed = handler.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ordinal, sourceId, status: 'rejected', issues: schemaIssues(parsed.error) };
  }
  // A concurrent package may store the same record (or take its unique key) between our check and our write:
  // the write then fails with 23505 once the other commits. Checked again, the record meets what the other
  // stored, and gets the answer a sequential re-send gets (the idempotent acceptance, or its FLK rule).
  for (let attempt = 1; ; attempt++) {
    const { issues, facts } = await handler.check(ctx, who, parsed.data);
    if (hasErrors(issues)) return { ordinal, sourceId, status: 'rejected', issues };
    try {
      const id = (await ctx.tx.savepoint((sp) =>
        handler.write(withTx(ctx, sp), who, parsed.data, facts, packageRef),
      )) as unknown as string;
      return { ordinal, sourceId, status: 'accepted', id, issues };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '23505' && attempt === 1) continue;
      if (code === '23505' && handler.onUniqueViolation) {
        return {
          ordinal,
          sourceId,
          status: 'rejected',
          issues: [...issues, ...handler.onUniqueViolation(ctx)],
        };
      }
      // A value the database refused (too long, out of range, a constraint): this record is rejected, the
      // savepoint rolled its write back, the package goes on.
      const issue = dbIssue(error);
      if (issue) return { ordinal, sourceId, status: 'rejected', issues: [...issues, issue] };
      throw error;
    }
  }
}

/**
 * The context with the savepoint's handle as `tx` (look-ups and caches shared through the prototype). A write
 * must query through the savepoint: postgres.js fails the whole transaction at its end with any error of a
 * query sent through the outer handle, even one the savepoint rolled back — that is how a lost unique-key race
 * escaped as a 500.
 */
function withTx<C extends ExchangeContext>(ctx: C, tx: Tx): C {
  return Object.create(ctx, { tx: { value: tx, enumerable: true } }) as C;
}
