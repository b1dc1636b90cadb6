import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryDemoStory } from '../../shared/registry/demo/demo-story';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('the demo region’s registry packages', () => {
  it('a year of packages goes through the import once: every case accepted, onco paths in the register', async () => {
    const first = await registryDemoStory.run(db.sql, testDemo);
    expect(first.status).toBe('generated');
    const imports = await db.sql<{ status: string; rejected: number; accepted: number }[]>`
      select status, (counts->>'rejected')::int as rejected, (counts->>'accepted')::int as accepted
      from registry.import where uploaded_by = 'demo'`;
    expect(imports.length).toBe(48);
    expect(imports.every((i) => i.status === 'done' && i.rejected === 0 && i.accepted > 0)).toBe(true);
    const [register] = await db.sql<{ persons: number; diagnosed: number; treated: number; cases: number }[]>`
      select count(*)::int as persons, count(diagnosis_date)::int as diagnosed,
             count(treatment_date)::int as treated, sum(cases)::int as cases
      from registry.onco_person`;
    expect(register!.diagnosed).toBeGreaterThan(0);
    expect(register!.treated).toBeGreaterThan(0);
    expect(register!.cases).toBeGreaterThan(1000);
    const again = await registryDemoStory.run(db.sql, testDemo);
    expect(again.status).toBe('present');
  }, 180_000);
});
