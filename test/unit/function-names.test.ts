import { describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/manifest';
import { omsFunctionName } from '../../infra/constructs/oms-function';

describe('Lambda function names', () => {
  it('every function of the manifest has its own valid physical name (the alarms find it by that name)', () => {
    const names = allFunctions.map((spec) => omsFunctionName(spec));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
