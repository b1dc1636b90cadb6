import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoHospitalFlows } from '../../shared/hospitalisation/demo/hospital-flows-writer';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

/** The demo region's 90-day hospitalisation story passes the exchange's own FLK, record by record. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('demo hospitalisation story', () => {
  it('sends referrals, cancellations, admissions, discharges, free beds and plans, all accepted, once', async () => {
    // Act
    const result = await ensureDemoHospitalFlows(db.sql, { ...testDemo });

    // Assess: every generated record passed the FLK
    expect(result.status).toBe('generated');
    for (const [kind, c] of Object.entries(result.counts)) {
      expect({ kind, accepted: c.accepted }).toEqual({ kind, accepted: c.records });
      expect(c.records).toBeGreaterThan(0);
    }
    // … and the story has every state a worklist needs
    const states = await db.sql<{ state: string; n: number }[]>`
      select case when status = 'issued' and valid_until < current_date then 'expired'
                  when status = 'issued' and planned_date < current_date then 'overdue' else status end as state,
             count(*)::int as n
      from hosp.referral group by 1`;
    expect(states.map((s) => s.state).sort()).toEqual(
      expect.arrayContaining(['admitted', 'cancelled', 'discharged', 'expired', 'issued', 'overdue']),
    );
    const [emergency] = await db.sql`select count(*)::int as n from hosp.stay where kind = 'emergency'`;
    expect(emergency!.n).toBeGreaterThan(0);

    // Act + Assess: a second run finds it present and sends nothing
    expect((await ensureDemoHospitalFlows(db.sql, { ...testDemo })).status).toBe('present');
  });
});
