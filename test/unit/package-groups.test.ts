import { describe, expect, it } from 'vitest';
import type { AccessContext } from '../../shared/platform/access/scoped';
import type { Sql } from '../../shared/platform/db/connection';
import { PackageGroups } from '../../shared/platform/exchange/package-groups';

/**
 * Group commit of small packages (shared/platform/exchange/package-groups.ts) without a database: a fake `run`
 * records the groups it is given and answers when the test releases it.
 */
interface Item {
  id: string;
  records: number;
  fail?: 'always' | 'together';
}

function harness(limits = { running: 2, records: 64, waitingForMore: 3 }) {
  const groups: string[][] = [];
  const releases: (() => void)[] = [];
  const groupsOf = new PackageGroups<Item, string>(limits, async (_sql, items) => {
    groups.push(items.map((i) => i.id));
    await new Promise<void>((resolve) => releases.push(resolve));
    if (items.some((i) => i.fail === 'always' || (i.fail === 'together' && items.length > 1))) {
      throw new Error(`failed: ${items.map((i) => i.id).join(',')}`);
    }
    return items.map((i) => `answer ${i.id}`);
  });
  const sql = {} as Sql;
  const who = (username = 'soap_mo'): AccessContext => ({
    username,
    role: 'mo_system',
    orgCode: '990001',
    orgKind: 'MO',
    channel: 'soap',
  });
  const submit = (item: Item, username?: string, packageId = item.id, kind = 'referral', on = sql) =>
    groupsOf.submit(on, who(username), kind, packageId, item.records, item);
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()!();
      await settle();
    }
  };
  return { groups, releases, submit, settle, releaseAll, sql };
}

describe('PackageGroups', () => {
  it('starts a lone package at once and groups the ones that wait, in arrival order', async () => {
    const h = harness();
    const first = h.submit({ id: 'a', records: 1 });
    await h.settle();
    expect(h.groups).toEqual([['a']]);
    const more = ['b', 'c'].map((id) => h.submit({ id, records: 1 }));
    await h.settle();
    // Two waiting, fewer than waitingForMore (3): they wait for the running transaction.
    expect(h.groups).toEqual([['a']]);
    h.releases.shift()!();
    expect(await first).toBe('answer a');
    await h.settle();
    expect(h.groups).toEqual([['a'], ['b', 'c']]);
    await h.releaseAll();
    expect(await Promise.all(more)).toEqual(['answer b', 'answer c']);
  });

  it('starts a second transaction beside the running one once enough packages wait, never a third', async () => {
    const h = harness();
    const answers = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => h.submit({ id, records: 1 }));
    await h.settle();
    // 'a' starts alone; 'b'–'d' reach waitingForMore and go as a second; 'e'–'g' wait for one of them.
    expect(h.groups).toEqual([['a'], ['b', 'c', 'd']]);
    await h.releaseAll();
    expect(h.groups).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f', 'g']]);
    expect(await Promise.all(answers)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => `answer ${id}`),
    );
  });

  it('keeps a group within the record limit and one package id per group', async () => {
    const h = harness({ running: 1, records: 5, waitingForMore: 1 });
    const answers = [
      h.submit({ id: 'a', records: 1 }),
      h.submit({ id: 'b', records: 3 }),
      h.submit({ id: 'c', records: 3 }),
      h.submit({ id: 'd', records: 2 }),
      h.submit({ id: 'e', records: 1 }, undefined, 'b'),
    ];
    await h.releaseAll();
    // 'c' does not fit beside 'b' (3 + 3 > 5) but 'd' does; 'e' repeats the package id of 'b': next group.
    expect(h.groups).toEqual([['a'], ['b', 'd'], ['c', 'e']]);
    expect(await Promise.all(answers)).toHaveLength(5);
  });

  it('never groups packages of different callers, kinds or connection pools', async () => {
    const h = harness({ running: 1, records: 64, waitingForMore: 1 });
    const other = {} as Sql;
    const answers = [
      h.submit({ id: 'a', records: 1 }),
      h.submit({ id: 'b', records: 1 }),
      h.submit({ id: 'c', records: 1 }, 'soap_mo2'),
      h.submit({ id: 'd', records: 1 }, undefined, 'd', 'admission'),
      h.submit({ id: 'e', records: 1 }, undefined, 'e', 'referral', other),
      h.submit({ id: 'f', records: 1 }),
    ];
    await h.releaseAll();
    expect(h.groups.map((g) => g.join(',')).sort()).toEqual(['a', 'b,f', 'c', 'd', 'e']);
    expect(await Promise.all(answers)).toHaveLength(6);
  });

  it('runs the packages of a failed group again alone: the error reaches only the caller whose package caused it', async () => {
    const h = harness({ running: 1, records: 64, waitingForMore: 1 });
    const first = h.submit({ id: 'a', records: 1 });
    const grouped = [
      h.submit({ id: 'b', records: 1 }),
      h.submit({ id: 'c', records: 1, fail: 'always' }),
      h.submit({ id: 'd', records: 1, fail: 'together' }),
    ].map((p) =>
      p.then(
        (v) => ({ ok: v }),
        (e: Error) => ({ error: e.message }),
      ),
    );
    await h.releaseAll();
    expect(await first).toBe('answer a');
    expect(await Promise.all(grouped)).toEqual([
      { ok: 'answer b' },
      { error: 'failed: c' },
      { ok: 'answer d' },
    ]);
    expect(h.groups).toEqual([['a'], ['b', 'c', 'd'], ['b'], ['c'], ['d']]);
  });
});
