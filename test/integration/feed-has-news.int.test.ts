import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FeedName,
  feedHasNews,
  feedNames,
  readFeed,
  readFeedPage,
} from '../../shared/hospitalisation/db/feeds';
import { processPackage } from '../../shared/hospitalisation/db/process-package';
import { type AccessContext, withCaller } from '../../shared/platform/access/scoped';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
  admission,
  caller,
  freeBeds,
  type HospFixture,
  header,
  hospFixture,
  referral,
} from '../helpers/hospitalisation-fixtures';

/**
 * A poll that finds nothing new costs one statement (`hosp.feed_has_news`, migration 026) instead of a
 * transaction. Its answer must never be false where the page has something: checked against `readFeed` for every
 * feed, every organisation kind (and an МО's sent side), from the start, from the middle and from the end.
 */
let db: TestDatabase;
let f: HospFixture;
const orgOf = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  f = await hospFixture(db.sql);
  for (const a of await db.sql<{ username: string; org: string }[]>`
    select username, org_code as org from auth.account where username in ('soap_mo2', 'soap_tfoms')`) {
    orgOf.set(a.username, a.org);
  }
  const mo = caller('soap_mo', 'mo_system', f.polyclinic);
  const hosp = caller('soap_hosp', 'mo_system', f.hospital);
  const r = referral(f, f.persons[0]!);
  await processPackage(db.app, mo, 'referral', header(f.polyclinic), [r, referral(f, f.persons[1]!)]);
  await processPackage(db.app, hosp, 'admission', header(f.hospital), [
    admission(f, f.persons[0]!, { referralNumber: r.number, referralDate: r.date }),
  ]);
  await processPackage(db.app, hosp, 'free-beds', header(f.hospital), [freeBeds(f)]);
});
afterAll(async () => {
  await db?.drop();
});

const callers = (): [string, AccessContext, boolean][] => [
  ['referring МО', caller('soap_mo', 'mo_system', f.polyclinic), false],
  ['referring МО, sent', caller('soap_mo', 'mo_system', f.polyclinic), true],
  ['hospital', caller('soap_hosp', 'mo_system', f.hospital), false],
  ['hospital, sent', caller('soap_hosp', 'mo_system', f.hospital), true],
  ['another МО', caller('soap_mo2', 'mo_system', orgOf.get('soap_mo2')!), false],
  ['СМО', caller('soap_smo', 'smo_system', f.smo), false],
  ['ТФОМС', caller('soap_tfoms', 'tfoms_system', orgOf.get('soap_tfoms')!), false],
];

async function page(who: AccessContext, feed: FeedName, cursor: string, sent: boolean) {
  return withCaller(db.app, who, (tx) => readFeed(tx, who, feed, { cursor, limit: 1, sent }));
}

describe('hosp.feed_has_news', () => {
  it('answers true exactly where readFeed finds something, for every feed and caller', async () => {
    let checked = 0;
    let news = 0;
    for (const [label, who, sent] of callers()) {
      for (const feed of feedNames) {
        // Walk the feed one item at a time: at each cursor, news ⇔ a non-empty page.
        let cursor = '0';
        for (let step = 0; step < 20; step++) {
          const next = await page(who, feed, cursor, sent);
          const has = await feedHasNews(db.app, who, feed, cursor, sent);
          expect(has, `${label}, ${feed}, after ${cursor}`).toBe(next.items.length > 0);
          checked += 1;
          if (!has) break;
          news += 1;
          cursor = next.nextCursor;
        }
      }
    }
    // The data gives every kind of caller something to read and an end to reach.
    expect(news).toBeGreaterThan(10);
    expect(checked).toBeGreaterThan(news);
  });

  it('leaves no caller context behind on the connection', async () => {
    const who = caller('soap_hosp', 'mo_system', f.hospital);
    const reserved = await db.app.reserve();
    try {
      await reserved`select hosp.feed_has_news(${who.username}, ${who.orgCode}, ${who.orgKind}, ${who.role},
                                               ${who.channel}, '', 'referrals', false, 0)`;
      const [row] = await reserved<
        { org: string | null }[]
      >`select current_setting('omslink.org_code', true) as org`;
      expect(row!.org ?? '').toBe('');
    } finally {
      reserved.release();
    }
  });

  it("readFeedPage answers an empty page with the same cursor, and a page in the caller's transaction otherwise", async () => {
    const who = caller('soap_hosp', 'mo_system', f.hospital);
    const all = await readFeedPage(db.app, who, 'referrals', { limit: 1000 });
    expect(all.items.length).toBeGreaterThan(0);
    const after = await readFeedPage(db.app, who, 'referrals', { cursor: all.nextCursor, limit: 1000 });
    expect(after).toEqual({ items: [], nextCursor: all.nextCursor });
  });
});
