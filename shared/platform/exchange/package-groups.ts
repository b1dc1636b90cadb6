import type { AccessContext } from '../access/scoped';
import type { Sql } from '../db/connection';

/** How small packages of one caller share transactions: see `PackageGroups`. */
export interface GroupLimits {
  /** Transactions of one caller and kind at a time; more packages wait and go together in the next. */
  running: number;
  /** Records of the packages that go together in one transaction, at most. */
  records: number;
  /**
   * Packages waiting before another transaction starts beside a running one: a few more wait for the running one
   * to end and go together, many start another.
   */
  waitingForMore: number;
}

/** A package waiting for its transaction: what `run` needs of it, and its caller's answer. */
interface Waiting<P, A> {
  item: P;
  packageId: string;
  records: number;
  resolve(answer: A): void;
  reject(error: unknown): void;
}

interface Lane<P, A> {
  running: number;
  waiting: Waiting<P, A>[];
}

/**
 * Group commit for small packages (a SOAP or REST send of a record or a few): packages of one caller, kind and
 * connection pool that arrive while that caller's transactions are busy wait and then go together through one
 * transaction — one journal statement, one look-up, one write and one protocol statement for all of them, each
 * package keeping its own journal row, protocol and audit entry with its own request id. A package that finds
 * the lane free starts at once, so a lone send waits for nothing; under load each transaction carries the
 * packages that queued meanwhile, and the statements' cost is shared instead of paid per send.
 *
 * Packages go together only when they are one caller's (same account, organisation, role and channel): one
 * caller context, one row-level-security scope, the semantics of the same packages sent one after another. Two
 * packages with the same package id never share a transaction (the second answers the first's protocol as a
 * duplicate, as it would sent later). When a shared transaction fails other than on a record's data (which the
 * processor already answers record by record), each of its packages is run again alone, so the error reaches
 * only the caller whose package caused it.
 */
export class PackageGroups<P, A> {
  private readonly lanes = new WeakMap<Sql, Map<string, Lane<P, A>>>();

  constructor(
    private readonly limits: GroupLimits,
    private readonly run: (sql: Sql, items: readonly P[]) => Promise<A[]>,
  ) {}

  submit(
    sql: Sql,
    who: AccessContext,
    kind: string,
    packageId: string,
    records: number,
    item: P,
  ): Promise<A> {
    let bySql = this.lanes.get(sql);
    if (!bySql) {
      bySql = new Map();
      this.lanes.set(sql, bySql);
    }
    const key = `${who.username}\u0000${who.orgCode}\u0000${who.orgKind}\u0000${who.role}\u0000${who.channel}\u0000${kind}`;
    let lane = bySql.get(key);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      bySql.set(key, lane);
    }
    const answer = new Promise<A>((resolve, reject) => {
      lane.waiting.push({ item, packageId, records, resolve, reject });
    });
    this.pump(sql, bySql, key, lane);
    return answer;
  }

  private pump(sql: Sql, bySql: Map<string, Lane<P, A>>, key: string, lane: Lane<P, A>): void {
    while (
      lane.waiting.length > 0 &&
      (lane.running === 0 ||
        (lane.running < this.limits.running && lane.waiting.length >= this.limits.waitingForMore))
    ) {
      const group = this.take(lane);
      lane.running += 1;
      void this.runGroup(sql, group).finally(() => {
        lane.running -= 1;
        if (lane.running === 0 && lane.waiting.length === 0) bySql.delete(key);
        else this.pump(sql, bySql, key, lane);
      });
    }
  }

  /** The waiting packages in arrival order up to the record limit, each package id once. */
  private take(lane: Lane<P, A>): Waiting<P, A>[] {
    const group: Waiting<P, A>[] = [];
    const ids = new Set<string>();
    let records = 0;
    const left: Waiting<P, A>[] = [];
    for (const w of lane.waiting) {
      const fits = group.length === 0 || records + w.records <= this.limits.records;
      if (fits && !ids.has(w.packageId)) {
        group.push(w);
        ids.add(w.packageId);
        records += w.records;
      } else left.push(w);
    }
    lane.waiting = left;
    return group;
  }

  private async runGroup(sql: Sql, group: readonly Waiting<P, A>[]): Promise<void> {
    try {
      const answers = await this.run(
        sql,
        group.map((w) => w.item),
      );
      for (const [i, w] of group.entries()) w.resolve(answers[i]!);
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const w of group) {
        try {
          const [answer] = await this.run(sql, [w.item]);
          w.resolve(answer!);
        } catch (own) {
          w.reject(own);
        }
      }
    }
  }
}
