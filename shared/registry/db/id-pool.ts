import type { Db } from '../../platform/db/connection';

/**
 * Ids of an identity sequence drawn ahead, a block at a time (`nextval` over a series: one round trip per
 * block, safe beside concurrent imports; ids drawn for records that end up rejected are simply not used).
 */
export class IdPool {
  private ids: number[] = [];
  private at = 0;

  constructor(
    private readonly db: Db,
    private readonly sequence: string,
    private readonly block = 4000,
  ) {}

  /** The next `n` ids. */
  async take(n: number): Promise<number[]> {
    if (this.ids.length - this.at < n) {
      const rows = await this.db<{ v: string }[]>`
        select nextval(${this.sequence})::text as v from generate_series(1, ${Math.max(n, this.block)})`;
      this.ids = [...this.ids.slice(this.at), ...rows.map((r) => Number(r.v))];
      this.at = 0;
    }
    const taken = this.ids.slice(this.at, this.at + n);
    this.at += n;
    return taken;
  }
}
